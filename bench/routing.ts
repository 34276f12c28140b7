// Auto-assignments per second from several processes on one PostgreSQL, against the bare SQL of
// the same work; then a simulated week of arrivals per method (issue 12).
//
//   node bench/routing.ts [--processes 3] [--duration 8] [--cases 12000] [--queues 4]
//     [--agents 12] [--batch 50] [--return-timer] [--postgres-url URL] [--week-arrivals 2000] [--week-agents 12]
//
// On a scratch database (created and dropped here): one workspace whose --queues queues assign
// by round robin, each worked by --agents agents on shift around the clock, and --cases unowned
// cases spread over them. --processes child processes each route waiting cases (Baton's own
// routeQueue, as the minute's sweep does: up to --batch cases of a queue per transaction, with
// their audit, timeline entries, assignment records, in-app notices, clocks and events,
// `SKIP LOCKED` on the cases) for --duration seconds. Then the same processes run the floor: the
// statements of the same transaction sent as bare SQL. At the end it checks that no
// case has two assignments and no agent is past capacity. Prints both rates and the ratio.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { addUser } from "../src/commands/accounts/addUser.ts";
import { createWorkspace } from "../src/commands/workspaces/createWorkspace.ts";
import type { Db } from "../src/db/client.ts";
import * as schema from "../src/db/schema.ts";
import type { Policy } from "../src/domain/policy/schema.ts";
import { chooseAgent } from "../src/domain/routing/choose.ts";
import type { ScheduleAgent } from "../src/domain/schedule/facts.ts";
import { presets } from "../src/presets/index.ts";
import { moveManyClocks } from "../src/reactions/clocks.ts";
import { routeQueue } from "../src/reactions/routing.ts";
import { emittingIn } from "../src/writes/emit.ts";

const SELF = fileURLToPath(import.meta.url);
const MIGRATIONS = fileURLToPath(new URL("../drizzle", import.meta.url));
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Flags {
  processes: number;
  durationS: number;
  cases: number;
  queues: number;
  agents: number;
  weekArrivals: number;
  weekAgents: number;
  batch: number;
  returnTimer: boolean;
  postgresUrl: string;
}

function parseFlags(argv: string[]): Flags {
  const f: Flags = {
    processes: 3,
    durationS: 8,
    cases: 12_000,
    queues: 4,
    agents: 12,
    weekArrivals: 2_000,
    weekAgents: 12,
    batch: 50,
    returnTimer: false,
    postgresUrl: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  };
  const numeric: Record<string, Exclude<keyof Flags, "postgresUrl" | "returnTimer">> = {
    "--processes": "processes",
    "--duration": "durationS",
    "--cases": "cases",
    "--queues": "queues",
    "--agents": "agents",
    "--week-arrivals": "weekArrivals",
    "--week-agents": "weekAgents",
    "--batch": "batch",
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const field = numeric[arg];
    if (field) {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value <= 0) throw new Error(`${arg} needs a whole number`);
      f[field] = value;
    } else if (arg === "--postgres-url") f.postgresUrl = argv[++i] ?? f.postgresUrl;
    else if (arg === "--return-timer") f.returnTimer = true;
    else throw new Error(`unknown flag ${arg}`);
  }
  return f;
}

const allDay = () => [{ start: "00:00", end: "24:00" }];

function benchPolicy(queues: number, returnTimer = false): Policy {
  const p = structuredClone(presets["helpdesk-transfer"]) as Policy;
  for (const r of p.regions) {
    r.holidays = [];
    r.businessHours = {
      mon: allDay(),
      tue: allDay(),
      wed: allDay(),
      thu: allDay(),
      fri: allDay(),
      sat: allDay(),
      sun: allDay(),
    };
  }
  p.queues = Array.from({ length: queues }, (_, i) => ({
    code: `q${i}`,
    name: `Queue ${i}`,
    description: "",
    distribution: "round_robin" as const,
  }));
  p.defaults.queue = "q0";
  p.transferKinds = p.transferKinds.map((k) => ({ ...k, fromQueues: [], toQueues: [] }));
  p.transferExcludedGroups = [];
  // The help desk's return timer makes every assignment move the case's clocks too.
  if (!returnTimer) p.sla = { ...p.sla, returnTimer: undefined } as Policy["sla"];
  return p;
}

// --- The worker: one process routing cases ------------------------------------------------------

