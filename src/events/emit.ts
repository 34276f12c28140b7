import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { prepared } from "../db/prepared.ts";
import { auditEvents } from "../db/schema.ts";
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
}

/** Adds the rows an event causes (deliveries, in-app notifications) in the event's transaction. */
export type Subscriber<N extends EventName> = (
  tx: Db,
  event: EventOf<N>,
  scope: EmitScope,
) => Promise<void>;

export type SubscriberList = { readonly [N in EventName]?: readonly Subscriber<N>[] };

// Every change writes one, so it is a prepared statement rather than built each time.
const insertAudit = prepared("baton_audit", (db) =>
  db.insert(auditEvents).values({
    action: sql.placeholder("action"),
    actorId: sql.placeholder("actorId"),
    workspaceId: sql.placeholder("workspaceId"),
    caseId: sql.placeholder("caseId"),
    subjectType: sql.placeholder("subjectType"),
    subjectId: sql.placeholder("subjectId"),
    data: sql.placeholder("data"),
  }),
);

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
  async function emit<N extends EventName>(tx: Db, event: EventOf<N>): Promise<number> {
    if (CHECK) assertEvent(event);
    await insertAudit(tx, {
      action: event.name,
      actorId: event.actorId,
      workspaceId: event.workspaceId,
      caseId: event.caseId ?? null,
      subjectType: CATALOGUE[event.name].subject,
      subjectId: event.subjectId,
      data: event.data,
    });
    if (event.caseNumber !== undefined && event.workspaceId) {
      const live: CaseEvent = {
        workspaceId: event.workspaceId,
        number: event.caseNumber,
        action: event.name,
        actorId: event.actorId,
      };
      await tx.execute(sql`SELECT pg_notify(${CASE_EVENTS_CHANNEL}, ${JSON.stringify(live)})`);
    }
    const list: readonly Subscriber<N>[] = subscribers[event.name] ?? [];
    if (list.length === 0) return 0;
    const atEnd = new Map<string, () => Promise<number>>();
    const scope: EmitScope = {
      atEnd: (key, run) => {
        if (!atEnd.has(key)) atEnd.set(key, run);
      },
      emit: (caused) => emit(tx, caused),
    };
    for (const subscriber of list) await subscriber(tx, event, scope);
    let written = 0;
    for (const run of atEnd.values()) written += await run();
    return written;
  }
  return emit;
}

/** Lists of subscribers joined, event by event, in the order given. */
export function joinSubscribers(...lists: SubscriberList[]): SubscriberList {
  const joined: Record<string, Subscriber<EventName>[]> = {};
  for (const list of lists)
    for (const [name, subs] of Object.entries(list) as [EventName, Subscriber<EventName>[]][])
      joined[name] = [...(joined[name] ?? []), ...subs];
  return joined as SubscriberList;
}
