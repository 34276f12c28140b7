// Complete transfers over HTTP against the bare SQL of the same transaction (issue 4, Performance).
//
//   node bench/transfer.ts [--clients 8] [--duration 10] [--rounds 4] [--warmup 10]
//     [--cases 20000] [--agents 50] [--postgres-url URL] [--cpu-prof DIR] [--count-queries] [--bare-floor]
//     [--stock-floor] [--processes 1] [--pool N] [--node-args="--flag …"]
//
// On a scratch PostgreSQL database (created and dropped here): seeds the demo, generates N cases
// into helpdesk-transfer, starts `baton serve` on it and, with a supervisor's API token, drives
// `POST /api/v1/cases/{n}/transfers` (kind "transfer" to a queue: no steps, so each request
// completes the transfer) at --clients connections, a different case each time. The floor runs
// the same request's statements through a `pg` Pool of the same size at the same concurrency on
// other cases: the token's lookup (as the auth hook sends it, and as the list views' floor
// does; --bare-floor leaves it out, as the floor did until 2026-12-06), then the transaction,
// sent as the server sends them (src/db/wire-query.ts; --stock-floor: through node-postgres's
// own query, as the floor did until 2026-12-07).
// The two alternate in --rounds slices of --duration ÷ --rounds seconds each, so that a change
// in the shared machine's speed falls on both; the server stays up throughout, LISTENing as
// every server process does, so PostgreSQL delivers the live notifications in both. Prints
// both rates, their latencies, where the CPU went and the ratio HTTP/floor (target: at least
// 0.7 since issue 16, 0.5 before). With --count-queries and BATON_QUERY_LOG=FILE, the server
// also appends each statement it sends to FILE, tagged by connection, to see what one transfer
// sends.
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { getTableColumns, Param, Placeholder } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import { tokenActorStatement } from "../src/auth/api-tokens.ts";
import { sha256 } from "../src/auth/secrets.ts";
import type { Db } from "../src/db/client.ts";
import { TransactionConnection } from "../src/db/pg-transaction.ts";
import * as schema from "../src/db/schema.ts";
import { runWire, type WireStatement } from "../src/db/wire-query.ts";
import { AfterCommit, type Note, notifyManyStatement } from "../src/events/after-commit.ts";
import {
  auditBatchStatement,
  CASE_EVENTS_CHANNEL,
  DELIVERIES_CHANNEL,
} from "../src/events/emit.ts";
import { lockCaseForTransferStatement } from "../src/loaders/case-context.ts";
import { insertAndReassignStatement } from "../src/writes/complete-transfer.ts";

import { benchFlags, DEFAULT_POSTGRES_URL } from "./flags.ts";
import { type CpuShare, cpuMeter, waitForQuiet } from "./machine.ts";
import { type ServeChild, startServe } from "./serve.ts";
import { Dealer, driveTransfers, onScratchDatabase, REASON, type Slot } from "./transfer-cases.ts";

const COUNTER = fileURLToPath(new URL("./transfer-count.ts", import.meta.url));
/** HTTP's share of the floor's rate that issue 16 asks for (issue 4 asked for 0.5). */
const TARGET = 0.7;

function parseFlags(argv: string[]) {
  return benchFlags(argv, {
    numbers: {
      clients: 8,
      duration: 10,
      rounds: 4,
      warmup: 10,
      cases: 20_000,
      agents: 50,
      processes: 1,
    },
    texts: { "postgres-url": DEFAULT_POSTGRES_URL, "cpu-prof": "", pool: "", "node-args": "" },
    switches: ["count-queries", "bare-floor", "stock-floor"],
  });
}

const log = (line: string) => process.stderr.write(`${line}\n`);

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
  /** Where the machine's CPU went during the phase, and per transfer. */
  cpu: CpuShare;
  statuses: Record<string, number>;
}

/** What a phase measures CPU time of: the server (none for the floor) and the database. */
interface Watched {
  /** The server processes, whose CPU is summed. */
  serverPids: number[];
  database: string;
}

function summarise(
  latencies: number[],
  ok: number,
  failed: number,
  errors: number,
  seconds: number,
  cpu: CpuShare,
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
    cpu,
    statuses,
  };
}