async function worker(
  url: string,
  mode: "baton" | "floor",
  seconds: number,
  wsId: string,
  index: number,
  queues: number,
  batch: number,
  returnTimer: boolean,
) {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  const end = Date.now() + seconds * 1000;
  let done = 0;
  // Each lane routes one queue, as queues route side by side in a real deployment.
  const lane = async (queue: string) => {
    while (Date.now() < end) {
      const n =
        mode === "baton"
          ? await db.transaction(async (tx) => {
              const routed = await routeQueue(tx, emittingIn(tx), {
                workspaceId: wsId,
                queue,
                limit: batch,
                trigger: "sweep",
                actorId: null,
                now: new Date(),
              });
              return routed.length || -1;
            })
          : await floorOnce(pool, wsId, queue, batch, returnTimer);
      if (n < 0) break;
      done += n;
    }
  };
  await Promise.all([0, 1, 2, 3].map((i) => lane(`q${(index * 4 + i) % queues}`)));
  await pool.end();
  process.stdout.write(`${JSON.stringify({ done })}\n`);
}

const OPEN_SQL = "('new','active','awaiting_customer','solution_delivered')";

/**
 * The same transaction as bare SQL, statement for statement: lock a batch of waiting cases with
 * what routing reads of them, lock the turn, read the members and count their open cases, lock
 * the chosen agents and count again, then write owners, turn, assignment records, timeline,
 * audit, live notify, the webhook lookup, the in-app notices, and lock the cases' clocks.
 */
