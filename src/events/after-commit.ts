import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { preparedSql } from "../db/prepared.ts";

/** A NOTIFY to send once its transaction has committed: the channel and the payload. */
export type Note = readonly [channel: string, payload: string];

// A batch's notes in order, from a JSON array of [channel, payload] pairs.
const notesIn = sql`select e->>0 as c, e->>1 as p
  from json_array_elements(${sql.placeholder("notes")}::json) with ordinality as x(e, i)
  order by i`;
/**
 * The notes of one batch as one statement; exported so the benchmark's floor sends it too. Its
 * transaction stores nothing, so its commit need not wait for the WAL to reach the disk
 * (synchronous_commit off, for this transaction only): the listeners hear it as soon as it
 * commits either way.
 */
export const notifyManyStatement = sql`select count(pg_notify(q.c, q.p))::int as sent
  from (select set_config('synchronous_commit', 'off', true)) s(off), (${notesIn}) q`;
const notifyMany = preparedSql<{ sent: number }>("baton_notify_after_commit", notifyManyStatement);
// The same inside a transaction that is still open: no setting of its own, since it would change
// how that transaction commits.
const notifyWithin = preparedSql<{ sent: number }>(
  "baton_notify_within",
  sql`select count(pg_notify(q.c, q.p))::int as sent from (${notesIn}) q`,
);

/**
 * Sends `notes` inside the open transaction `tx`, to be heard if it commits: for an
 * `emit.transaction` opened inside another transaction, whose COMMIT is not its own to wait for.
 */
export async function notifyWithinTransaction(tx: Db, notes: readonly Note[]): Promise<void> {
  if (notes.length > 0) await notifyWithin(tx, { notes: JSON.stringify(notes) });
}

/**
 * Sends the notes of committed transactions, many transactions' at a time. PostgreSQL commits a
 * transaction that sent a NOTIFY while holding one lock for the whole cluster, its WAL flush
 * included, so every notifying commit waited for the one before it: at a few hundred transfers a
 * second that queue was the largest cost of a transfer (docs/performance.md, "Notifies after
 * COMMIT"). Here a transaction's commit takes no such lock; its notes wait for the batch in
 * flight, if any, and go with everyone else's that arrived meanwhile, in one statement.
 *
 * A note is sent only for a committed change, as before, but not atomically with it: a process
 * that dies between its COMMIT and the batch loses those notes. They are hints (a case to refetch,
 * an outbox to look at), and both listeners have a backstop: the web app refetches its lists
 * every minute, the outbox's relay makes a pass every minute (docs/notifications.md). PostgreSQL
 * delivers identical notes of one transaction once, so two identical hints in one batch arrive as
 * one, which tells a listener the same.
 */
export class AfterCommit {
  private readonly queued: Note[] = [];
  private inFlight: Promise<void> | undefined;
  private next: Promise<void> | undefined;
  /** Batches sent, for /metrics. */
  sent = 0;
  /** Batches that failed to send (their notes are lost; the backstops above cover them). */
  failed = 0;

  private readonly sendBatch: (notesJson: string) => Promise<unknown>;

  constructor(sendBatch: (notesJson: string) => Promise<unknown>) {
    this.sendBatch = sendBatch;
  }

  /** Resolves once a batch holding `notes` was sent or failed; never rejects. */
  send(notes: readonly Note[]): Promise<void> {
    if (notes.length === 0) return Promise.resolve();
    this.queued.push(...notes);
    if (this.next) return this.next;
    if (!this.inFlight) {
      this.inFlight = this.run();
      return this.inFlight;
    }
    this.next = this.inFlight.then(() => {
      this.next = undefined;
      this.inFlight = this.run();
      return this.inFlight;
    });
    return this.next;
  }

  private async run(): Promise<void> {
    const batch = this.queued.splice(0);
    try {
      await this.sendBatch(JSON.stringify(batch));
      this.sent++;
    } catch {
      // The change committed; failing the request for its hint would report a success as an
      // error. The connection's own trouble is the pool's to report.
      this.failed++;
    }
    if (!this.next) this.inFlight = undefined;
  }
}

const byDatabase = new WeakMap<Db, AfterCommit>();

/** The after-commit sender for the database `db` (one per process and database). */
export function afterCommit(db: Db): AfterCommit {
  let sender = byDatabase.get(db);
  if (!sender) {
    sender = new AfterCommit((notes) => notifyMany(db, { notes }));
    byDatabase.set(db, sender);
  }
  return sender;
}
