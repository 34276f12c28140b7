// Drill b: kill -9 of a `baton serve` process under write load, then a restart on the same
// PGlite folder or PostgreSQL database. Every write answered 2xx must be there afterwards, and
// every case and note must be whole: its row and its audit event, both or neither.
import { sqlExecutor } from "../../src/db/driver.ts";
import type { ServeChild } from "../serve.ts";
import {
  call,
  createCase,
  type DrillOptions,
  type DrillResult,
  fmt,
  openTarget,
  prepare,
  scratchDatabase,
  scratchFolder,
  serve,
  sleep,
  type Target,
  tally,
  WORKSPACE,
} from "./support.ts";

interface Acknowledged {
  notes: Map<number, string>;
  cases: Map<number, string>;
}

export async function killDrills(options: DrillOptions): Promise<DrillResult[]> {
  const results: DrillResult[] = [];
  const folder = scratchFolder();
  try {
    results.push(await killDrill(options, { kind: "pglite", dir: folder.dir }));
  } finally {
    folder.drop();
  }
  const scratch = await scratchDatabase(options.adminUrl);
  try {
    results.push(await killDrill(options, { kind: "postgres", url: scratch.url }));
  } finally {
    await scratch.drop();
  }
  return results;
}

async function killDrill(options: DrillOptions, target: Target): Promise<DrillResult> {
  const kills = options.long ? 5 : 1;
  const loadMs = options.long ? 8_000 : 4_000;
  const writers = 8;
  const failures: string[] = [];
  const { token } = await prepare(target);
  const acked: Acknowledged = { notes: new Map(), cases: new Map() };
  const statuses: number[] = [];
  const restartMs: number[] = [];
  let server: ServeChild | undefined = await serve(target);
  let inFlightAtKill = 0;
  try {
    const base = await createCase(server.url, token, "Kill drill: notes land here");
    for (let k = 0; k < kills; k++) {
      const url = server.url;
      let killed = false;
      let inFlight = 0;
      let seq = 0;
      const loop = async (w: number) => {
        while (!killed) {
          const tag = `k${k}w${w}n${seq++}`;
          inFlight++;
          const answer =
            seq % 3 === 0
              ? await call(url, token, "POST", "/api/v1/cases", {
                  workspace: WORKSPACE,
                  subject: `Kill drill ${tag}`,
                })
              : await call(url, token, "POST", `/api/v1/cases/${base.number}/notes`, {
                  body: `Note ${tag}`,
                  visibility: "private",
                });
          inFlight--;
          statuses.push(answer.status);
          if (answer.status === 201) {
            if (typeof answer.body.id === "number") acked.notes.set(answer.body.id, `Note ${tag}`);
            else acked.cases.set(Number(answer.body.number), `Kill drill ${tag}`);
          } else if (answer.status !== 0)
            failures.push(
              `${answer.status} under load: ${JSON.stringify(answer.body).slice(0, 200)}`,
            );
          // After the kill, a refused connection ends the writer.
          if (answer.status === 0) break;
        }
      };
      const loops = Array.from({ length: writers }, (_, w) => loop(w));
      await sleep(loadMs);
      inFlightAtKill += inFlight;
      const logged = server.output();
      for (const cause of serverErrors(logged)) failures.push(`the server logged: ${cause}`);
      server.child.kill("SIGKILL");
      killed = true;
      await Promise.all(loops);
      const exited = server;
      server = undefined;
      await exited.stop();
      const t0 = performance.now();
      // The same folder or database, as a supervisor restarting the service would.
      server = await serve(target);
      restartMs.push(performance.now() - t0);
    }
    await server.stop();
    server = undefined;
    const check = await verify(target, acked);
    failures.push(...check.failures);
    const counts = tally(statuses);
    return {
      name: `b. kill -9 under write load, ${target.kind === "pglite" ? "PGlite" : "PostgreSQL"}`,
      figures: {
        kills,
        requests: statuses.length,
        answers: fmt(counts),
        "acknowledged notes / cases": `${acked.notes.size} / ${acked.cases.size}`,
        "in flight at the kill (outcome unknown to the client)": inFlightAtKill,
        lost: check.lost,
        "half-written": check.halfWritten,
        "restart to healthy, ms": restartMs.map((m) => Math.round(m)).join(", "),
      },
      failures,
    };
  } finally {
    await server?.stop();
  }
}

async function verify(
  target: Target,
  acked: Acknowledged,
): Promise<{ lost: number; halfWritten: number; failures: string[] }> {
  const failures: string[] = [];
  const database = await openTarget(target);
  try {
    const rows = async (text: string) =>
      (await sqlExecutor(database.db).executeSql(text)).rows as Record<string, unknown>[];
    const notes = new Map(
      (await rows("SELECT id, body FROM activities WHERE kind = 'note'")).map((r) => [
        Number(r.id),
        String(r.body),
      ]),
    );
    const cases = new Map(
      (await rows("SELECT number, subject FROM cases")).map((r) => [
        Number(r.number),
        String(r.subject),
      ]),
    );
    let lost = 0;
    for (const [id, body] of acked.notes)
      if (notes.get(id) !== body) {
        lost++;
        if (lost <= 5) failures.push(`note ${id} was acknowledged but reads ${notes.get(id)}`);
      }
    for (const [number, subject] of acked.cases)
      if (cases.get(number) !== subject) {
        lost++;
        if (lost <= 5)
          failures.push(`case ${number} was acknowledged but reads ${cases.get(number)}`);
      }
    // A row without its audit event, or an event without its row, would be a torn transaction.
    const [counted] = await rows(
      `SELECT (SELECT count(*) FROM activities WHERE kind = 'note') AS notes,
              (SELECT count(*) FROM audit_events WHERE action = 'case.note_added') AS note_events,
              (SELECT count(*) FROM cases) AS cases,
              (SELECT count(*) FROM audit_events WHERE action = 'case.created') AS case_events`,
    );
    let halfWritten = 0;
    if (counted) {
      halfWritten =
        Math.abs(Number(counted.notes) - Number(counted.note_events)) +
        Math.abs(Number(counted.cases) - Number(counted.case_events));
      if (halfWritten)
        failures.push(
          `torn writes: ${counted.notes} notes / ${counted.note_events} note events, ${counted.cases} cases / ${counted.case_events} case events`,
        );
    }
    return { lost, halfWritten, failures };
  } finally {
    await database.close();
  }
}

/** The distinct causes of the 500s a server logged, e.g. "caused by: error: deadlock detected". */
export function serverErrors(output: string): string[] {
  const causes = new Set<string>();
  for (const line of output.split("\n")) {
    if (!line.includes('"unhandled error"')) continue;
    try {
      const entry = JSON.parse(line) as { err?: { stack?: string; message?: string } };
      const stack = entry.err?.stack ?? "";
      const cause = /caused by: ([^\n]+)/.exec(stack)?.[1] ?? entry.err?.message ?? line;
      causes.add(cause.slice(0, 300));
    } catch {
      causes.add(line.slice(0, 300));
    }
  }
  return [...causes];
}