/** What one phase (HTTP or floor) collected over its slices. */
class Tally {
  readonly latencies: number[] = [];
  readonly statuses: Record<string, number> = {};
  ok = 0;
  failed = 0;
  errors = 0;
  seconds = 0;
  firstFailure = "";
  readonly meter: ReturnType<typeof cpuMeter>;
  constructor(watched: Watched) {
    this.meter = cpuMeter(watched.serverPids, watched.database);
  }
  /** Runs one slice, its time and CPU counted. */
  async time<T>(slice: () => Promise<T>): Promise<T> {
    this.meter.start();
    const started = performance.now();
    try {
      return await slice();
    } finally {
      this.seconds += (performance.now() - started) / 1000;
      this.meter.stop();
    }
  }
  fail(what: string): void {
    this.failed++;
    if (!this.firstFailure) this.firstFailure = what;
  }
  result(): PhaseResult {
    return summarise(
      this.latencies,
      this.ok,
      this.failed,
      this.errors,
      this.seconds,
      this.meter.share(this.ok),
      this.statuses,
    );
  }
}

/**
 * Drives `POST /cases/{n}/transfers` at --clients connections for `seconds`, shared evenly among
 * the server processes (as a load balancer would share them).
 */
async function httpSlice(
  urls: string[],
  token: string,
  dealer: Dealer,
  clients: number,
  seconds: number,
  tally: Tally,
): Promise<void> {
  const results = await tally.time(() =>
    Promise.all(
      urls.map((url, i) =>
        driveTransfers({
          url,
          token,
          dealer,
          clients: shareOf(clients, urls.length, i),
          seconds,
          onResponse: (status, body) => {
            tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
            if (status === 201) tally.ok++;
            else tally.fail(`${status} ${body.slice(0, 300)}`);
          },
          onLatency: (ms) => tally.latencies.push(ms),
        }),
      ),
    ),
  );
  for (const result of results) tally.errors += result.errors;
}

/** The i-th of n near-equal parts of total. */
const shareOf = (total: number, n: number, i: number) =>
  Math.floor(total / n) + (i < total % n ? 1 : 0);

/** The same transactions' bare SQL through a pg Pool, at --clients connections, for `seconds`. */
async function floorSlice(
  pool: pg.Pool,
  dealer: Dealer,
  actor: FloorActor,
  clients: number,
  seconds: number,
  tally: Tally,
): Promise<void> {
  const end = performance.now() + seconds * 1000;
  const worker = async () => {
    const client = await pool.connect();
    try {
      while (performance.now() < end) {
        const { slot, target } = dealer.take();
        const t0 = performance.now();
        try {
          await floorTransfer(client, slot, target, actor);
          tally.ok++;
          tally.latencies.push(performance.now() - t0);
        } catch (error) {
          tally.fail(String(error));
        }
      }
    } finally {
      client.release();
    }
  };
  await tally.time(() => Promise.all(Array.from({ length: clients }, worker)));
}

// The statements requestTransfer + completeTransfer send for a queue transfer, as the server
// sends them: built by the server's own query builders where they are exported (so their text
// cannot drift), and as named prepared statements, as the server sends them, so each connection
// parses and plans each statement once.
const mock = drizzle.mock({ schema }) as unknown as Db;
const dialect = new PgDialect();
const built = {
  // The API token with its user's memberships (the auth hook's lookup, before BEGIN).
  token: tokenActorStatement(mock).toSQL(),
  // The case with its workspace, policy version, context (customer's zone, region and language,
  // the owner's name, the last notes) and any transfer under way, its row locked.
  lockCase: lockCaseForTransferStatement(mock).toSQL(),
  // The transaction's three audit rows and the customer's notice, in one statement before COMMIT.
  audit: dialect.sqlToQuery(auditBatchStatement),
  // After COMMIT, the live stream's three notifies and the relay's, batched with the other
  // connections' (src/events/after-commit.ts).
  notify: dialect.sqlToQuery(notifyManyStatement),
  // The owner, queue, status, version and the moved clocks (S3.5) in one UPDATE, with the
  // transfer, its handover note and the system line (CTEs); it returns the case as it leaves it
  // with what the customer's notice needs (the contact, the workspace's templates: subqueries),
  // and the transfer as stored.
  reassign: insertAndReassignStatement(mock).toSQL(),
};