async function floorOnce(
  pool: pg.Pool,
  wsId: string,
  queue: string,
  batch: number,
  returnTimer: boolean,
) {
  const c = await pool.connect();
  try {
    await c.query("begin");
    const kases = (
      await c.query(
        `select c.id, c.number, c.product, cu.language, co.language from cases c
         left join customers cu on cu.id = c.customer_id left join contacts co on co.id = c.contact_id
         where c.workspace_id = $1 and c.queue = $2 and c.owner_id is null and not c.pinned
         and c.status in ${OPEN_SQL} order by c.sla_due_at asc nulls last, c.created_at
         limit $3 for update of c skip locked`,
        [wsId, queue, batch],
      )
    ).rows as { id: string; number: number }[];
    if (!kases.length) {
      await c.query("rollback");
      return -1;
    }
    await c.query(
      "insert into queue_cursors (workspace_id, queue) values ($1, $2) on conflict do nothing",
      [wsId, queue],
    );
    const cursor = (
      await c.query(
        "select last_agent_id from queue_cursors where workspace_id = $1 and queue = $2 for update",
        [wsId, queue],
      )
    ).rows[0] as { last_agent_id: string | null };
    const members = (
      await c.query(
        `select u.id, u.name from memberships m join users u on u.id = m.user_id
         where m.workspace_id = $1 and ($2 = any(m.queues) or cardinality(m.queues) = 0) order by u.id`,
        [wsId, queue],
      )
    ).rows as { id: string; name: string }[];
    const ids = members.map((m) => m.id);
    await c.query(
      `select owner_id, count(*) from cases where workspace_id = $1 and owner_id = any($2)
       and status in ${OPEN_SQL} group by owner_id`,
      [wsId, ids],
    );
    let turn = members.findIndex((m) => !cursor.last_agent_id || m.id > cursor.last_agent_id);
    if (turn < 0) turn = 0;
    const given = kases.map((k, i) => ({ kase: k, agent: members[(turn + i) % members.length]! }));
    const chosen = [...new Set(given.map((g) => g.agent.id))].sort();
    await c.query(
      `select user_id, capacity from memberships where workspace_id = $1 and user_id = any($2)
       order by user_id for update`,
      [wsId, chosen],
    );
    await c.query(
      `select owner_id, count(*) from cases where workspace_id = $1 and owner_id = any($2)
       and status in ${OPEN_SQL} group by owner_id`,
      [wsId, chosen],
    );
    const owners = JSON.stringify(given.map((g) => ({ id: g.kase.id, owner: g.agent.id })));
    await c.query(
      `update cases set owner_id = x.owner, version = cases.version + 1, updated_at = now()
       from json_to_recordset($1::json) as x(id uuid, owner uuid)
       where cases.id = x.id and cases.owner_id is null returning cases.id, cases.version`,
      [owners],
    );
    await c.query(
      `update queue_cursors set last_agent_id = $1, assigned = assigned + $2
       where workspace_id = $3 and queue = $4`,
      [given.at(-1)!.agent.id, given.length, wsId, queue],
    );
    const records = (
      await c.query(
        `insert into case_assignments (case_id, workspace_id, agent_id, method, trigger, candidates)
         select x.case_id, $1, x.agent_id, 'round_robin', 'sweep', '{}'::jsonb
         from json_to_recordset($2::json) as x(case_id uuid, agent_id uuid) returning id, case_id`,
        [wsId, JSON.stringify(given.map((g) => ({ case_id: g.kase.id, agent_id: g.agent.id })))],
      )
    ).rows as { id: number; case_id: string }[];
    await c.query(
      `insert into activities (case_id, kind, visibility, body, data)
       select x.case_id, 'system', 'private', x.body, '{}'::jsonb
       from json_to_recordset($1::json) as x(case_id uuid, body text)`,
      [
        JSON.stringify(
          given.map((g) => ({ case_id: g.kase.id, body: `Assigned to ${g.agent.name}` })),
        ),
      ],
    );
    await c.query(
      `insert into audit_events (action, workspace_id, case_id, subject_type, subject_id, data)
       select 'case.auto_assigned', $1, x.case_id, 'case', x.number, '{}'::jsonb
       from json_to_recordset($2::json) as x(case_id uuid, number text)`,
      [
        wsId,
        JSON.stringify(given.map((g) => ({ case_id: g.kase.id, number: String(g.kase.number) }))),
      ],
    );
    await c.query(
      "select pg_notify('baton_case_events', x) from json_array_elements_text($1::json) as x",
      [JSON.stringify(given.map((g) => String(g.kase.number)))],
    );
    await c.query(
      `select id from webhook_subscriptions where workspace_id = $1 and active
       and ('case.auto_assigned' = any(events) or '*' = any(events))`,
      [wsId],
    );
    await c.query(
      `with written as (
         insert into notifications (user_id, workspace_id, case_id, case_number, kind, source_id, title, body)
         select x.user_id, $1, x.case_id, x.case_number, 'assigned_to_me', x.source_id, x.title, ''
         from json_to_recordset($2::json) as x(user_id uuid, case_id uuid, case_number bigint, source_id text, title text)
         on conflict (user_id, kind, source_id) do nothing returning id, user_id)
       select pg_notify('baton_notifications', json_build_object('userId', user_id, 'id', id)::text) from written`,
      [
        wsId,
        JSON.stringify(
          given.map((g, i) => ({
            user_id: g.agent.id,
            case_id: g.kase.id,
            case_number: g.kase.number,
            source_id: `assignment:${records[i]?.id ?? i}`,
            title: `Case ${g.kase.number} is yours`,
          })),
        ),
      ],
    );
    await c.query(
      `select c.id from cases c left join memberships m on m.user_id = c.owner_id
       and m.workspace_id = c.workspace_id left join customers cu on cu.id = c.customer_id
       where c.id = any($1) order by c.id for update of c`,
      [kases.map((k) => k.id)],
    );
    if (returnTimer) {
      // The return timer starts: each case's clocks written, and their move audited.
      await c.query(
        `update cases set return_due_at = now() + interval '60 minutes', sla_alarm_at = now() + interval '50 minutes'
         from json_to_recordset($1::json) as x(id uuid) where cases.id = x.id`,
        [JSON.stringify(kases.map((k) => ({ id: k.id })))],
      );
      await c.query(
        `insert into audit_events (action, workspace_id, case_id, subject_type, subject_id, data)
         select 'case.clocks_moved', $1, x.case_id, 'case', x.number, '{}'::jsonb
         from json_to_recordset($2::json) as x(case_id uuid, number text)`,
        [wsId, JSON.stringify(kases.map((k) => ({ case_id: k.id, number: String(k.number) })))],
      );
    }
    await c.query("commit");
    return kases.length;
  } catch (error) {
    await c.query("rollback").catch(() => {});
    throw error;
  } finally {
    c.release();
  }
}

// --- The lead: set up, run the workers, check, simulate ----------------------------------------

function runWorkers(f: Flags, url: string, mode: "baton" | "floor", wsId: string): Promise<number> {
  return Promise.all(
    Array.from(
      { length: f.processes },
      (_, index) =>
        new Promise<number>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            [
              SELF,
              "--worker",
              url,
              mode,
              String(f.durationS),
              wsId,
              String(index),
              String(f.queues),
              String(f.batch),
              f.returnTimer ? "timer" : "no-timer",
            ],
            {
              stdio: ["ignore", "pipe", "inherit"],
              env: { ...process.env, NODE_ENV: "production" },
            },
          );
          let out = "";
          child.stdout.on("data", (d) => {
            out += String(d);
          });
          child.on("exit", (code) =>
            code === 0
              ? resolve((JSON.parse(out.trim()) as { done: number }).done)
              : reject(new Error(`worker exited ${code}`)),
          );
        }),
    ),
  ).then((counts) => counts.reduce((a, b) => a + b, 0));
}

