import { describe, expect, it } from "vitest";
import { followsTheSun } from "../../src/domain/policy/features.ts";
import type { WeeklyHours } from "../../src/domain/policy/schema.ts";
import { handoverTargetProblem } from "../../src/domain/schedule/handover-target.ts";
import {
  parseWeeklyHours,
  type ScheduleAgent,
  type ScheduleCase,
} from "../../src/domain/schedule/index.ts";
import { alignmentRefusal, mayRecordAlignment } from "../../src/domain/transfer/alignment.ts";
import { evaluateGuards, type GuardContext } from "../../src/domain/transfer/guards.ts";
import { requiredSteps } from "../../src/domain/transfer/machine.ts";
import { presets } from "../../src/presets/index.ts";

// S1.2 on concrete instants of the follow-the-sun preset: APAC 08:00–17:00 Singapore, IST
// 09:30–18:30 Kolkata, EMEA 09:00–18:00 Berlin, US 08:00–17:00 Los Angeles; APAC hands to IST
// or EMEA, US to APAC, EMEA to US.

const fts = presets["follow-the-sun"];
const d = (iso: string) => new Date(iso);

const weekdays = (start: string, end: string): WeeklyHours =>
  parseWeeklyHours(
    Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((k) => [k, [{ start, end }]])),
  ) as WeeklyHours;

function agent(id: string, region: string, timeZone: string, hours: WeeklyHours | null) {
  const a: ScheduleAgent = {
    id,
    name: id,
    role: "agent",
    region,
    timeZone,
    workingHours: hours,
    queues: ["in-depth"],
    skills: ["spark"],
    languages: ["en"],
    capacity: 20,
    openCases: 3,
    availability: "available",
    leaveFrom: null,
    leaveUntil: null,
  };
  return a;
}

const AGENTS: ScheduleAgent[] = [
  agent("apac-1", "APAC", "Asia/Singapore", null),
  agent("ist-1", "IST", "Asia/Kolkata", null),
  agent("emea-1", "EMEA", "Europe/Berlin", null),
  // Starts early and leaves early: off shift at 16:00 Berlin while EMEA is still open.
  agent("emea-early", "EMEA", "Europe/Berlin", weekdays("07:00", "16:00")),
  agent("us-1", "US", "America/Los_Angeles", null),
];

function kase(extra: Partial<ScheduleCase> = {}): ScheduleCase {
  return {
    number: 100001,
    status: "active",
    internalTitle: "Executors lost after upgrade",
    is24x7: true,
    queue: "in-depth",
    product: "spark",
    region: "APAC",
    ownerId: "apac-1",
    handoverUnderWay: false,
    customer: { timeZone: "Asia/Tokyo", language: "en" },
    ...extra,
  };
}

const check = (target: string, at: string, extra: Partial<ScheduleCase> = {}) =>
  handoverTargetProblem(fts, kase(extra), AGENTS, target, d(at));

describe("handoverTargetProblem: a 24x7 case goes to the next region on shift (S1.2)", () => {
  // Tuesday 24 November 2026, 15:30 Singapore: the APAC owner's shift ends at 17:00 (09:00Z),
  // when IST (14:30 Kolkata) and EMEA (10:00 Berlin) are both on shift.
  const BEFORE_END = "2026-11-24T07:30:00Z";

  it("accepts either region of the pair that is on shift when the owner's shift ends", () => {
    expect(check("EMEA", BEFORE_END)).toBeUndefined();
    expect(check("IST", BEFORE_END)).toBeUndefined();
  });

  it("refuses a region outside the pair, naming the right ones and from when", () => {
    const problem = check("US", BEFORE_END);
    expect(problem?.from).toBe("APAC");
    expect(problem?.expected.map((r) => r.region).sort()).toEqual(["EMEA", "IST"]);
    expect(problem?.message).toMatch(/^A 24x7 case goes from APAC to (EMEA or IST|IST or EMEA)/);
    expect(problem?.message).toContain("US is not a region APAC hands over to");
    expect(problem?.message).toContain("(2026-11-24T09:00Z)");
  });

  it("refuses IST once IST's shift has ended: EMEA, still on shift, takes it", () => {
    // 21:30 Singapore, 19:00 Kolkata (IST closed at 18:30), 14:30 Berlin.
    const problem = check("IST", "2026-11-24T13:30:00Z");
    expect(problem?.expected.map((r) => r.region)).toEqual(["EMEA"]);
    expect(problem?.message).toBe(
      "A 24x7 case goes from APAC to EMEA, on shift now until 18:00 Europe/Berlin " +
        "(2026-11-24T17:00Z); IST is not on shift then (its next shift starts Wed 09:30 " +
        "Asia/Kolkata (2026-11-25T04:00Z)). Hand it to EMEA.",
    );
    expect(check("EMEA", "2026-11-24T13:30:00Z")).toBeUndefined();
  });

  it("over the weekend the region that opens first is the right one", () => {
    // Saturday 5 December 2026: IST opens Monday 09:30 Kolkata, before EMEA's 09:00 Berlin.
    const problem = check("EMEA", "2026-12-05T12:00:00Z");
    expect(problem?.message).toBe(
      "A 24x7 case goes from APAC to IST, whose shift starts Mon 09:30 Asia/Kolkata " +
        "(2026-12-07T04:00Z); EMEA is not on shift then (its next shift starts Mon 09:00 " +
        "Europe/Berlin (2026-12-07T08:00Z)). Hand it to IST.",
    );
    expect(check("IST", "2026-12-05T12:00:00Z")).toBeUndefined();
  });

  it("is DST-safe: the US opens at 08:00 Los Angeles, in UTC an hour earlier after 14 March", () => {
    const emea = { ownerId: "emea-early", region: "EMEA" };
    // Monday 8 March 2027, 15:30Z: the owner left at 16:00 Berlin; 07:30 in Los Angeles (PST).
    const winter = check("APAC", "2027-03-08T15:30:00Z", emea);
    expect(winter?.message).toContain(
      "to US, whose shift starts 08:00 America/Los_Angeles (2027-03-08T16:00Z)",
    );
    // Monday 15 March 2027, 15:30Z: 08:30 in Los Angeles (PDT): the US is on shift already.
    const summer = check("APAC", "2027-03-15T15:30:00Z", emea);
    expect(summer?.message).toContain(
      "to US, on shift now until 17:00 America/Los_Angeles (2027-03-16T00:00Z)",
    );
    expect(check("US", "2027-03-08T15:30:00Z", emea)).toBeUndefined();
    expect(check("US", "2027-03-15T15:30:00Z", emea)).toBeUndefined();
  });

  it("says nothing about cases without 24x7 or without an owner", () => {
    expect(check("US", BEFORE_END, { is24x7: false })).toBeUndefined();
    expect(check("US", BEFORE_END, { ownerId: null })).toBeUndefined();
  });
});

