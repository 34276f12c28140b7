// Complete transfers over HTTP against the bare SQL of the same transaction (issue 4, Performance).
//
//   node bench/transfer.ts [--clients 8] [--duration 10] [--cases 20000] [--agents 50]
//     [--postgres-url URL] [--cpu-prof DIR] [--count-queries]
//
// On a scratch PostgreSQL database (created and dropped here): seeds the demo, generates N cases
// into helpdesk-transfer, starts `baton serve` on it and, with a supervisor's API token, drives
// `POST /api/v1/cases/{n}/transfers` (kind "transfer" to a queue: no steps, so each request
// completes the transfer) at --clients connections for --duration seconds, a different case
// each time. Then it runs the same transaction's statements through a `pg` Pool of the same
// size, at the same concurrency and for the same time, on other cases. Prints both rates, their
// latencies and the ratio HTTP/floor (target: at least 0.5).
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import { createApiToken } from "../src/auth/api-tokens.ts";
import { generateVolume } from "../src/demo/generate.ts";
import { seedDemo } from "../src/demo/seed.ts";
import { openBenchPostgres } from "./dataset.ts";
import { busyMeter, processTicks } from "./machine.ts";
import { startServe } from "./serve.ts";

const WORKSPACE = "helpdesk-transfer";
const COUNTER = fileURLToPath(new URL("./transfer-count.ts", import.meta.url));
const QUEUES = ["l1-support", "l2-support"] as const;
const REASON = "escalate-to-l2";

interface Flags {
  clients: number;
  durationS: number;
  cases: number;
  agents: number;
  postgresUrl: string;
  cpuProf: string | undefined;
  countQueries: boolean;
}

function parseFlags(argv: string[]): Flags {
  const flags: Flags = {
    clients: 8,
    durationS: 10,
    cases: 20_000,
    agents: 50,
    postgresUrl: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    cpuProf: undefined,
    countQueries: false,
  };
  const numeric: Record<string, "clients" | "durationS" | "cases" | "agents"> = {
    "--clients": "clients",
    "--duration": "durationS",
    "--cases": "cases",
    "--agents": "agents",
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const field = numeric[arg];
    if (field) {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value <= 0) throw new Error(`${arg} needs a whole number`);
      flags[field] = value;
    } else if (arg === "--postgres-url") flags.postgresUrl = argv[++i] ?? flags.postgresUrl;
    else if (arg === "--cpu-prof") flags.cpuProf = argv[++i];
    else if (arg === "--count-queries") flags.countQueries = true;
    else throw new Error(`unknown flag ${arg}`);
  }
  return flags;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** One case handed out to a transfer: its number, id, the version and queue it has now. */
interface Slot {
  id: string;
  number: number;
  version: number;
  queue: string;
}