async function seedCases(pool: pg.Pool, wsId: string, queues: number, count: number) {
  await pool.query(
    `insert into cases (workspace_id, subject, severity, priority, queue, brand, status, created_at, updated_at)
     select $1, 'Bench case ' || g, 'normal', 'normal', 'q' || (g % $2), 'hosting', 'new',
            now() - (g || ' milliseconds')::interval, now()
     from generate_series(1, $3) g`,
    [wsId, queues, count],
  );
}

/** The clocks each seeded case would have had from its creation (Baton's own rule). */
async function startClocks(db: Db, wsId: string) {
  const ids = await db
    .select({ id: schema.cases.id, at: schema.cases.createdAt })
    .from(schema.cases)
    .where(eq(schema.cases.workspaceId, wsId));
  for (let i = 0; i < ids.length; i += 1_000)
    await db.transaction((tx) =>
      moveManyClocks(
        tx,
        emittingIn(tx).emitMany,
        ids.slice(i, i + 1_000).map((c) => ({
          caseId: c.id,
          changes: [{ type: "opened", at: c.at }],
          actorId: null,
          why: "case opened",
        })),
      ),
    );
}

/**
 * A week of arrivals per method, decided by the domain alone (no database): an arrival every
 * few minutes, each held 1–9 hours, answered 5–15 minutes after it reaches an agent plus 5 for
 * each case already on their desk, against a 60-minute first-response target. Reports cases per agent (fairness) and first-response breaches
 * (a case that waited for room, or was answered late).
 */
function simulateWeek(f: Flags): Record<string, unknown> {
  const policy = benchPolicy(1);
  const out: Record<string, unknown> = {};
  const TARGET = 60 * 60_000;
  for (const method of ["round_robin", "least_loaded", "skills"] as const) {
    const queue = { ...policy.queues[0]!, distribution: method };
    const agents: ScheduleAgent[] = Array.from({ length: f.weekAgents }, (_, i) => ({
      id: `a${String(i).padStart(3, "0")}`,
      name: `Agent ${i}`,
      role: "agent",
      region: null,
      timeZone: "UTC",
      workingHours: null,
      queues: [queue.code],
      skills: i % 3 === 0 ? ["db"] : ["web"],
      languages: i % 2 === 0 ? ["en"] : ["en", "de"],
      capacity: 12,
      openCases: 0,
      availability: "available",
      leaveFrom: null,
      leaveUntil: null,
    }));
    const assigned = new Map<string, number>();
    let last: string | null = null;
    let breaches = 0;
    const waiting: { arrived: number; skill: string; language: string }[] = [];
    const open: { agent: string; closesAt: number }[] = [];
    const start = Date.parse("2026-11-30T00:00:00Z");
    const step = (7 * 24 * 3_600_000) / f.weekArrivals;
    let seed = 7;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < f.weekArrivals; i++) {
      const now = start + i * step;
      for (let k = open.length - 1; k >= 0; k--)
        if (open[k]!.closesAt <= now) {
          const a = agents.find((x) => x.id === open[k]!.agent)!;
          a.openCases--;
          open.splice(k, 1);
        }
      waiting.push({
        arrived: now,
        skill: rand() < 0.3 ? "db" : "web",
        language: rand() < 0.2 ? "de" : "en",
      });
      while (waiting.length) {
        const next = waiting[0]!;
        const d = chooseAgent({
          policy,
          queue,
          kase: { queue: queue.code, skill: next.skill, language: next.language, region: null },
          agents,
          now: new Date(now),
          lastAgentId: last,
        });
        if (!d.agentId) break;
        waiting.shift();
        last = d.agentId;
        const a = agents.find((x) => x.id === d.agentId)!;
        a.openCases++;
        assigned.set(a.id, (assigned.get(a.id) ?? 0) + 1);
        open.push({ agent: a.id, closesAt: now + (1 + rand() * 8) * 3_600_000 });
        // A busier agent answers later: 5–15 minutes, plus 5 for each case already on their desk.
        const answered = now + (5 + rand() * 10 + 5 * (a.openCases - 1)) * 60_000;
        if (answered - next.arrived > TARGET) breaches++;
      }
    }
    breaches += waiting.length;
    const counts = agents.map((a) => assigned.get(a.id) ?? 0);
    const mean = counts.reduce((x, y) => x + y, 0) / counts.length;
    const sd = Math.sqrt(counts.reduce((x, y) => x + (y - mean) ** 2, 0) / counts.length);
    out[method] = {
      casesPerAgent: {
        min: Math.min(...counts),
        max: Math.max(...counts),
        stddev: Math.round(sd * 10) / 10,
      },
      firstResponseBreaches: breaches,
      stillWaitingAtWeekEnd: waiting.length,
    };
  }
  return { arrivals: f.weekArrivals, agents: f.weekAgents, ...out };
}

