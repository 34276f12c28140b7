import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  alarmsOf,
  type CaseClocks,
  clockViews,
  moveClocks,
  nextAlarmAt,
  openedClocks,
  slaDueAt,
} from "../../src/domain/sla/clocks.ts";
import type { SlaTerms } from "../../src/domain/sla/terms.ts";

const MIN = 60_000;
const t0 = new Date("2026-03-27T08:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * MIN);

const terms = (over: Partial<SlaTerms> = {}): SlaTerms => ({
  calendar: { kind: "24x7" },
  calendarLabel: "around the clock",
  firstResponseMinutes: 60,
  nextUpdateMinutes: 240,
  resolutionMinutes: 2880,
  idleLimitMinutes: 600,
  warnBeforeMinutes: 15,
  pauseWhileAwaitingCustomer: true,
  returnAfterMinutes: 30,
  ...over,
});

// Europe/Berlin 09:00–17:00 on weekdays; 29 March 2026 is the spring change (a Sunday).
const berlin = terms({
  calendar: {
    kind: "hours",
    label: "Berlin",
    schedule: {
      zone: "Europe/Berlin",
      hours: {
        mon: [{ start: "09:00", end: "17:00" }],
        tue: [{ start: "09:00", end: "17:00" }],
        wed: [{ start: "09:00", end: "17:00" }],
        thu: [{ start: "09:00", end: "17:00" }],
        fri: [{ start: "09:00", end: "17:00" }],
        sat: [],
        sun: [],
      },
      holidays: ["2026-03-30"],
    },
  },
});

describe("SLA clocks", () => {
  it("start with the case and a public reply meets the first response and sets the next update", () => {
    const c = openedClocks(terms(), t0);
    expect(c.firstResponseDueAt).toEqual(at(60));
    expect(c.nextUpdateDueAt).toEqual(at(240));
    expect(c.resolutionDueAt).toEqual(at(2880));
    expect(slaDueAt(c, terms(), "new")).toEqual(at(60));
    const privateNote = moveClocks(
      c,
      { type: "agent_activity", at: at(10), publicReply: false },
      terms(),
      "new",
    );
    expect(privateNote.firstRespondedAt).toBeNull();
    expect(privateNote.idleSince).toEqual(at(10));
    const reply = moveClocks(
      privateNote,
      { type: "agent_activity", at: at(20), publicReply: true },
      terms(),
      "active",
    );
    expect(reply.firstRespondedAt).toEqual(at(20));
    expect(reply.nextUpdateDueAt).toEqual(at(260));
    expect(slaDueAt(reply, terms(), "active")).toEqual(at(260));
    const views = clockViews(reply, terms(), "active", at(21));
    expect(views.find((v) => v.clock === "first_response")).toMatchObject({
      state: "met",
      metAt: at(20),
    });
  });

  it("keeps the idle clock and restarts the response clock on a transfer", () => {
    const c = moveClocks(
      openedClocks(terms(), t0),
      { type: "agent_activity", at: at(5), publicReply: true },
      terms(),
      "active",
    );
    const moved = moveClocks(
      c,
      { type: "transferred", at: at(100), resetsResponse: true },
      terms(),
      "active",
    );
    expect(moved.idleSince).toEqual(at(5));
    expect(moved.firstRespondedAt).toBeNull();
    expect(moved.firstResponseDueAt).toEqual(at(160));
    const kept = moveClocks(
      c,
      { type: "transferred", at: at(100), resetsResponse: false },
      terms(),
      "active",
    );
    expect(kept).toEqual(c);
  });

  it("counts business hours: a Friday-afternoon case is due on Tuesday after the holiday", () => {
    // Friday 27 March 16:30 Berlin (15:30 UTC), 60 working minutes: 30 on Friday, then Monday is
    // a holiday and the clocks changed on Sunday, so 09:30 Tuesday Berlin (07:30 UTC, CEST).
    const c = openedClocks(berlin, new Date("2026-03-27T15:30:00Z"));
    expect(c.firstResponseDueAt).toEqual(new Date("2026-03-31T07:30:00Z"));
  });

  it("warns before and breaches at each running clock's deadline, not a met or paused one", () => {
    const c = openedClocks(terms(), t0);
    const alarms = alarmsOf(c, terms(), "new");
    expect(alarms.slice(0, 2).map((a) => [a.clock, a.kind, a.at])).toEqual([
      ["first_response", "warning", at(45)],
      ["first_response", "breach", at(60)],
    ]);
    expect(nextAlarmAt(alarms, at(45))).toEqual(at(60));
    const answered = moveClocks(
      c,
      { type: "agent_activity", at: at(30), publicReply: true },
      terms(),
      "active",
    );
    expect(alarmsOf(answered, terms(), "active").some((a) => a.clock === "first_response")).toBe(
      false,
    );
    const paused = moveClocks(
      c,
      { type: "status", at: at(1), from: "new", to: "awaiting_customer" },
      terms(),
      "awaiting_customer",
    );
    expect(alarmsOf(paused, terms(), "awaiting_customer")).toEqual([]);
    expect(alarmsOf(c, terms(), "closed")).toEqual([]);
    // A target shorter than the warning lead has no warning.
    const short = openedClocks(terms({ firstResponseMinutes: 10 }), t0);
    expect(alarmsOf(short, terms({ firstResponseMinutes: 10 }), "new")[0]).toMatchObject({
      clock: "first_response",
      kind: "breach",
    });
  });

  it("the return timer starts with an auto-assignment and stops at the first public reply", () => {
    const c = moveClocks(
      openedClocks(terms(), t0),
      { type: "auto_assigned", at: at(2) },
      terms(),
      "new",
    );
    expect(c.returnDueAt).toEqual(at(32));
    expect(
      alarmsOf(c, terms(), "new")
        .filter((a) => a.clock === "return")
        .map((a) => a.kind),
    ).toEqual(["breach"]);
    const answered = moveClocks(
      c,
      { type: "agent_activity", at: at(10), publicReply: true },
      terms(),
      "active",
    );
    expect(answered.returnDueAt).toBeNull();
  });

  it("a pause of any length moves every pending deadline on by exactly the time paused", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 1, max: 5000 }),
        (startAt, pausedFor) => {
          const c: CaseClocks = openedClocks(terms(), t0);
          const paused = moveClocks(
            c,
            { type: "status", at: at(startAt), from: "new", to: "awaiting_customer" },
            terms(),
            "awaiting_customer",
          );
          const back = moveClocks(
            paused,
            {
              type: "status",
              at: at(startAt + pausedFor),
              from: "awaiting_customer",
              to: "active",
            },
            terms(),
            "active",
          );
          expect(back.pausedAt).toBeNull();
          for (const k of ["firstResponseDueAt", "nextUpdateDueAt", "resolutionDueAt"] as const)
            expect(back[k]!.getTime() - c[k]!.getTime()).toBe(pausedFor * MIN);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("a change of terms after a pause keeps the pause: deadlines recomputed on business hours stay moved on", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 300 }),
        (startAt, pausedFor, replyAfter) => {
          const c = openedClocks(berlin, t0);
          const paused = moveClocks(
            c,
            { type: "status", at: at(startAt), from: "new", to: "awaiting_customer" },
            berlin,
            "awaiting_customer",
          );
          let back = moveClocks(
            paused,
            {
              type: "status",
              at: at(startAt + pausedFor),
              from: "awaiting_customer",
              to: "active",
            },
            berlin,
            "active",
          );
          // A public reply starts the next update afresh: its earlier pauses no longer count.
          back = moveClocks(
            back,
            { type: "agent_activity", at: at(startAt + pausedFor + replyAfter), publicReply: true },
            berlin,
            "active",
          );
          const recomputed = moveClocks(
            back,
            { type: "terms_changed", at: at(startAt + pausedFor + replyAfter + 1) },
            berlin,
            "active",
          );
          expect(recomputed.resolutionDueAt).toEqual(back.resolutionDueAt);
          expect(recomputed.nextUpdateDueAt).toEqual(back.nextUpdateDueAt);
          expect(recomputed.firstResponseDueAt).toEqual(back.firstResponseDueAt);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("a transfer restarts the response clock without the pauses before it", () => {
    const c = openedClocks(terms(), t0);
    const paused = moveClocks(
      c,
      { type: "status", at: at(5), from: "new", to: "awaiting_customer" },
      terms(),
      "awaiting_customer",
    );
    const back = moveClocks(
      paused,
      { type: "status", at: at(65), from: "awaiting_customer", to: "active" },
      terms(),
      "active",
    );
    expect(back.pausedMinutes).toEqual({ firstResponse: 60, nextUpdate: 60, resolution: 60 });
    const moved = moveClocks(
      back,
      { type: "transferred", at: at(100), resetsResponse: true },
      terms(),
      "active",
    );
    expect(moved.firstResponseDueAt).toEqual(at(160));
    expect(moved.pausedMinutes.firstResponse).toBe(0);
    const recomputed = moveClocks(moved, { type: "terms_changed", at: at(101) }, terms(), "active");
    expect(recomputed.firstResponseDueAt).toEqual(at(160));
    expect(recomputed.resolutionDueAt).toEqual(at(2880 + 60));
  });
});
