import { is, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.ts";
import { commitWithNextStatement } from "../db/pg-transaction.ts";
import { prepared, preparedSql } from "../db/prepared.ts";
import { auditEvents, deliveries, webhookSubscriptions, workspaces } from "../db/schema.ts";
import type { WorkspaceWebhook } from "../db/workspace-webhooks.ts";
import { afterCommit, type Note, notifyWithinTransaction } from "./after-commit.ts";
import { CATALOGUE, type EventName, type EventOf, eventSchema } from "./catalogue.ts";

export const CASE_EVENTS_CHANNEL = "baton_case_events";
/** The outbox's relay listens here (src/notify/outbox.ts); heard only if the writer commits. */
export const DELIVERIES_CHANNEL = "baton_deliveries";

/**
 * A message for the outbox as src/notify/outbox.ts makes it, for a transaction that writes it
 * with its audit rows (`EmitScope.deferOutbox`); `state` is "failed" for an address Baton will not
 * send to, with `lastError` saying why.
 */
export interface OutboxRow {
  workspaceId: string;
  caseId: string | null;
  caseNumber: number | null;
  channel: string;
  topic: string;
  event: string;
  sourceId: string;
  recipient: string;
  recipientName: string | null;
  subject: string;
  body: string;
  dedupeKey: string;
  unsubscribeToken: string | null;
  state?: "failed";
  lastError?: string;
}

/** What the live stream hears of a committed change to a case (GET /api/v1/events). */
export interface CaseEvent {
  workspaceId: string;
  number: number;
  action: EventName;
  actorId: string | null;
}

/** Handed to each subscriber of one emitted event. */
export interface EmitScope {
  /**
   * Work to run once, after every subscriber of this event, however many ask under `key`: the
   * mails of several subscribers go to the outbox in one write with one notify, as they did when
   * one function wrote them all (a transfer is a hot path, docs/performance.md). Its answer, a
   * count of rows written, is added to what `emit` answers.
   */
  atEnd(key: string, run: () => Promise<number>): void;
  /**
   * Emits an event this one caused (routing gives a new case its owner: `case.auto_assigned`),
   * in the same transaction, with its own audit row and subscribers.
   */
  emit<M extends EventName>(event: EventOf<M>): Promise<number>;
  /** Emits several caused events at once (a batch of assignments causes a batch of clock moves). */
  emitMany<M extends EventName>(events: readonly EventOf<M>[]): Promise<number>;
  /**
   * The webhook subscriptions that want this event, read with its audit row or by the use case
   * (`emit.knowWebhooks`); undefined when they were not (an event of no case, a batch, or an
   * event whose audit row waits for the end of its transaction), and the webhook subscriber then
   * asks itself.
   */
  readonly webhooks?: readonly WebhookTarget[];
  /**
   * In a transaction opened by `emit.transaction`: takes outbox rows to write with its audit
   * rows before COMMIT (the same statement) and answers true. Elsewhere answers false, and the
   * caller writes them itself.
   */
  deferOutbox(rows: readonly OutboxRow[]): boolean;
}

/** What a use case hands on to code that emits for it (routing, the clocks): one or a batch. */
export type Emitting = Pick<EmitScope, "emit" | "emitMany">;

/** Adds the rows an event causes (deliveries, in-app notifications) in the event's transaction. */
export type Subscriber<N extends EventName> = ((
  tx: Db,
  event: EventOf<N>,
  scope: EmitScope,
) => Promise<void>) & {
  /**
   * The same work for a batch of events of this name, in a few statements instead of a few per
   * event (routing assigns a batch of waiting cases in one transaction). Without it, a batch
   * calls the subscriber once per event.
   */
  readonly many?: (tx: Db, events: readonly EventOf<N>[], scope: EmitScope) => Promise<void>;
};

export type SubscriberList = { readonly [N in EventName]?: readonly Subscriber<N>[] };

// Every change writes one, so it is a prepared statement rather than built each time.
const auditInsert = (db: Db) =>
  db.insert(auditEvents).values({
    action: sql.placeholder("action"),
    actorId: sql.placeholder("actorId"),
    workspaceId: sql.placeholder("workspaceId"),
    caseId: sql.placeholder("caseId"),
    subjectType: sql.placeholder("subjectType"),
    subjectId: sql.placeholder("subjectId"),
    data: sql.placeholder("data"),
  });
const insertAudit = prepared("baton_audit", auditInsert);

/** A webhook subscription that wants an event, as the outbox addresses it. */
export interface WebhookTarget {
  id: string;
  url: string;
  format: string;
  workspace: string;
}

/**
 * The audit row, the live stream's notify of a case event and the workspace's webhook
 * subscriptions that want the event, in one round trip (a transfer sends three of them, and
 * asking for the subscriptions apart was two more, docs/performance.md); exported so the
 * benchmark's floor sends it too.
 */
export const auditAndNotifyStatement = (db: Db) => {
  const row = db.$with("audit").as(auditInsert(db).returning({ id: auditEvents.id }));
  const action = sql.placeholder("action");
  return db
    .with(row)
    .select({
      notified: sql`pg_notify(${CASE_EVENTS_CHANNEL}, ${sql.placeholder("live")})`,
      webhooks: sql<WebhookTarget[]>`(select coalesce(json_agg(json_build_object('id', s.id,
          'url', s.url, 'format', s.format, 'workspace', w.slug)), '[]'::json)
        from ${webhookSubscriptions} s join ${workspaces} w on w.id = s.workspace_id
        where s.workspace_id = ${sql.placeholder("workspaceId")} and s.active
          and (${action}::text = any(s.events) or '*' = any(s.events)))`,
    })
    .from(row);
};
const insertAuditAndNotify = prepared("baton_audit_notify", auditAndNotifyStatement);

const auditColumns = [
  auditEvents.action,
  auditEvents.actorId,
  auditEvents.workspaceId,
  auditEvents.caseId,
  auditEvents.subjectType,
  auditEvents.subjectId,
  auditEvents.data,
];
const outboxColumns = [
  deliveries.workspaceId,
  deliveries.caseId,
  deliveries.caseNumber,
  deliveries.channel,
  deliveries.topic,
  deliveries.event,
  deliveries.sourceId,
  deliveries.recipient,
  deliveries.recipientName,
  deliveries.subject,
  deliveries.body,
  deliveries.dedupeKey,
  deliveries.unsubscribeToken,
  deliveries.state,
  deliveries.failedAt,
  deliveries.lastError,
];
const names = (columns: readonly { name: string }[]) =>
  sql.join(
    columns.map((c) => sql.identifier(c.name)),
    sql`, `,
  );

/**
 * What a transaction opened by `emit.transaction` emitted, in one statement before COMMIT: its
 * audit rows (placeholder `rows`, a JSON array) and its outbox rows (`outbox`), each written once
 * (a message whose dedupe key is taken is skipped); `wake` says whether one was queued, for the
 * relay's notify after COMMIT (src/events/after-commit.ts). A transfer wrote these with four
 * statements (docs/performance.md, "A transfer in seven statements"); exported so the
 * benchmark's floor sends it too.
 */
export const auditBatchStatement = sql`with rows as (
    select e.v, e.n from jsonb_array_elements(${sql.placeholder("rows")}::jsonb) with ordinality as e(v, n)),
  audit as (
    insert into ${auditEvents} (${names(auditColumns)})
    select v->>'action', (v->>'actorId')::uuid, (v->>'workspaceId')::uuid, (v->>'caseId')::uuid,
      v->>'subjectType', v->>'subjectId', v->'data'
    from rows order by n
    returning 1),
  queued as (
    insert into ${deliveries} (${names(outboxColumns)})
    select (v->>'workspaceId')::uuid, (v->>'caseId')::uuid, (v->>'caseNumber')::bigint,
      v->>'channel', v->>'topic', v->>'event', v->>'sourceId', v->>'recipient',
      v->>'recipientName', v->>'subject', v->>'body', v->>'dedupeKey', v->>'unsubscribeToken',
      coalesce(v->>'state', 'queued'), case when v->>'state' = 'failed' then now() end,
      v->>'lastError'
    from jsonb_array_elements(${sql.placeholder("outbox")}::jsonb) with ordinality as o(v, n)
    order by n
    on conflict (${sql.identifier(deliveries.dedupeKey.name)}) do nothing
    returning ${sql.identifier(deliveries.state.name)} as state)
  select (select count(*)::int from audit) as written,
    (select count(*)::int from queued) as queued,
    exists (select 1 from queued where state = 'queued') as wake`;
const insertAuditBatch = preparedSql<{ written: number; queued: number; wake: boolean }>(
  "baton_audit_batch",
  auditBatchStatement,
);

/** What a transaction opened by `emit.transaction` has emitted and not yet written. */
interface Pending {
  rows: Record<string, unknown>[];
  /** The live stream's payloads of its events, in order, sent once it commits. */
  live: string[];
  outbox: OutboxRow[];
  /** Each workspace's active webhook subscriptions, where the use case read them already. */
  webhooks: Map<string, readonly WorkspaceWebhook[]>;
}

/**
 * Tests and development check every event against the catalogue's zod schema; production does
 * not. Not for speed: a parse costs about 1 µs per transfer (its two events, measured on the
 * 2-core dev machine; a transfer costs the server some 10 ms of CPU). But the types already fix
 * the shape at every call site, and what they cannot see (a fractional number, a null where the
 * catalogue has none) is a gap between code and catalogue that the tests must find, not a reason
 * to refuse someone's change in production with a 500.
 */
const CHECK =
  process.env.NODE_ENV === "test" ||
  process.env.NODE_ENV === "development" ||
  process.env.BATON_CHECK_EVENTS === "on";

/** Throws when `event` does not match the catalogue; the checked emit calls it. */
export function assertEvent(event: unknown): void {
  const checked = eventSchema.safeParse(event);
  if (!checked.success)
    throw new Error(
      `Event does not match the catalogue: ${checked.error.issues
        .map((i) => `${i.path.join(".")}: ${i.message}`)
        .join("; ")}`,
    );
}

/**
 * The one way a use case ends (docs/architecture.md, Events): `emit(tx, event)` inside the
 * transaction that made the change writes the audit row, tells the live stream of a case event
 * (pg_notify, heard only if the transaction commits) and runs the subscribers listed for the
 * event's name, so that their rows commit or roll back with the change. Answers how many rows
 * the subscribers' end-of-event work wrote (the mails queued).
 */
export function emitter(subscribers: SubscriberList) {
  const pendingIn = new WeakMap<Db, Pending>();

  const scopeFor = (tx: Db, webhooks?: readonly WebhookTarget[]) => {
    const atEnd = new Map<string, () => Promise<number>>();
    const scope: EmitScope = {
      atEnd: (key, run) => {
        if (!atEnd.has(key)) atEnd.set(key, run);
      },
      emit: (caused) => emit(tx, caused),
      emitMany: (caused) => emitMany(tx, caused),
      webhooks,
      deferOutbox: (rows) => {
        const pending = pendingIn.get(tx);
        if (!pending) return false;
        pending.outbox.push(...rows);
        return true;
      },
    };
    const finish = async () => {
      let written = 0;
      for (const run of atEnd.values()) written += await run();
      return written;
    };
    return { scope, finish };
  };

  async function emit<N extends EventName>(tx: Db, event: EventOf<N>): Promise<number> {
    if (CHECK) assertEvent(event);
    const live = liveEvent(event);
    const pending = pendingIn.get(tx);
    let webhooks: readonly WebhookTarget[] | undefined;
    if (pending) {
      pending.rows.push(auditRow(event));
      if (live) pending.live.push(JSON.stringify(live));
      const known = event.workspaceId ? pending.webhooks.get(event.workspaceId) : undefined;
      webhooks = known?.filter((w) => w.events.includes(event.name) || w.events.includes("*"));
    } else if (live) {
      const [row] = await insertAuditAndNotify(tx, {
        ...auditRow(event),
        live: JSON.stringify(live),
      });
      webhooks = row?.webhooks;
    } else await insertAudit(tx, auditRow(event));
    const list: readonly Subscriber<N>[] = subscribers[event.name] ?? [];
    if (list.length === 0) return 0;
    const { scope, finish } = scopeFor(tx, webhooks);
    for (const subscriber of list) await subscriber(tx, event, scope);
    return finish();
  }

  /**
   * `emit` for a batch: one audit insert and one notify statement for all of them, then each
   * subscriber hears the whole batch of a name (its `many`, or once per event) before the next
   * subscriber runs. The end-of-event work (the mails) runs once for the batch.
   */
  async function emitMany<N extends EventName>(
    tx: Db,
    events: readonly EventOf<N>[],
  ): Promise<number> {
    if (events.length === 0) return 0;
    if (events.length === 1) return emit(tx, events[0]!);
    if (CHECK) for (const event of events) assertEvent(event);
    const pending = pendingIn.get(tx);
    if (pending)
      for (const e of events) {
        pending.rows.push(auditRow(e));
        const live = liveEvent(e);
        if (live) pending.live.push(JSON.stringify(live));
      }
    else {
      await tx.insert(auditEvents).values(events.map(auditRow));
      await notifyWithinTransaction(
        tx,
        events.flatMap((e) => {
          const l = liveEvent(e);
          return l ? [[CASE_EVENTS_CHANNEL, JSON.stringify(l)] as const] : [];
        }),
      );
    }
    const byName = new Map<N, EventOf<N>[]>();
    for (const e of events) byName.set(e.name, [...(byName.get(e.name) ?? []), e]);
    const { scope, finish } = scopeFor(tx);
    for (const [name, group] of byName) {
      const list: readonly Subscriber<N>[] = subscribers[name] ?? [];
      for (const subscriber of list)
        if (subscriber.many) await subscriber.many(tx, group, scope);
        else for (const e of group) await subscriber(tx, e, scope);
    }
    return finish();
  }

  /**
   * Writes what a transaction opened by `transaction` emitted: its audit rows and outbox rows, in
   * one statement. Answers the notifies to send once it commits: the live stream's, and the
   * relay's when a message was queued.
   */
  async function flush(tx: Db, pending: Pending, last: boolean): Promise<Note[]> {
    if (pending.rows.length === 0 && pending.outbox.length === 0) return [];
    // The transaction's last statement: its COMMIT may go with it (src/db/pg-transaction.ts).
    if (last) commitWithNextStatement(tx);
    const [row] = await insertAuditBatch(tx, {
      rows: wellFormedJson(pending.rows.splice(0)),
      outbox: wellFormedJson(pending.outbox.splice(0)),
    });
    const notes: Note[] = pending.live.map((live) => [CASE_EVENTS_CHANNEL, live] as const);
    if (row?.wake) notes.push([DELIVERIES_CHANNEL, ""]);
    return notes;
  }

  /**
   * Tells a transaction opened by `transaction` the active webhook subscriptions of a workspace,
   * read with what the use case loaded, so that its events need not look them up one by one.
   */
  function knowWebhooks(tx: Db, workspaceId: string, webhooks: readonly WorkspaceWebhook[]) {
    pendingIn.get(tx)?.webhooks.set(workspaceId, webhooks);
  }

  /**
   * `db.transaction(run)` whose events write their audit rows together, just before COMMIT: one
   * statement for all of them instead of one each (a hot path's use case opens its transaction
   * with this). Subscribers still run as each event is emitted, in the same transaction; only the
   * audit rows and the outbox's mail wait for the end. A savepoint inside (`tx.transaction`)
   * emits as usual, so what it rolls back takes its audit rows with it. The notifies go after
   * COMMIT, batched with the process's other commits (src/events/after-commit.ts), and are sent
   * when this resolves.
   */
  async function transaction<T>(db: Db, run: (tx: Db) => Promise<T>): Promise<T> {
    // Opened inside another transaction (a leave plan's transfers), this is a savepoint: the
    // notes wait for the outer COMMIT, so PostgreSQL's own NOTIFY sends them, in it.
    const nested = is(db, PgTransaction);
    let notes: Note[] = [];
    const result = await db.transaction(async (tx) => {
      const pending: Pending = { rows: [], live: [], outbox: [], webhooks: new Map() };
      pendingIn.set(tx, pending);
      const answer = await run(tx);
      notes = await flush(tx, pending, !nested);
      if (nested) {
        await notifyWithinTransaction(tx, notes);
        notes = [];
      }
      return answer;
    });
    await afterCommit(db).send(notes);
    return result;
  }

  return Object.assign(emit, { many: emitMany, transaction, knowWebhooks });
}

/**
 * JSON for PostgreSQL, which refuses a lone surrogate's escape ("\\ud800") that a text parameter
 * would have stored as U+FFFD. Text from outside is made well-formed where it enters; this keeps
 * it so here. JSON.stringify writes a lone surrogate, and nothing else, as such an escape, so the
 * text is searched for one only (not walked with a replacer, 2 % of a transfer's server CPU) and
 * each found is written as U+FFFD, in keys as in values.
 */
export function wellFormedJson(value: unknown): string {
  const text = JSON.stringify(value);
  return LONE_SURROGATE.test(text)
    ? text.replace(ESCAPES, (found) => (found === "\\\\" ? found : "\\ufffd"))
    : text;
}
const LONE_SURROGATE = /\\ud[89a-f]/i;
// An escaped backslash is matched as a whole, so a backslash written before "ud800" stays as it is.
const ESCAPES = /\\\\|\\ud[89a-f][0-9a-f]{2}/gi;

function auditRow<N extends EventName>(event: EventOf<N>) {
  return {
    action: event.name,
    actorId: event.actorId,
    workspaceId: event.workspaceId,
    caseId: event.caseId ?? null,
    subjectType: CATALOGUE[event.name].subject,
    subjectId: event.subjectId,
    data: event.data,
  };
}

function liveEvent<N extends EventName>(event: EventOf<N>): CaseEvent | null {
  if (event.caseNumber === undefined || !event.workspaceId) return null;
  return {
    workspaceId: event.workspaceId,
    number: event.caseNumber,
    action: event.name,
    actorId: event.actorId,
  };
}

/** Lists of subscribers joined, event by event, in the order given. */
export function joinSubscribers(...lists: SubscriberList[]): SubscriberList {
  const joined: Record<string, Subscriber<EventName>[]> = {};
  for (const list of lists)
    for (const [name, subs] of Object.entries(list) as [EventName, Subscriber<EventName>[]][])
      joined[name] = [...(joined[name] ?? []), ...subs];
  return joined as SubscriberList;
}