/**
 * The statement's parameters in order, from named values (an insert wraps each in a Param); a
 * value the statement fixes (a LIMIT) as it is.
 */
const paramsOf = (params: unknown[], values: Record<string, unknown>) =>
  params.map((p) => {
    const value = p instanceof Param ? p.value : p;
    if (!(value instanceof Placeholder)) return value;
    if (!(value.name in values)) throw new Error(`the floor has no value for ${value.name}`);
    return values[value.name];
  });

// The case row's columns in the order the lock statement's first cell holds them.
const CASE_COLUMN_NAMES = Object.values(getTableColumns(schema.cases)).map((c) => c.name);

// node-postgres's own type parsers, as the floor read its answers before it sent them itself.
const PG_TYPES = pg.types as unknown as pg.CustomTypesConfig;

const NOTICE_BODY = `Hello,\n\n${"Your case is now with our level 2 team, who will write next. ".repeat(8)}\n`;

/** Who sends the floor's transfers, as the server sees them: the actor and their token. */
interface FloorActor {
  id: string;
  /** The token's hash, or undefined for --bare-floor (no lookup). */
  tokenHash: string | undefined;
  /** Sends the notifies after COMMIT, as the server's process does. */
  notifier: AfterCommit;
  /** --stock-floor: sent through node-postgres's own query (floorSender). */
  stock: boolean;
}

