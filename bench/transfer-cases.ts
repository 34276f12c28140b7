// What bench/transfer.ts and bench/transfer-ab.ts share: a scratch database with the demo and N
// generated cases in helpdesk-transfer, a supervisor's API token, and the cases dealt out to
// transfers between its two support queues.
import autocannon from "autocannon";
import { generateVolume } from "../src/demo/generate.ts";
import { seedDemo } from "../src/demo/seed.ts";
import { createApiToken } from "../src/writes/api-tokens.ts";
import { type BenchDb, onServer, openBenchPostgres } from "./dataset.ts";

export const WORKSPACE = "helpdesk-transfer";
const QUEUES = ["l1-support", "l2-support"] as const;
/** A reason of the queue transfer kind: no steps, so each request completes the transfer. */
export const REASON = "escalate-to-l2";

/** One case handed out to a transfer: its number, id, the version and queue it has now. */
export interface Slot {
  id: string;
  number: number;
  version: number;
  queue: string;
}

/** Hands out cases in order, round and round; each pass finds every case one version on. */
export class Dealer {
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
  /** The next transfer as the API takes it. */
  request(): { path: string; body: string } {
    const { slot, version, target } = this.take();
    return {
      path: `/api/v1/cases/${slot.number}/transfers`,
      body: JSON.stringify({
        version,
        kind: "transfer",
        target: { queue: target },
        reason: REASON,
      }),
    };
  }
}

export interface TransferData {
  actor: { id: string; email: string; role: string };
  token: string;
  /** Every case that can be transferred now, in number order. */
  slots: Slot[];
}

/** Migrates and seeds an empty database, generates `cases`, and answers who transfers what. */
export async function transferData(
  bdb: BenchDb,
  volume: { cases: number; agents: number },
): Promise<TransferData> {
  await bdb.migrate();
  const seeded = await seedDemo(bdb.db);
  if (!seeded.seeded) throw new Error("expected an empty database to seed");
  await generateVolume(bdb.db, { workspaceSlug: WORKSPACE, ...volume, seed: 1 });
  await bdb.rows("VACUUM (ANALYZE) cases");
  const [actor] = await bdb.rows(
    `SELECT m.user_id, m.role, u.email FROM memberships m
       JOIN workspaces w ON w.id = m.workspace_id JOIN users u ON u.id = m.user_id
      WHERE w.slug = $1 AND m.role = 'supervisor' ORDER BY u.email LIMIT 1`,
    [WORKSPACE],
  );
  if (!actor) throw new Error(`no supervisor in ${WORKSPACE}`);
  const id = String(actor.user_id);
  const { token } = await createApiToken(bdb.db, id, "bench-transfer");
  const rows = await bdb.rows(
    `SELECT c.id, c.number, c.version, c.queue FROM cases c JOIN workspaces w ON w.id = c.workspace_id
      WHERE w.slug = $1 AND c.status <> 'closed'
        AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.case_id = c.id
                          AND t.state NOT IN ('completed','rejected','declined','withdrawn','expired'))
      ORDER BY c.number`,
    [WORKSPACE],
  );
  return {
    actor: { id, email: String(actor.email), role: String(actor.role) },
    token,
    slots: rows.map((r) => ({
      id: String(r.id),
      number: Number(r.number),
      version: Number(r.version),
      queue: String(r.queue),
    })),
  };
}

/**
 * Sends `dealer`'s transfers to the server at `url` over `clients` connections for `seconds`,
 * telling `onResponse` each answer's status, body and time.
 */
export function driveTransfers(options: {
  url: string;
  token: string;
  dealer: Dealer;
  clients: number;
  seconds: number;
  onResponse(status: number, body: string): void;
  onLatency?(ms: number): void;
}): Promise<autocannon.Result> {
  const { dealer, onResponse, onLatency } = options;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.clients,
        duration: options.seconds,
        headers: { authorization: `Bearer ${options.token}`, "content-type": "application/json" },
        requests: [
          {
            method: "POST",
            setupRequest: (request) => ({ ...request, ...dealer.request() }),
            onResponse: (status, body) => onResponse(status, body),
          },
        ],
      },
      (error: unknown, result: autocannon.Result) => (error ? reject(error) : resolve(result)),
    );
    if (onLatency)
      instance.on("response", (_client, _status, _bytes, responseTime) => onLatency(responseTime));
  });
}

/**
 * Runs `work` on a database of its own on the PostgreSQL server at `serverUrl` (created here,
 * given the transfer data, and dropped after, whatever happens).
 */
export async function onScratchDatabase<T>(
  serverUrl: string,
  volume: { cases: number; agents: number },
  work: (database: { url: string; name: string }, data: TransferData) => Promise<T>,
): Promise<T> {
  const name = `baton_bench_${Math.random().toString(16).slice(2, 10)}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  process.stderr.write(`created database ${name}\n`);
  try {
    const bdb = await openBenchPostgres(url.toString());
    try {
      const data = await transferData(bdb, volume);
      process.stderr.write(`generated ${volume.cases} cases, ${volume.agents} agents\n`);
      return await work({ url: url.toString(), name }, data);
    } finally {
      await bdb.close();
    }
  } finally {
    await onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    process.stderr.write(`dropped database ${name}\n`);
  }
}