async function lead(f: Flags) {
  const name = `baton_bench_routing_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: f.postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(f.postgresUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
  pool.on("error", () => {});
  try {
    const db = drizzle({ client: pool, schema });
    await migrate(db, { migrationsFolder: MIGRATIONS });
    const policy = benchPolicy(f.queues, f.returnTimer);
    /** A workspace of its own per run, with its agents and its waiting cases. */
    const setUp = async (slug: string, capacity: number, cases: number) => {
      const ws = await createWorkspace(db as unknown as Db, { slug, name: slug, policy }, null);
      for (let q = 0; q < f.queues; q++)
        for (let i = 0; i < f.agents; i++)
          await addUser(
            db as unknown as Db,
            {
              email: `${slug}-a${q}-${i}@bench.example`,
              name: `Agent ${q}-${i}`,
              role: "agent",
              workspaceSlug: slug,
              password: "correct horse battery",
              queues: [`q${q}`],
            },
            null,
          );
      await pool.query("update memberships set capacity = $1 where workspace_id = $2", [
        capacity,
        ws.id,
      ]);
      await seedCases(pool, ws.id, f.queues, cases);
      await startClocks(db as unknown as Db, ws.id);
      return ws.id;
    };
    // Capacity well above what a run assigns, so throughput is measured, not refusals.
    const roomy = Math.ceil(f.cases / (f.queues * f.agents)) + 10;
    const results: Record<string, number> = {};
    for (const mode of ["baton", "floor"] as const) {
      const wsId = await setUp(`bench-${mode}`, roomy, f.cases);
      await pool.query("vacuum analyze");
      // Each worker counts what it assigned within its --duration window (not its start-up).
      const done = await runWorkers(f, url.toString(), mode, wsId);
      results[mode] = Math.round(done / f.durationS);
      log(`${mode}: ${done} assignments in ${f.durationS} s = ${results[mode]}/s`);
      if (mode === "baton") {
        const doubles = (
          await pool.query(
            `select count(*)::int n from (select case_id from case_assignments where workspace_id = $1
             group by case_id having count(*) > 1) d`,
            [wsId],
          )
        ).rows[0].n as number;
        const mismatched = (
          await pool.query(
            `select count(*)::int n from case_assignments a join cases c on c.id = a.case_id
             where a.workspace_id = $1 and c.owner_id is distinct from a.agent_id`,
            [wsId],
          )
        ).rows[0].n as number;
        results.doubleAssignments = doubles + mismatched;
        const audit = await pool.query(
          "select action, count(*)::int n from audit_events where workspace_id = $1 group by action",
          [wsId],
        );
        log(`audit rows: ${JSON.stringify(audit.rows)}`);
      }
    }
    // Capacity under contention: three open cases each, every process racing for the same agents.
    const tight = await setUp("bench-capacity", 3, f.queues * f.agents * 6);
    await runWorkers({ ...f, durationS: 3 }, url.toString(), "baton", tight);
    const over = (
      await pool.query(
        `select count(*)::int n from (select owner_id from cases where workspace_id = $1
         and owner_id is not null group by owner_id having count(*) > 3) o`,
        [tight],
      )
    ).rows[0].n as number;
    const filled = (
      await pool.query(
        "select count(*)::int n from cases where workspace_id = $1 and owner_id is not null",
        [tight],
      )
    ).rows[0].n as number;
    const report = {
      processes: f.processes,
      batch: f.batch,
      returnTimer: f.returnTimer,
      queues: f.queues,
      agentsPerQueue: f.agents,
      batonPerSecond: results.baton,
      floorPerSecond: results.floor,
      ratio: Math.round(((results.baton ?? 0) / (results.floor ?? 1)) * 100) / 100,
      doubleAssignments: results.doubleAssignments,
      capacityCheck: {
        agents: f.queues * f.agents,
        capacity: 3,
        assigned: filled,
        agentsOverCapacity: over,
      },
      week: simulateWeek(f),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await pool.end();
    const drop = new pg.Client({ connectionString: f.postgresUrl });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await drop.end();
  }
}

if (process.argv[2] === "--worker") {
  const [, , , url, mode, seconds, wsId, index, queues, batch, timer] = process.argv;
  await worker(
    url!,
    mode as "baton" | "floor",
    Number(seconds),
    wsId!,
    Number(index),
    Number(queues),
    Number(batch),
    timer === "timer",
  );
} else {
  await lead(parseFlags(process.argv.slice(2)));
}