async function floorTransfer(
  client: pg.PoolClient,
  slot: Slot,
  target: string,
  actor: FloorActor,
): Promise<void> {
  const actorId = actor.id;
  const now = new Date();
  const wire = floorSender(client, actor.stock);
  const send = async <R>(
    name: keyof typeof built,
    values: Record<string, unknown>,
    options: { arrays?: boolean; outside?: boolean } = {},
  ) => {
    const statement = {
      name: `floor_${name}`,
      text: built[name].sql,
      arrays: options.arrays ?? false,
      types: PG_TYPES,
    };
    const result = await wire.send(statement, paramsOf(built[name].params, values), options);
    return { rowCount: result.rowCount, rows: result.rows as R[] };
  };
  if (actor.tokenHash) {
    const found = await send("token", { hash: actor.tokenHash, now }, { outside: true });
    if (found.rowCount === 0) throw new Error("the bench token did not resolve");
  }
  await wire.begin();
  try {
    // Rows as arrays, as the server reads them: the case and workspace columns share names.
    const locked = await send<unknown[]>("lockCase", { number: slot.number }, { arrays: true });
    const row = locked.rows[0];
    if (!row) throw new Error(`case ${slot.number} vanished`);
    if (row.at(-1)) throw new Error(`case ${slot.number} has an open transfer`);
    // The case row is the first cell, one JSON array of its columns (src/db/json-row.ts).
    const caseCells = row[0] as unknown[];
    const column = (name: string) => caseCells[CASE_COLUMN_NAMES.indexOf(name)];
    const kase = {
      id: String(column("id")),
      workspace_id: String(column("workspace_id")),
      number: Number(column("number")),
      version: Number(column("version")),
      owner_id: column("owner_id") as string | null,
      queue: String(column("queue")),
      region: column("region") as string | null,
      priority: String(column("priority")),
      brand: String(column("brand")),
      internal_title: String(column("internal_title")),
      first_response_due_at: column("first_response_due_at") as string | null,
    };
    const label = `queue ${target === "l2-support" ? "Level 2 support" : "Level 1 support"}`;
    const noteText = `HANDOVER — Transfer\nTo: ${label}\nReason: Escalate from level 1 to level 2`;
    // The transfer's id is named by the request, as the server names it.
    const transferId = randomUUID();
    const transfer = {
      transferId,
      workspaceId: kase.workspace_id,
      caseId: kase.id,
      kind: "transfer",
      state: "completed",
      requestedBy: actorId,
      fromOwnerId: kase.owner_id,
      fromQueue: kase.queue,
      targetType: "queue",
      targetAgentId: null,
      targetQueue: target,
      targetRegion: null,
      targetWorkspaceId: null,
      reason: REASON,
      reasonText: null,
      template: JSON.stringify({ comment: "" }),
      requiredSteps: [],
      steps: "[]",
      warnings: "[]",
      artifacts: JSON.stringify({
        titlePrefix: null,
        channelEntry: null,
        internalTitle: null,
        dispatchSubject: null,
        handoverNote: noteText,
        targetLabel: label,
      }),
      newPriority: null,
      newBrand: null,
      newStatus: "active",
      pin: false,
      pinUntil: null,
      autoAssign: false,
      comment: "",
      // The handover note, inserted by the same statement.
      noteBody: noteText,
      noteAuthorId: actorId,
      noteData: JSON.stringify({ event: "transfer.handover_note", kind: "transfer" }),
      expiresAt: null,
      completedAt: now,
      transferVersion: 2,
      now,
    };
    // The audit rows wait for the end of the transaction, as the server's do (emit.transaction).
    const audits: Record<string, unknown>[] = [];
    const notes: Note[] = [];
    const audit = (action: string, subjectType: string, subjectId: string, data: unknown) => {
      audits.push({
        action,
        actorId,
        workspaceId: kase.workspace_id,
        caseId: kase.id,
        subjectType,
        subjectId,
        data,
      });
      notes.push([
        CASE_EVENTS_CHANNEL,
        JSON.stringify({ workspaceId: kase.workspace_id, number: kase.number, action, actorId }),
      ]);
    };
    audit("transfer.requested", "transfer", transferId, {
      kind: "transfer",
      target: label,
      reason: REASON,
      requiredSteps: [],
      stepsDone: [],
      warnings: [],
    });
    const due = new Date(now.getTime() + 3_600_000);
    const at = now.toISOString();
    const updated = await send<{ version: number; transfer: unknown[] | null }>("reassign", {
      ...transfer,
      ownerId: null,
      queue: target,
      region: kase.region,
      priority: kase.priority,
      brand: kase.brand,
      status: "active",
      pinned: false,
      pinnedUntil: null,
      internalTitle: kase.internal_title,
      now,
      id: kase.id,
      version: kase.version,
      // The clocks as the server moves them: the response clock restarts at the transfer.
      first_response_due_at: due.toISOString(),
      first_responded_at: null,
      last_public_reply_at: null,
      response_clock_from: at,
      next_update_due_at: null,
      resolution_due_at: null,
      idle_since: at,
      customer_waiting_since: null,
      sla_paused_at: null,
      return_due_at: null,
      sla_due_at: due.toISOString(),
      sla_alarm_at: due.toISOString(),
      paused_response_minutes: 0,
      paused_update_minutes: 0,
      paused_resolution_minutes: 0,
      // The system line, inserted by the same statement.
      lineBody: `Transferred (Transfer) to ${label}`,
      lineAuthorId: actorId,
      lineData: JSON.stringify({ event: "transfer.completed", transferId }),
      previousOwnerId: kase.owner_id,
    });
    if (updated.rowCount !== 1) throw new Error(`case ${slot.number} changed meanwhile`);
    // The transfer row comes back as one JSON array of its columns, its id first.
    if (updated.rows[0]?.transfer?.[0] !== transferId)
      throw new Error(`case ${slot.number}: the transfer was not stored`);
    audit("transfer.completed", "transfer", transferId, {
      kind: "transfer",
      from: { ownerId: kase.owner_id, queue: kase.queue, workspaceId: kase.workspace_id },
      to: { ownerId: null, queue: target, workspaceId: kase.workspace_id },
      version: updated.rows[0]?.version,
    });
    audit("case.clocks_moved", "case", String(kase.number), {
      why: "transferred",
      changes: {
        firstResponseDueAt: {
          from: kase.first_response_due_at
            ? new Date(kase.first_response_due_at).toISOString()
            : null,
          to: due.toISOString(),
        },
      },
    });
    // The notice rides in the same statement as the audit rows, before COMMIT.
    const notice = {
      workspaceId: kase.workspace_id,
      caseId: kase.id,
      caseNumber: kase.number,
      channel: "email",
      topic: "customer_notice",
      event: "transfer.completed",
      sourceId: transferId,
      recipient: "contact@customer.example",
      recipientName: "A Contact",
      subject: `[Case ${kase.number}] now with our Level 2 team`,
      body: NOTICE_BODY,
      dedupeKey: `transfer.completed:${transferId}:customer_notice:email:contact@customer.example`,
      // Customer mail carries no unsubscribe link (docs/notifications.md).
      unsubscribeToken: null,
    };
    wire.commitWithNext();
    const [batch] = (
      await send<{ wake: boolean }>("audit", {
        rows: JSON.stringify(audits),
        outbox: JSON.stringify([notice]),
      })
    ).rows;
    await wire.commit();
    if (batch?.wake) notes.push([DELIVERIES_CHANNEL, ""]);
    await actor.notifier.send(notes);
  } catch (error) {
    await wire.rollback();
    throw error;
  }
}

