// Drill d: PostgreSQL restarted under write load, two `baton serve` processes on it. While it is
// away clients must get 503 with Retry-After (never 500, never a dropped connection); once it is
// back requests succeed without restarting Baton, live events flow again between the processes
// (their LISTEN connections came back), and no write answered 2xx is missing.
//
// The drill's data lives in its own database, but the restart hits the whole server: other users
// of it see the same second or two of outage. FAULTS_PG_RESTART replaces the command (for a
// server not run by pg_ctlcluster, e.g. `docker restart pg`).
import { exec } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { promisify } from "node:util";
import { sqlExecutor } from "../../src/db/driver.ts";
import type { ServeChild } from "../serve.ts";
import {
  call,
  createCase,
  type DrillOptions,
  type DrillResult,
  fmt,
  openStream,
  openTarget,
  prepare,
  scratchDatabase,
  serve,
  sleep,
  tally,
} from "./support.ts";

function restartCommand(): string {
  const override = process.env.FAULTS_PG_RESTART;
  if (override) return override;
  const versions = existsSync("/etc/postgresql") ? readdirSync("/etc/postgresql").sort() : [];
  const version = versions.at(-1);
  if (!version)
    throw new Error(
      "no /etc/postgresql here: set FAULTS_PG_RESTART to the command that restarts PostgreSQL",
    );
  return `pg_ctlcluster --skip-systemctl-redirect ${version} main restart`;
}

export async function restartDrill(options: DrillOptions): Promise<DrillResult> {
  const command = restartCommand();
  const failures: string[] = [];
  const scratch = await scratchDatabase(options.adminUrl);
  const servers: ServeChild[] = [];
  try {
    return await drill(options, scratch.url, command, failures, servers);
  } catch (error) {
    for (const server of servers)
      if (server.child.exitCode !== null)
        options.log(`  a server exited ${server.child.exitCode}:\n${server.output().slice(-3000)}`);
    throw error;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await scratch.drop();
  }
}

