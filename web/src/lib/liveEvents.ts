// Server-sent `case` events name a case that changed; the page refetches what it shows. These
// helpers parse an event and decide which queries it makes stale.

export interface CaseEvent {
  number: number;
  workspace: string;
  action: string;
  actorId: string | null;
}

export function parseCaseEvent(data: string): CaseEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
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

/** Delay before reconnecting after the stream closed for good: 1 s doubling up to 30 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt));
}
