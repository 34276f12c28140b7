import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { prepared } from "../db/prepared.ts";
import { auditEvents, webhookSubscriptions, workspaces } from "../db/schema.ts";
import { CATALOGUE, type EventName, type EventOf, eventSchema } from "./catalogue.ts";

export const CASE_EVENTS_CHANNEL = "baton_case_events";

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
   * The webhook subscriptions that want this event, read with its audit row; undefined when they
   * were not (an event of no case, a batch), and the webhook subscriber then asks itself.
   */
  readonly webhooks?: readonly WebhookTarget[];
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
  const scopeFor = (tx: Db, webhooks?: readonly WebhookTarget[]) => {
    const atEnd = new Map<string, () => Promise<number>>();
    const scope: EmitScope = {
      atEnd: (key, run) => {
        if (!atEnd.has(key)) atEnd.set(key, run);
      },
      emit: (caused) => emit(tx, caused),
      emitMany: (caused) => emitMany(tx, caused),
      webhooks,
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
    let webhooks: readonly WebhookTarget[] | undefined;
    if (live) {
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
    await tx.insert(auditEvents).values(events.map(auditRow));
    const live = events.flatMap((e) => {
      const l = liveEvent(e);
      return l ? [JSON.stringify(l)] : [];
    });
    if (live.length)
      await tx.execute(
        sql`SELECT pg_notify(${CASE_EVENTS_CHANNEL}, x) FROM json_array_elements_text(${JSON.stringify(live)}::json) AS x`,
      );
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
  return Object.assign(emit, { many: emitMany });
}

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
