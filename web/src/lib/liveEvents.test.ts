import { describe, expect, it } from "vitest";
import {
  casesShown,
  keysToInvalidate,
  parseCaseEvent,
  parseNotificationEvent,
  reconnectDelay,
} from "./liveEvents.ts";

describe("live case events", () => {
  it("parses the server's event data", () => {
    expect(
      parseCaseEvent('{"number":42,"workspace":"ws","action":"case.updated","actorId":"u1"}'),
    ).toEqual({ number: 42, workspace: "ws", action: "case.updated", actorId: "u1" });
    expect(parseCaseEvent("not json")).toBeNull();
    expect(parseCaseEvent('{"number":"42"}')).toBeNull();
    expect(parseCaseEvent("null")).toBeNull();
  });

  it("invalidates each case once and the lists once", () => {
    const e = { workspace: "ws", action: "case.updated", actorId: null };
    expect(
      keysToInvalidate([
        { ...e, number: 1 },
        { ...e, number: 2 },
        { ...e, number: 1 },
      ]),
    ).toEqual([["cases"], ["case", 1], ["case", 2]]);
    expect(keysToInvalidate([])).toEqual([]);
  });

  it("finds the cases a task, a project's tasks or my tasks show", () => {
    expect(casesShown({ number: 3, case: { number: 41, status: "new" } })).toEqual([41]);
    expect(casesShown({ number: 4, case: null })).toEqual([]);
    expect(
      casesShown({
        items: [{ case: { number: 7 } }, { case: null }, { code: "P" }],
        myTasks: [{ case: { number: 9 } }],
      }),
    ).toEqual([7, 9]);
    expect(casesShown(undefined)).toEqual([]);
    expect(casesShown([{ case: { number: 1 } }])).toEqual([]);
  });

  it("backs off reconnects up to 30 seconds", () => {
    expect([0, 1, 2, 5, 10].map(reconnectDelay)).toEqual([1000, 2000, 4000, 30_000, 30_000]);
  });

  it("parses notification events, new or read", () => {
    expect(
      parseNotificationEvent('{"id":7,"kind":"mention","caseNumber":42,"change":"new"}'),
    ).toEqual({ id: 7, kind: "mention", caseNumber: 42, change: "new" });
    expect(parseNotificationEvent('{"id":8,"kind":"","caseNumber":null,"change":"read"}')).toEqual({
      id: 8,
      kind: "",
      caseNumber: null,
      change: "read",
    });
    expect(parseNotificationEvent('{"id":"7"}')).toBeNull();
    expect(parseNotificationEvent("nope")).toBeNull();
  });
});