async function drill(
  options: DrillOptions,
  url: string,
  command: string,
  failures: string[],
  servers: ServeChild[],
): Promise<DrillResult> {
  const restarts = options.long ? 3 : 1;
  {
    const target = { kind: "postgres" as const, url };
    const { token } = await prepare(target);
    servers.push(await serve(target, { BATON_DB_POOL: "4" }));
    servers.push(await serve(target, { BATON_DB_POOL: "4" }));
    const urls = servers.map((s) => s.url);
    const kase = await createCase(urls[0]!, token, "Restart drill: notes land here");

    const statuses: number[] = [];
    const acked = new Map<number, string>();
    let missingRetryAfter = 0;
    let slowest = 0;
    let stopped = false;
    let seq = 0;
    let lastFailureAt = 0;
    let firstOkAfterRestart = 0;
    let restartedAt = Number.POSITIVE_INFINITY;
    const loop = async (w: number) => {
      while (!stopped) {
        const body = `Note w${w} n${seq++}`;
        const sentAt = Date.now();
        const answer = await call(
          urls[w % 2]!,
          token,
          "POST",
          `/api/v1/cases/${kase.number}/notes`,
          {
            body,
            visibility: "private",
          },
        );
        statuses.push(answer.status);
        slowest = Math.max(slowest, Date.now() - sentAt);
        if (process.env.FAULTS_TRACE)
          options.log(`    ${sentAt % 100000} +${Date.now() - sentAt} ${answer.status}`);
        if (answer.status === 201) {
          acked.set(Number(answer.body.id), body);
          if (!firstOkAfterRestart && Date.now() > restartedAt) firstOkAfterRestart = Date.now();
          continue;
        }
        lastFailureAt = Date.now();
        if (answer.status === 503) {
          if (!answer.retryAfter) missingRetryAfter++;
          if (answer.body.code !== "database_unavailable")
            failures.push(`503 with code ${String(answer.body.code)}`);
        } else
          failures.push(
            `${answer.status || answer.error} from ${urls[w % 2]}: ${JSON.stringify(answer.body).slice(0, 200)}`,
          );
        // A client that honours Retry-After would wait seconds; the drill only avoids spinning.
        await sleep(100);
      }
    };
    const loops = Array.from({ length: 6 }, (_, w) => loop(w));
    const restartMs: number[] = [];
    const recoveryMs: number[] = [];
    for (let r = 0; r < restarts; r++) {
      await sleep(3_000);
      const t0 = Date.now();
      firstOkAfterRestart = 0;
      restartedAt = Number.POSITIVE_INFINITY;
      // Not execSync: the drill's clients must keep sending while the command runs.
      await promisify(exec)(command, { timeout: 60_000 });
      restartedAt = Date.now();
      restartMs.push(restartedAt - t0);
      options.log(`  PostgreSQL restarted in ${restartedAt - t0} ms`);
      const deadline = Date.now() + 30_000;
      while (!firstOkAfterRestart && Date.now() < deadline) await sleep(50);
      if (!firstOkAfterRestart)
        failures.push(`no request succeeded within 30 s of restart ${r + 1}`);
      else recoveryMs.push(firstOkAfterRestart - restartedAt);
    }
    await sleep(3_000);
    stopped = true;
    await Promise.all(loops);
    const quietSince = Date.now() - lastFailureAt;

    // Live events: a note through B must reach a stream held open on A, which needs A's LISTEN
    // connection to have come back after the restart.
    const stream = await openStream(urls[0]!, token);
    await sleep(300);
    const note = await call(urls[1]!, token, "POST", `/api/v1/cases/${kase.number}/notes`, {
      body: "after the restart",
      visibility: "private",
    });
    if (note.status === 201) acked.set(Number(note.body.id), "after the restart");
    const seenBy = Date.now() + 5_000;
    while (stream.events.length === 0 && Date.now() < seenBy) await sleep(50);
    stream.close();
    if (stream.events.length === 0)
      failures.push("a note made through B after the restart never reached A's live stream");

    const ready: string[] = [];
    for (const url of urls) {
      const response = await fetch(`${url}/readyz`);
      ready.push(String(response.status));
      await response.arrayBuffer();
    }
    if (ready.some((s) => s !== "200"))
      failures.push(`/readyz after the restart: ${ready.join(", ")}`);

    const database = await openTarget(target);
    let lost = 0;
    try {
      const rows = (
        await sqlExecutor(database.db).executeSql(
          "SELECT id, body FROM activities WHERE kind = 'note'",
        )
      ).rows as { id: string | number; body: string }[];
      const present = new Map(rows.map((r) => [Number(r.id), r.body]));
      for (const [id, body] of acked)
        if (present.get(id) !== body) {
          lost++;
          if (lost <= 5)
            failures.push(`note ${id} was acknowledged but is ${present.get(id) ?? "missing"}`);
        }
    } finally {
      await database.close();
    }
    for (const server of servers)
      if (server.child.exitCode !== null)
        failures.push(`a server exited ${server.child.exitCode}: ${server.output().slice(-1500)}`);
    if (missingRetryAfter) failures.push(`${missingRetryAfter} answers 503 without Retry-After`);
    const counts = tally(statuses);
    return {
      name: "d. PostgreSQL restarted under load, 2 processes",
      figures: {
        restarts,
        requests: statuses.length,
        answers: fmt(counts),
        "503 with Retry-After": (counts["503"] ?? 0) - missingRetryAfter,
        "500 or dropped": (counts["500"] ?? 0) + (counts["0"] ?? 0),
        "acknowledged notes": acked.size,
        lost,
        "restart command, ms": restartMs.join(", "),
        "restart done → first 2xx, ms": recoveryMs.join(", "),
        "live events after the restart (A sees B's note)": stream.events.length,
        "/readyz after": ready.join(", "),
        "slowest answer, ms": slowest,
        "no failure in the last, s": lastFailureAt ? (quietSince / 1000).toFixed(1) : "— (none)",
      },
      failures,
    };
  }
}