/**
 * How the floor sends: as the server sends its statements (src/db/wire-query.ts: described once
 * per connection, BEGIN with the first statement of the transaction and COMMIT with the last),
 * or, with --stock-floor, through node-postgres's own query with BEGIN and COMMIT on their own,
 * as the floor sent them until 2026-12-07.
 */
function floorSender(client: pg.PoolClient, stock: boolean) {
  if (stock)
    return {
      send: async (statement: WireStatement, params: unknown[], _options: object) => {
        const config = { name: statement.name, text: statement.text, values: params };
        const result = statement.arrays
          ? await client.query<unknown[]>({ ...config, rowMode: "array" as const })
          : await client.query(config);
        return { rowCount: result.rowCount, rows: result.rows as unknown[] };
      },
      begin: async () => void (await client.query("begin")),
      commitWithNext: () => false,
      commit: async () => void (await client.query("commit")),
      rollback: async () => void (await client.query("rollback")),
    };
  const tx = TransactionConnection.of(client);
  return {
    send: (statement: WireStatement, params: unknown[], options: { outside?: boolean }) =>
      runWire(options.outside ? client : tx, statement, params),
    begin: async () => tx.start(),
    commitWithNext: () => tx.commitWithNext(),
    commit: () => tx.commit(),
    rollback: () => tx.rollback(),
  };
}

/** Others share the machine: wait (at most 30 s) for it to be quiet before a phase. */
async function quiet(): Promise<void> {
  const { busyPct, waitedMs } = await waitForQuiet();
  log(`  machine ${busyPct}% busy before the phase (waited ${Math.round(waitedMs / 1000)} s)`);
}

