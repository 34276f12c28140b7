// Server-sent `case` events name a case that changed; the page refetches what it shows. These
// helpers parse an event and decide which queries it makes stale. `notification` events tell the
// signed-in person their notifications changed; the bell refetches.

export interface CaseEvent {
  number: number;
  workspace: string;
  action: string;
  actorId: string | null;
}

/**
 * The case numbers a projects query shows: a task's case, or the cases of a list's tasks. A case
 * event for one of them refetches that query, so a task shows its case's live status (and, once
 * the case resolves, its follow-up).
 */
export function casesShown(data: unknown): number[] {
  if (!isRecord(data)) return [];
  const own = isRecord(data.case) && typeof data.case.number === "number" ? [data.case.number] : [];
  const listed = [data.items, data.myTasks].flatMap((list) =>
    Array.isArray(list) ? list.flatMap(casesShownByTask) : [],
  );
  return [...own, ...listed];
}

function casesShownByTask(task: unknown): number[] {
  return isRecord(task) && isRecord(task.case) && typeof task.case.number === "number"
    ? [task.case.number]
    : [];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** An event's data as an object, or null when it is not JSON or not an object. */
function parseObject(data: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
}

export function parseCaseEvent(data: string): CaseEvent | null {
  const v = parseObject(data);
  if (!v) return null;
  if (typeof v.number !== "number" || !Number.isSafeInteger(v.number)) return null;
  return {
    number: v.number,
    workspace: typeof v.workspace === "string" ? v.workspace : "",
    action: typeof v.action === "string" ? v.action : "",
    actorId: typeof v.actorId === "string" ? v.actorId : null,
  };
}

/** Query key prefixes to invalidate for a batch of events: each case, and the lists once. */
export function keysToInvalidate(events: readonly CaseEvent[]): (readonly unknown[])[] {
  if (events.length === 0) return [];
  const numbers = [...new Set(events.map((e) => e.number))];
  return [["cases"], ...numbers.map((n) => ["case", n])];
}

/** A `notification` event: one of mine arrived ("new") or some were marked read ("read"). */
export interface NotificationEvent {
  id: number;
  kind: string;
  caseNumber: number | null;
  change: "new" | "read";
}

export function parseNotificationEvent(data: string): NotificationEvent | null {
  const v = parseObject(data);
  if (!v) return null;
  if (typeof v.id !== "number" || !Number.isSafeInteger(v.id)) return null;
  return {
    id: v.id,
    kind: typeof v.kind === "string" ? v.kind : "",
    caseNumber: typeof v.caseNumber === "number" ? v.caseNumber : null,
    change: v.change === "read" ? "read" : "new",
  };
}

/** Delay before reconnecting after the stream closed for good: 1 s doubling up to 30 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt));
}