describe("the next-region-on-shift guard", () => {
  const kind = fts.transferKinds.find((k) => k.code === "fts-24x7");
  if (!kind) throw new Error("the preset lost fts-24x7");
  const ctx = (targetRegion: string, reasonCode = "next-shift"): GuardContext => ({
    policy: fts,
    kind,
    kase: {
      status: "active",
      is24x7: true,
      queue: "in-depth",
      product: "spark",
      stepsToReproduce: "",
      idleSince: d("2026-11-24T13:00:00Z"),
    },
    targetType: "queue",
    targetQueue: "in-depth",
    targetRegion,
    schedule: { kase: kase(), agents: AGENTS },
    reason: kind.reasons.find((r) => r.code === reasonCode),
    requesterMayAssign: true,
    receiver: undefined,
    customerNeedsNextShift: true,
    recentHandoffs: 0,
    now: d("2026-11-24T13:30:00Z"),
  });
  const finding = (c: GuardContext) =>
    evaluateGuards(c).find((f) => f.id === "next-region-on-shift");

  it("blocks the wrong region with the decision's sentence and lets the right one through", () => {
    expect(finding(ctx("IST"))).toMatchObject({
      outcome: "block",
      message: expect.stringMatching(/^A 24x7 case goes from APAC to EMEA/),
    });
    expect(finding(ctx("EMEA"))).toBeUndefined();
  });

  it("lets the customer's own choice of region through (S1.5)", () => {
    expect(finding(ctx("US", "customer-region-request"))).toBeUndefined();
  });

  it("is silent without the schedule facts (the options list)", () => {
    expect(finding({ ...ctx("IST"), schedule: undefined })).toBeUndefined();
  });
});

describe("the alignment step (S1.2: back to the queue once aligned)", () => {
  const kind = fts.transferKinds.find((k) => k.code === "fts-24x7");
  if (!kind) throw new Error("the preset lost fts-24x7");

  it("a queue hand-off of a kind with alignmentBeforeQueue waits for it after the note", () => {
    expect(requiredSteps(kind, "queue")).toEqual(["notes_updated", "handover_aligned"]);
    expect(requiredSteps({ ...kind, alignmentBeforeQueue: false }, "queue")).toEqual([
      "notes_updated",
    ]);
    expect(requiredSteps(kind, "queue", { approvalForced: true })).toEqual([
      "notes_updated",
      "approval",
      "handover_aligned",
    ]);
  });

  it("the owner or the receiving region's handover SME records it, nobody else", () => {
    const t = { fromOwnerId: "owner", targetRegion: "EMEA" };
    expect(mayRecordAlignment("owner", t, { region: "APAC", handoverSme: false })).toBe(true);
    expect(mayRecordAlignment("sme", t, { region: "EMEA", handoverSme: true })).toBe(true);
    expect(mayRecordAlignment("apac-sme", t, { region: "APAC", handoverSme: true })).toBe(false);
    expect(mayRecordAlignment("colleague", t, { region: "EMEA", handoverSme: false })).toBe(false);
    expect(mayRecordAlignment("stranger", t, undefined)).toBe(false);
    expect(alignmentRefusal(t)).toBe(
      "Only the case owner or a handover SME of EMEA records that the hand-off was aligned in the handover meeting",
    );
  });
});

describe("followsTheSun: one decision for the board, meetings and suggestions", () => {
  it("is on where the policy pairs regions or raises missed handovers, off elsewhere", () => {
    expect(followsTheSun(presets["follow-the-sun"])).toBe(true);
    expect(followsTheSun(presets["shift-lead"])).toBe(true);
    expect(followsTheSun(presets["regional-cse"])).toBe(true);
    expect(followsTheSun(presets["helpdesk-transfer"])).toBe(false);
    expect(followsTheSun(presets["ps-escalation"])).toBe(false);
  });
});