function cpuLine(cpu: CpuShare): string {
  const server = cpu.serverCpuMsPerRequest ? `server ${cpu.serverCpuMsPerRequest} ms, ` : "";
  return (
    `CPU per transfer: ${server}PostgreSQL ${cpu.postgresCpuMsPerRequest} ms; machine ` +
    `${cpu.machineBusyPct}% busy (server ${cpu.serverPct}, PostgreSQL ${cpu.postgresPct}, ` +
    `bench ${cpu.benchPct}, other ${cpu.otherPct})`
  );
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  if (flags.processes > flags.clients)
    throw new Error("--processes: at most one server process per client (--clients)");
  await onScratchDatabase(
    flags["postgres-url"],
    flags,
    async (database, { actor, token, slots }) => {
      // HTTP and the floor take every other case, and each slice (the warm-up's, then each
      // round's) cases of its own: autocannon drops the requests in flight when a slice ends,
      // so the cases they were dealt may not have moved.
      const dealers = (side: number) =>
        Array.from(
          { length: flags.rounds + 1 },
          (_, k) =>
            new Dealer(
              slots.filter((_, i) => i % 2 === side && (i >> 1) % (flags.rounds + 1) === k),
            ),
        );
      const [httpWarm, ...httpDealers] = dealers(0) as [Dealer, ...Dealer[]];
      const [floorWarm, ...floorDealers] = dealers(1) as [Dealer, ...Dealer[]];
      log(`${slots.length} open cases; acting as ${actor.email} (${actor.role})`);

      // --processes N: N server processes on the same database, as docs/deploy.md runs them, the
      // clients and the connections shared among them.
      const servers: ServeChild[] = [];
      for (let i = 0; i < flags.processes; i++)
        servers.push(
          await startServe({
            // Delivery runs in other processes (BATON_BACKGROUND); these answer HTTP, as the
            // floor only writes the messages. They stay up during the floor's slices, LISTENing
            // as every server process does, so PostgreSQL delivers the live notifications in both.
            env: {
              DATABASE_URL: database.url,
              BATON_DB_POOL: flags.pool || String(shareOf(flags.clients, flags.processes, i)),
              BATON_BACKGROUND: "off",
            },
            nodeArgs: [
              ...(flags["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${flags["cpu-prof"]}`] : []),
              ...(flags["count-queries"] ? ["--import", COUNTER] : []),
              ...flags["node-args"].split(" ").filter(Boolean),
            ],
          }),
        );
      const urls = servers.map((s) => s.url);
      const watched = { serverPids: servers.map((s) => s.pid), database: database.name };
      // One connection more than the clients hold, for the notifies after COMMIT: the server's
      // come from its pool's free connections.
      const pool = new pg.Pool({ connectionString: database.url, max: flags.clients + 1 });
      const floorActor: FloorActor = {
        id: actor.id,
        tokenHash: flags["bare-floor"] ? undefined : sha256(token),
        stock: flags["stock-floor"],
        notifier: new AfterCommit((notes) =>
          flags["stock-floor"]
            ? pool.query({ name: "floor_notify", text: built.notify.sql, values: [notes] })
            : runWire(
                pool,
                { name: "floor_notify", text: built.notify.sql, arrays: false, types: PG_TYPES },
                [notes],
              ),
        ),
      };
      // The final DROP DATABASE … WITH (FORCE) can reach a connection that is still closing.
      pool.on("error", () => {});
      const httpTally = new Tally(watched);
      const floorTally = new Tally(watched);
      let warmOk = 0;
      try {
        // Open every connection before the clock starts, as the server's pool is warm too.
        const warm = await Promise.all(Array.from({ length: flags.clients }, () => pool.connect()));
        for (const c of warm) c.release();
        await quiet();
        // A warm-up of each, so the figures are not the JIT's and the pools': the server's CPU per
        // transfer kept falling for 20-30 s after its start (bench/transfer-ab.ts's rounds).
        const warmHttp = new Tally(watched);
        await httpSlice(urls, token, httpWarm, flags.clients, flags.warmup, warmHttp);
        warmOk = warmHttp.ok;
        const warmFloor = new Tally(watched);
        await floorSlice(pool, floorWarm, floorActor, flags.clients, flags.warmup, warmFloor);
        const slice = flags.duration / flags.rounds;
        log(
          `${flags.rounds} rounds of HTTP then bare SQL, ${slice} s each, ${flags.clients} connections…`,
        );
        for (let round = 0; round < flags.rounds; round++) {
          await httpSlice(urls, token, httpDealers[round]!, flags.clients, slice, httpTally);
          await floorSlice(
            pool,
            floorDealers[round]!,
            floorActor,
            flags.clients,
            slice,
            floorTally,
          );
        }
      } finally {
        await pool.end();
        for (const server of servers) await server.stop();
      }
      const http = httpTally.result();
      const floor = floorTally.result();
      if (httpTally.firstFailure) log(`  first non-201: ${httpTally.firstFailure}`);
      if (floorTally.firstFailure) log(`  first floor failure: ${floorTally.firstFailure}`);
      const counted = servers.reduce(
        (sum, server) => sum + Number(/baton-queries: (\d+)/.exec(server.output())?.[1] ?? 0),
        0,
      );
      const queriesPerTransfer = flags["count-queries"]
        ? Math.round((counted / (warmOk + http.ok)) * 10) / 10
        : undefined;

      const ratio = Math.round((http.rate / floor.rate) * 100) / 100;
      const report = {
        clients: flags.clients,
        processes: flags.processes,
        durationS: flags.duration,
        cases: flags.cases,
        http: { ...http, queriesPerTransfer },
        floor,
        ratio,
        target: TARGET,
        met: ratio >= TARGET,
      };
      console.log(JSON.stringify(report, null, 2));
      console.log(
        `\nHTTP   ${http.rate} transfers/s  p50 ${http.p50} ms  p95 ${http.p95} ms  ` +
          `(${http.ok} × 201, ${http.failed} non-201, ${http.errors} errors)\n       ${cpuLine(http.cpu)}`,
      );
      console.log(
        `floor  ${floor.rate} transfers/s  p50 ${floor.p50} ms  p95 ${floor.p95} ms  ` +
          `(${floor.ok} ok, ${floor.failed} failed)\n       ${cpuLine(floor.cpu)}`,
      );
      console.log(
        `ratio  HTTP/floor = ${ratio} (target ≥ ${TARGET}: ${report.met ? "met" : "NOT met"})`,
      );
    },
  );
}

await main();