/** Hands out cases in order, round and round; each pass finds every case one version on. */
class Dealer {
  private next = 0;
  private readonly slots: Slot[];
  constructor(slots: Slot[]) {
    if (slots.length === 0) throw new Error("no cases to transfer");
    this.slots = slots;
  }
  take(): { slot: Slot; version: number; target: string } {
    const slot = this.slots[this.next++ % this.slots.length]!;
    const version = slot.version;
    const target = slot.queue === QUEUES[1] ? QUEUES[0] : QUEUES[1];
    slot.version += 1;
    slot.queue = target;
    return { slot, version, target };
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface PhaseResult {
  ok: number;
  failed: number;
  errors: number;
  seconds: number;
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  /** Whole-machine CPU busy % during the phase. */
  busyPct: number;
  statuses: Record<string, number>;
}

function summarise(
  latencies: number[],
  ok: number,
  failed: number,
  errors: number,
  seconds: number,
  busyPct: number,
  statuses: Record<string, number>,
): PhaseResult {
  const sorted = latencies.sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 100) / 100;
  return {
    ok,
    failed,
    errors,
    seconds: r(seconds),
    rate: Math.round(ok / seconds),
    p50: r(percentile(sorted, 50)),
    p95: r(percentile(sorted, 95)),
    p99: r(percentile(sorted, 99)),
    busyPct,
    statuses,
  };
}

async function httpPhase(
  url: string,
  token: string,
  dealer: Dealer,
  flags: Flags,
): Promise<PhaseResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let failed = 0;
  let firstFailure = "";
  const meter = busyMeter();
  const started = performance.now();
  let instance: autocannon.Instance | undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url,
        connections: flags.clients,
        duration: flags.durationS,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        requests: [
          {
            method: "POST",
            setupRequest: (request) => {
              const { slot, version, target } = dealer.take();
              return {
                ...request,
                path: `/api/v1/cases/${slot.number}/transfers`,
                body: JSON.stringify({
                  version,
                  kind: "transfer",
                  target: { queue: target },
                  reason: REASON,
                }),
              };
            },
            onResponse: (status, body) => {
              statuses[status] = (statuses[status] ?? 0) + 1;
              if (status === 201) ok++;
              else {
                failed++;
                if (!firstFailure) firstFailure = `${status} ${body.slice(0, 300)}`;
              }
            },
          },
        ],
      },
      (error: unknown, result: autocannon.Result) => (error ? reject(error) : resolve(result)),
    );
  });
  instance?.on("response", (_client, _status, _bytes, responseTime) => {
    latencies.push(responseTime);
  });
  const result = await done;
  const seconds = (performance.now() - started) / 1000;
  if (firstFailure) log(`  first non-201: ${firstFailure}`);
  return summarise(latencies, ok, failed, result.errors, seconds, meter(), statuses);
}

