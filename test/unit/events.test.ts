import { describe, expect, it } from "vitest";
import { CATALOGUE, EVENT_NAMES, eventSchema } from "../../src/events/catalogue.ts";
import { assertEvent, joinSubscribers, type Subscriber } from "../../src/events/emit.ts";
import { subscribersOf } from "../../src/notify/subscribers.ts";
import { WEBHOOK_EVENTS } from "../../src/notify/webhooks.ts";

const envelope = { actorId: null, workspaceId: "w", subjectId: "t1", caseNumber: 7 };
const completed = {
  name: "transfer.completed",
  ...envelope,
  data: {
    kind: "escalate",
    from: { ownerId: "u1", queue: "l1", workspaceId: "w" },
    to: { ownerId: null, queue: "l2", workspaceId: "w" },
    version: 3,
  },
};

describe("event catalogue", () => {
  it("has a payload schema and a subject for every event name, and no other", () => {
    // The compiler checks this too (`satisfies Record<EventName, Spec>`); this guards the list.
    expect(Object.keys(CATALOGUE).sort()).toEqual([...EVENT_NAMES].sort());
    expect(new Set(EVENT_NAMES).size).toBe(EVENT_NAMES.length);
  });

  it("accepts an event as the commands write it", () => {
    expect(eventSchema.safeParse(completed).success).toBe(true);
    expect(() => assertEvent(completed)).not.toThrow();
  });

  it("rejects a wrong payload, naming the field", () => {
    const wrong = { ...completed, data: { ...completed.data, to: { ownerId: 5 } } };
    expect(eventSchema.safeParse(wrong).success).toBe(false);
    expect(() => assertEvent(wrong)).toThrow(/data\.to\.ownerId/);
    // Another event's payload under this name is wrong too: the name picks the schema.
    expect(() => assertEvent({ ...completed, data: { state: "rejected", note: null } })).toThrow(
      /data\.kind/,
    );
  });

  it("rejects an unknown name and a missing envelope", () => {
    expect(() => assertEvent({ ...completed, name: "transfer.teleported" })).toThrow();
    const { subjectId: _, ...bare } = completed;
    expect(() => assertEvent(bare)).toThrow(/subjectId/);
  });
});

describe("subscriber list", () => {
  it("sends a webhook for exactly the events subscriptions may ask for", () => {
    const withHook = EVENT_NAMES.filter((n) => subscribersOf(n).some((s) => s.name === "webhooks"));
    expect(withHook.sort()).toEqual([...WEBHOOK_EVENTS].sort());
  });

  it("tells a completed transfer's customer, new owner and dispatch desk", () => {
    expect(subscribersOf("transfer.completed").map((s) => s.name)).toEqual([
      "webhooks",
      "customerNotice",
      "ownerBriefing",
      "dispatchRequest",
      "newOwnerInApp",
    ]);
  });

  it("joins subscriber lists event by event, the earlier list's first", () => {
    const named = (name: string): Subscriber<"case.created"> =>
      Object.defineProperty(async () => {}, "name", { value: name });
    const joined = joinSubscribers(
      { "case.created": [named("clocks")] },
      { "case.created": [named("webhooks")], "case.updated": [] },
    );
    expect(joined["case.created"]?.map((s) => s.name)).toEqual(["clocks", "webhooks"]);
    expect(joined["case.updated"]).toEqual([]);
    expect(joined["transfer.completed"]).toBeUndefined();
  });
});