/** The statements requestTransfer + completeTransfer send for a queue transfer, bare. */
async function floorTransfer(
  client: pg.PoolClient,
  slot: Slot,
  target: string,
  actorId: string,
): Promise<void> {
  const now = new Date();
  await client.query("BEGIN");
  try {
    const locked = await client.query<{
      id: string;
      workspace_id: string;
      number: number;
      version: number;
      owner_id: string | null;
      queue: string;
    }>(
      "SELECT id, workspace_id, number, version, owner_id, queue FROM cases WHERE id = $1 FOR UPDATE",
      [slot.id],
    );
    const kase = locked.rows[0];
    if (!kase) throw new Error(`case ${slot.number} vanished`);
    const note = await client.query<{ id: string }>(
      `INSERT INTO activities (case_id, kind, visibility, body, author_id, data)
       VALUES ($1, 'note', 'private', $2, $3, $4) RETURNING id`,
      [
        kase.id,
        `Transfer to queue ${target}: Escalate from level 1 to level 2`,
        actorId,
        JSON.stringify({ event: "transfer.handover_note", kind: "transfer" }),
      ],
    );
    const transfer = await client.query<{ id: string }>(
      `INSERT INTO transfers (workspace_id, case_id, kind, state, requested_by, from_owner_id,
         from_queue, target_type, target_queue, reason, template, required_steps, steps, warnings,
         artifacts, new_status, pin, comment, handover_note_id, created_at, updated_at)
       VALUES ($1, $2, 'transfer', 'awaiting_acceptance', $3, $4, $5, 'queue', $6, $7, '{}',
         '{}', '[]', '[]', $8, 'active', false, '', $9, $10, $10)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        kase.workspace_id,
        kase.id,
        actorId,
        kase.owner_id,
        kase.queue,
        target,
        REASON,
        JSON.stringify({ internalTitle: null, targetLabel: `queue ${target}` }),
        note.rows[0]?.id,
        now,
      ],
    );
    const transferId = transfer.rows[0]?.id;
    if (!transferId) throw new Error(`case ${slot.number} has an open transfer`);
    const notify = (action: string) =>
      JSON.stringify({ workspaceId: kase.workspace_id, number: kase.number, action, actorId });
    const audit = `INSERT INTO audit_events (action, actor_id, workspace_id, case_id, subject_type, subject_id, data)
       VALUES ($1, $2, $3, $4, 'transfer', $5, $6)`;
    await client.query(audit, [
      "transfer.requested",
      actorId,
      kase.workspace_id,
      kase.id,
      transferId,
      JSON.stringify({ kind: "transfer", target: `queue ${target}`, reason: REASON }),
    ]);
    await client.query("SELECT pg_notify('baton_case_events', $1)", [notify("transfer.requested")]);
    const updated = await client.query<{ version: number }>(
      `UPDATE cases SET owner_id = NULL, queue = $2, status = 'active', pinned = false,
         pinned_until = NULL, first_response_due_at = $3, handoff_count = handoff_count + 1,
         version = version + 1, updated_at = $4
       WHERE id = $1 AND version = $5 RETURNING version`,
      [kase.id, target, new Date(now.getTime() + 3_600_000), now, kase.version],
    );
    if (updated.rowCount !== 1) throw new Error(`case ${slot.number} changed meanwhile`);
    await client.query(
      `UPDATE transfers SET state = 'completed', completed_at = $2, expires_at = NULL,
         updated_at = $2, version = version + 1 WHERE id = $1`,
      [transferId, now],
    );
    await client.query(
      `INSERT INTO activities (case_id, kind, visibility, body, author_id, data)
       VALUES ($1, 'system', 'private', $2, $3, $4)`,
      [
        kase.id,
        `Transferred (Transfer) to queue ${target}`,
        actorId,
        JSON.stringify({ event: "transfer.completed", transferId }),
      ],
    );
    await client.query(audit, [
      "transfer.completed",
      actorId,
      kase.workspace_id,
      kase.id,
      transferId,
      JSON.stringify({
        kind: "transfer",
        from: { ownerId: kase.owner_id, queue: kase.queue },
        to: { ownerId: null, queue: target },
        version: updated.rows[0]?.version,
      }),
    ]);
    await client.query("SELECT pg_notify('baton_case_events', $1)", [notify("transfer.completed")]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

async function floorPhase(
  url: string,
  dealer: Dealer,
  actorId: string,
  flags: Flags,
): Promise<PhaseResult> {
  const pool = new pg.Pool({ connectionString: url, max: flags.clients });
  // Open every connection before the clock starts, as the server's pool is warm too.
  const warm = await Promise.all(Array.from({ length: flags.clients }, () => pool.connect()));
  for (const c of warm) c.release();
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let firstFailure = "";
  const meter = busyMeter();
  const started = performance.now();
  const end = started + flags.durationS * 1000;
  const worker = async () => {
    const client = await pool.connect();
    try {
      while (performance.now() < end) {
        const { slot, target } = dealer.take();
        const t0 = performance.now();
        try {
          await floorTransfer(client, slot, target, actorId);
          ok++;
          latencies.push(performance.now() - t0);
        } catch (error) {
          failed++;
          if (!firstFailure) firstFailure = String(error);
        }
      }
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: flags.clients }, worker));
  const seconds = (performance.now() - started) / 1000;
  const busy = meter();
  await pool.end();
  if (firstFailure) log(`  first floor failure: ${firstFailure}`);
  return summarise(latencies, ok, failed, 0, seconds, busy, { ok });
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const name = `baton_bench_${Math.random().toString(16).slice(2, 10)}`;
  const url = new URL(flags.postgresUrl);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: flags.postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  log(`created database ${name}`);
  try {
    const bdb = await openBenchPostgres(url.toString());
    try {
      await bdb.migrate();
      const seeded = await seedDemo(bdb.db);
      if (!seeded.seeded) throw new Error("expected an empty database to seed");
      const generated = await generateVolume(bdb.db, {
        workspaceSlug: WORKSPACE,
        cases: flags.cases,
        agents: flags.agents,
        seed: 1,
      });
      log(`generated ${generated.cases} cases, ${generated.agents} agents`);
      await bdb.rows("VACUUM (ANALYZE) cases");
      const [actor] = await bdb.rows(
        `SELECT m.user_id, m.role, u.email FROM memberships m
           JOIN workspaces w ON w.id = m.workspace_id JOIN users u ON u.id = m.user_id
          WHERE w.slug = $1 AND m.role = 'supervisor' ORDER BY u.email LIMIT 1`,
        [WORKSPACE],
      );
      if (!actor) throw new Error(`no supervisor in ${WORKSPACE}`);
      const actorId = String(actor.user_id);
      const { token } = await createApiToken(bdb.db, actorId, "bench-transfer");
      const rows = await bdb.rows(
        `SELECT c.id, c.number, c.version, c.queue FROM cases c JOIN workspaces w ON w.id = c.workspace_id
          WHERE w.slug = $1 AND c.status <> 'closed'
            AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.case_id = c.id
                              AND t.state NOT IN ('completed','rejected','declined','withdrawn','expired'))
          ORDER BY c.number`,
        [WORKSPACE],
      );
      const slots: Slot[] = rows.map((r) => ({
        id: String(r.id),
        number: Number(r.number),
        version: Number(r.version),
        queue: String(r.queue),
      }));
      // Every other case to each side, so both see the same mix of cases.
      const httpDealer = new Dealer(slots.filter((_, i) => i % 2 === 0));
      const floorDealer = new Dealer(slots.filter((_, i) => i % 2 === 1));
      log(`${slots.length} open cases; acting as ${String(actor.email)} (${String(actor.role)})`);

      const server = await startServe({
        env: { DATABASE_URL: url.toString(), BATON_DB_POOL: String(flags.clients) },
        nodeArgs: [
          ...(flags.cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${flags.cpuProf}`] : []),
          ...(flags.countQueries ? ["--import", COUNTER] : []),
        ],
      });
      let http: PhaseResult;
      let serverCpuMs: number;
      let warmOk = 0;
      try {
        // A short warm-up so the first figures are not the JIT's and the pool's.
        warmOk = (await httpPhase(server.url, token, httpDealer, { ...flags, durationS: 2 })).ok;
        log(`HTTP: ${flags.clients} connections for ${flags.durationS} s…`);
        const ticks = processTicks(server.pid);
        http = await httpPhase(server.url, token, httpDealer, flags);
        serverCpuMs = (processTicks(server.pid) - ticks) * 10;
      } finally {
        await server.stop();
      }
      const counted = /baton-queries: (\d+)/.exec(server.output())?.[1];
      const queriesPerTransfer = counted
        ? Math.round((Number(counted) / (warmOk + http.ok)) * 10) / 10
        : undefined;
      log(`bare SQL: ${flags.clients} connections for ${flags.durationS} s…`);
      await floorPhase(url.toString(), floorDealer, actorId, { ...flags, durationS: 2 });
      const floor = await floorPhase(url.toString(), floorDealer, actorId, flags);

      const ratio = Math.round((http.rate / floor.rate) * 100) / 100;
      const report = {
        clients: flags.clients,
        durationS: flags.durationS,
        cases: flags.cases,
        http: {
          ...http,
          serverCpuMsPerTransfer: Math.round((serverCpuMs / http.ok) * 100) / 100,
          queriesPerTransfer,
        },
        floor,
        ratio,
        target: 0.5,
        met: ratio >= 0.5,
      };
      console.log(JSON.stringify(report, null, 2));
      console.log(
        `\nHTTP   ${http.rate} transfers/s  p50 ${http.p50} ms  p95 ${http.p95} ms  ` +
          `(${http.ok} × 201, ${http.failed} non-201, ${http.errors} errors; ` +
          `server CPU ${report.http.serverCpuMsPerTransfer} ms/transfer; machine ${http.busyPct}% busy)`,
      );
      console.log(
        `floor  ${floor.rate} transfers/s  p50 ${floor.p50} ms  p95 ${floor.p95} ms  ` +
          `(${floor.ok} ok, ${floor.failed} failed; machine ${floor.busyPct}% busy)`,
      );
      console.log(`ratio  HTTP/floor = ${ratio} (target ≥ 0.5: ${report.met ? "met" : "NOT met"})`);
    } finally {
      await bdb.close();
    }
  } finally {
    const drop = new pg.Client({ connectionString: flags.postgresUrl });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await drop.end();
    log(`dropped database ${name}`);
  }
}

await main();
