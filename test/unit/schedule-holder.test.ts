import { describe, expect, it } from "vitest";
import type { WeeklyHours } from "../../src/domain/policy/schema.ts";
import {
  handoffBoard,
  nextHolder,
  parseWeeklyHours,
  type ScheduleAgent,
  type ScheduleCase,
  titleRegion,
} from "../../src/domain/schedule/index.ts";
import { dueRaises, raiseKey } from "../../src/domain/schedule/raise.ts";
import { presets } from "../../src/presets/index.ts";

const fts = presets["follow-the-sun"];
const d = (iso: string) => new Date(iso);

const weekdays = (start: string, end: string): WeeklyHours =>
  parseWeeklyHours(
    Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((k) => [k, [{ start, end }]])),
  )!;

function agent(
  id: string,
  region: string,
  timeZone: string,
  hours: [string, string],
  extra: Partial<ScheduleAgent> = {},
): ScheduleAgent {
  return {
    id,
    name: id,
    role: "agent",
    region,
    timeZone,
    workingHours: weekdays(...hours),
    queues: ["in-depth"],
    skills: ["spark"],
    languages: ["en"],
    capacity: 20,
    openCases: 5,
    availability: "available",
    leaveFrom: null,
    leaveUntil: null,
    ...extra,
  };
}

const AGENTS: ScheduleAgent[] = [
  agent("apac-1", "APAC", "Asia/Singapore", ["08:00", "17:00"]),
  agent("apac-lead", "APAC", "Asia/Singapore", ["08:00", "17:00"], { role: "shift_lead" }),
  agent("ist-1", "IST", "Asia/Kolkata", ["09:30", "18:30"], { languages: ["en", "hi"] }),
  agent("emea-1", "EMEA", "Europe/Berlin", ["09:00", "18:00"], { openCases: 10 }),
  agent("emea-2", "EMEA", "Europe/Berlin", ["09:00", "18:00"], { skills: ["kafka"] }),
  agent("emea-3", "EMEA", "Europe/Berlin", ["09:00", "18:00"], {
    openCases: 2,
    languages: ["en", "fr", "de"],
  }),
  agent("emea-late", "EMEA", "Europe/Berlin", ["12:00", "18:00"], { openCases: 0 }),
  agent("emea-off", "EMEA", "Europe/Berlin", ["09:00", "18:00"], {
    availability: "off_queue",
    openCases: 0,
  }),
  agent("emea-leave", "EMEA", "Europe/Berlin", ["09:00", "18:00"], {
    availability: "on_leave",
    leaveFrom: d("2026-11-20T00:00:00Z"),
    leaveUntil: d("2026-11-30T00:00:00Z"),
  }),
  agent("emea-arr", "EMEA", "Europe/Berlin", ["09:00", "18:00"], { queues: ["arr"] }),
  agent("emea-boss", "EMEA", "Europe/Berlin", ["09:00", "18:00"], {
    role: "supervisor",
    queues: [],
    skills: [],
  }),
  agent("us-1", "US", "America/Los_Angeles", ["08:00", "17:00"]),
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

describe("nextHolder: 24x7 cases follow the sun (S1.2)", () => {
  it("APAC's shift ends at 17:00 Singapore: EMEA (open longest) takes over, IST second", () => {
    const next = nextHolder(fts, kase(), AGENTS, d("2026-11-23T07:30:00Z"));
    expect(next).toMatchObject({
      caseNumber: 100001,
      mode: "follow_the_sun",
      currentRegion: "APAC",
      ownerShift: { onShift: true, changeAt: d("2026-11-23T09:00:00Z") },
      handoffAt: d("2026-11-23T09:00:00Z"),
      customer: null,
      findings: [],
    });
    expect(next.regions).toEqual([
      {
        region: "EMEA",
        name: "Europe, Middle East and Africa",
        from: d("2026-11-23T09:00:00Z"),
        until: d("2026-11-23T17:00:00Z"),
        onDutyAtHandoff: true,
        paired: true,
        matchingAgents: 3,
      },
      {
        region: "IST",
        name: "India",
        from: d("2026-11-23T09:00:00Z"),
        until: d("2026-11-23T13:00:00Z"),
        onDutyAtHandoff: true,
        paired: true,
        matchingAgents: 1,
      },
    ]);
    // Skill first, then available before off queue, then who can start first, then load.
    expect(next.agents.map((a) => a.agentId)).toEqual([
      "emea-3",
      "emea-1",
      "emea-late",
      "emea-off",
      "emea-2",
      "emea-boss",
    ]);
    expect(next.agents.find((a) => a.agentId === "emea-late")).toMatchObject({
      takeOverAt: d("2026-11-23T11:00:00Z"),
      shiftEnd: d("2026-11-23T17:00:00Z"),
    });
    expect(next.agents.find((a) => a.agentId === "emea-boss")?.skillMatch).toBe(false);
    expect(next.meeting?.key).toBe("APAC>IST+EMEA/2026-11-23");
  });

  it("a customer speaking Hindi tips the tie to IST, where someone speaks it", () => {
    const next = nextHolder(
      fts,
      kase({ customer: { timeZone: "Asia/Kolkata", language: "hi" } }),
      AGENTS,
      d("2026-11-23T07:30:00Z"),
    );
    expect(next.regions.map((r) => [r.region, r.matchingAgents])).toEqual([
      ["IST", 1],
      ["EMEA", 0],
    ]);
    expect(next.agents.map((a) => a.agentId)).toEqual(["ist-1"]);
    expect(next.findings).toEqual([]);
  });

  it("the contact's language wins over the customer's", () => {
    const next = nextHolder(
      fts,
      kase({ contact: { timeZone: "Asia/Kolkata", language: "hi-IN" } }),
      AGENTS,
      d("2026-11-23T07:30:00Z"),
    );
    expect(next.region?.region).toBe("IST");
  });

  it("an owner already off shift: hand over now, and say so", () => {
    const next = nextHolder(fts, kase(), AGENTS, d("2026-11-23T10:30:00Z"));
    expect(next.handoffAt).toEqual(d("2026-11-23T10:30:00Z"));
    expect(next.region?.region).toBe("EMEA");
    expect(next.findings.map((f) => f.code)).toEqual(["owner_off_shift"]);
  });

  it("a region without pairs (IST) hands to whichever other region is on duty", () => {
    const next = nextHolder(
      fts,
      kase({ ownerId: "ist-1", region: "IST" }),
      AGENTS,
      d("2026-11-23T12:00:00Z"),
    );
    expect(next.handoffAt).toEqual(d("2026-11-23T13:00:00Z"));
    expect(next.regions.map((r) => [r.region, r.paired, r.from.toISOString()])).toEqual([
      ["EMEA", false, "2026-11-23T13:00:00.000Z"],
      ["US", false, "2026-11-23T16:00:00.000Z"],
      ["APAC", false, "2026-11-24T00:00:00.000Z"],
    ]);
    expect(next.meeting).toBe(null);
  });

  it("EMEA → US at 18:00 Berlin", () => {
    const next = nextHolder(
      fts,
      kase({ ownerId: "emea-1", region: "EMEA" }),
      AGENTS,
      d("2026-11-23T16:00:00Z"),
    );
    expect(next.handoffAt).toEqual(d("2026-11-23T17:00:00Z"));
    expect(next.regions.map((r) => r.region)).toEqual(["US"]);
    expect(next.agents.map((a) => a.agentId)).toEqual(["us-1"]);
    expect(next.meeting?.key).toBe("EMEA>US/2026-11-23");
  });

  it("US on Friday evening: APAC takes over on Monday morning", () => {
    const next = nextHolder(
      fts,
      kase({ ownerId: "us-1", region: "US" }),
      AGENTS,
      d("2026-11-27T23:30:00Z"),
    );
    expect(next.handoffAt).toEqual(d("2026-11-28T01:00:00Z"));
    expect(next.region).toMatchObject({
      region: "APAC",
      from: d("2026-11-30T00:00:00Z"),
      onDutyAtHandoff: false,
      paired: true,
    });
    expect(next.agents.map((a) => [a.agentId, a.takeOverAt.toISOString()])).toEqual([
      ["apac-1", "2026-11-30T00:00:00.000Z"],
      ["apac-lead", "2026-11-30T00:00:00.000Z"],
    ]);
    // Monday in APAC is Sunday in the US: the first US→APAC meeting is on Tuesday.
    expect(next.meeting?.key).toBe("US>APAC/2026-12-01");
  });

  it("a case in the queue waits for the region its title asks for", () => {
    const next = nextHolder(
      fts,
      kase({ ownerId: null, internalTitle: "Need US SE — Executors lost" }),
      AGENTS,
      d("2026-11-23T03:00:00Z"),
    );
    expect(next.handoffAt).toEqual(d("2026-11-23T03:00:00Z"));
    expect(next.regions.map((r) => [r.region, r.from.toISOString()])).toEqual([
      ["US", "2026-11-23T16:00:00.000Z"],
    ]);
    const anyone = nextHolder(fts, kase({ ownerId: null }), AGENTS, d("2026-11-23T03:00:00Z"));
    expect(anyone.region?.region).toBe("APAC");
  });

  it("nobody with the skill: the region is still suggested, with a finding", () => {
    const next = nextHolder(fts, kase({ product: "data-lake" }), AGENTS, d("2026-11-23T07:30:00Z"));
    expect(next.region?.region).toBe("EMEA");
    expect(next.findings.map((f) => f.code)).toEqual(["no_matching_agent"]);
    expect(next.agents.every((a) => !a.skillMatch)).toBe(true);
  });
});

describe("nextHolder: other cases stay local (S0.2/S1.3)", () => {
  const local = (extra: Partial<ScheduleCase>) => kase({ is24x7: false, ...extra });

  it("a customer APAC serves stays where it is", () => {
    const next = nextHolder(fts, local({}), AGENTS, d("2026-11-23T07:30:00Z"));
    expect(next).toMatchObject({
      mode: "local_region",
      handoffAt: null,
      region: null,
      regions: [],
      agents: [],
      findings: [],
    });
    expect(next.customer).toMatchObject({
      timeZone: "Asia/Tokyo",
      servingRegion: "APAC",
      currentRegionServes: true,
    });
  });

  it("a customer in Paris is not served by APAC: EMEA is suggested", () => {
    const next = nextHolder(
      fts,
      local({ customer: { timeZone: "Europe/Paris", language: "fr" } }),
      AGENTS,
      d("2026-11-23T03:00:00Z"),
    );
    expect(next.findings).toEqual([
      {
        code: "customer_zone_not_served",
        message: "The customer's time zone (Europe/Paris) is not served by APAC; EMEA serves it.",
      },
    ]);
    expect(next.handoffAt).toEqual(d("2026-11-23T03:00:00Z"));
    expect(next.region).toMatchObject({ region: "EMEA", from: d("2026-11-23T08:00:00Z") });
    expect(next.customer?.currentRegionServes).toBe(false);
  });

  it("the contact's time zone wins; a customer's requested region wins over coverage", () => {
    const contact = nextHolder(
      fts,
      local({ contact: { timeZone: "America/Chicago", language: "en" } }),
      AGENTS,
      d("2026-11-23T03:00:00Z"),
    );
    expect(contact.region?.region).toBe("US");
    const requested = nextHolder(
      fts,
      local({ customer: { timeZone: "Asia/Tokyo", language: "en", region: "IST" } }),
      AGENTS,
      d("2026-11-23T03:00:00Z"),
    );
    expect(requested.customer).toMatchObject({ requestedRegion: "IST", servingRegion: "IST" });
    expect(requested.region?.region).toBe("IST");
  });

  it("a case with no region yet gets the serving region without a finding", () => {
    const next = nextHolder(
      fts,
      local({
        ownerId: null,
        region: null,
        customer: { timeZone: "Europe/Paris", language: "fr" },
      }),
      AGENTS,
      d("2026-11-23T03:00:00Z"),
    );
    expect(next.region?.region).toBe("EMEA");
    expect(next.findings).toEqual([]);
  });
});

describe("handoffBoard", () => {
  const cases: ScheduleCase[] = [
    kase({ number: 1 }),
    kase({ number: 2, handoverUnderWay: true }),
    kase({ number: 3, internalTitle: "Need EMEA SE — already announced" }),
    kase({ number: 4, is24x7: false, customer: { timeZone: "Europe/Paris", language: "fr" } }),
    kase({ number: 5, is24x7: false }),
    kase({
      number: 6,
      ownerId: null,
      region: null,
      internalTitle: "Need APAC SE — Kafka lag",
      idleSince: d("2026-11-22T00:00:00Z"),
    }),
    kase({
      number: 7,
      ownerId: "us-1",
      region: "US",
      internalTitle: "need apac se - from the US",
      idleSince: d("2026-11-21T00:00:00Z"),
    }),
    kase({ number: 8, status: "closed", ownerId: null, internalTitle: "Need APAC SE — done" }),
    kase({ number: 9, ownerId: "emea-1", region: "EMEA" }),
  ];

  it("ending soon, waiting and not served at 15:30 Singapore", () => {
    const board = handoffBoard(fts, "APAC", cases, AGENTS, d("2026-11-23T07:30:00Z"));
    expect(board.windowMinutes).toBe(120);
    expect(board.endingSoon).toMatchObject([
      {
        caseNumber: 1,
        ownerId: "apac-1",
        shiftEndsAt: d("2026-11-23T09:00:00Z"),
        minutesLeft: 90,
        next: { region: "EMEA" },
        meeting: { key: "APAC>IST+EMEA/2026-11-23" },
      },
    ]);
    expect(board.waiting).toEqual([
      {
        caseNumber: 7,
        ownerId: "us-1",
        is24x7: true,
        idleSince: d("2026-11-21T00:00:00Z"),
        minutesWaiting: 2 * 24 * 60 + 7 * 60 + 30,
      },
      {
        caseNumber: 6,
        ownerId: null,
        is24x7: true,
        idleSince: d("2026-11-22T00:00:00Z"),
        minutesWaiting: 24 * 60 + 7 * 60 + 30,
      },
    ]);
    expect(board.notServed).toEqual([
      {
        caseNumber: 4,
        ownerId: "apac-1",
        customerTimeZone: "Europe/Paris",
        share: 0.125,
        servingRegion: "EMEA",
      },
    ]);
    expect(board.escalations).toEqual([]);
  });

  it("outside the window nothing ends soon; a wider window catches it", () => {
    const at = d("2026-11-23T05:00:00Z");
    expect(handoffBoard(fts, "APAC", cases, AGENTS, at).endingSoon).toEqual([]);
    expect(
      handoffBoard(fts, "APAC", cases, AGENTS, at, { windowMinutes: 240 }).endingSoon.map(
        (i) => i.caseNumber,
      ),
    ).toEqual([1]);
  });

  it("S1.5: the owner's shift ended without a handover — technical advisor, then manager", () => {
    const early = handoffBoard(fts, "APAC", cases, AGENTS, d("2026-11-23T09:30:00Z"));
    expect(early.endingSoon).toEqual([]);
    expect(early.escalations).toMatchObject([
      {
        caseNumber: 1,
        ownerId: "apac-1",
        shiftEndedAt: d("2026-11-23T09:00:00Z"),
        minutesSinceShiftEnd: 30,
        level: 0,
        raiseTo: "shift_lead",
        nextLevelAt: d("2026-11-23T10:00:00Z"),
        raiseToAgents: [{ agentId: "apac-lead", region: "APAC", onShift: false }],
        next: { region: "EMEA", from: d("2026-11-23T09:30:00Z") },
      },
    ]);
    const late = handoffBoard(fts, "APAC", cases, AGENTS, d("2026-11-23T10:00:00Z"));
    expect(late.escalations).toMatchObject([
      {
        caseNumber: 1,
        level: 1,
        raiseTo: "supervisor",
        nextLevelAt: null,
        // Nobody in APAC holds the role: the supervisors elsewhere, on shift first.
        raiseToAgents: [{ agentId: "emea-boss", region: "EMEA", onShift: true }],
      },
    ]);
  });

  it("the sweep's due raises carry the key of the board's escalation, per off-shift owner", () => {
    for (const [iso, level] of [
      ["2026-11-23T09:30:00Z", 0],
      ["2026-11-23T10:00:00Z", 1],
    ] as const) {
      const at = d(iso);
      const [item] = handoffBoard(fts, "APAC", cases, AGENTS, at).escalations;
      expect(item?.level).toBe(level);
      const due = dueRaises(fts, AGENTS, at);
      expect(due).toContainEqual({ ownerId: "apac-1", key: raiseKey(item!) });
      // Agents on shift then (EMEA's) are not due.
      expect(due.map((r) => r.ownerId)).not.toContain("emea-1");
    }
    const later = {
      ...fts,
      handover: {
        ...fts.handover,
        escalation: [{ afterMinutes: 30, role: "shift_lead" as const }],
      },
    };
    const owners = (at: string) => dueRaises(later, AGENTS, d(at)).map((r) => r.ownerId);
    expect(owners("2026-11-23T09:05:00Z")).not.toContain("apac-1");
    expect(owners("2026-11-23T09:35:00Z")).toContain("apac-1");
    const none = { ...fts, handover: { ...fts.handover, escalation: [] } };
    expect(dueRaises(none, AGENTS, d("2026-11-23T10:00:00Z"))).toEqual([]);
  });

  it("an owner on leave counts as gone since the leave began", () => {
    const onLeave = AGENTS.map((a) =>
      a.id === "apac-1"
        ? {
            ...a,
            availability: "on_leave" as const,
            leaveFrom: d("2026-11-23T04:00:00Z"),
            leaveUntil: d("2026-11-25T00:00:00Z"),
          }
        : a,
    );
    const board = handoffBoard(fts, "APAC", [kase()], onLeave, d("2026-11-23T05:00:00Z"));
    expect(board.escalations).toMatchObject([
      { caseNumber: 100001, shiftEndedAt: d("2026-11-23T04:00:00Z"), minutesSinceShiftEnd: 60 },
    ]);
  });

  it("other regions' boards", () => {
    const emea = handoffBoard(fts, "EMEA", cases, AGENTS, d("2026-11-23T15:30:00Z"));
    expect(emea.endingSoon.map((i) => [i.caseNumber, i.next?.region])).toEqual([[9, "US"]]);
    expect(emea.waiting.map((i) => i.caseNumber)).toEqual([3]);
    const us = handoffBoard(fts, "US", cases, AGENTS, d("2026-11-23T15:30:00Z"));
    expect(us).toMatchObject({ endingSoon: [], waiting: [], notServed: [], escalations: [] });
  });
});

describe("titleRegion", () => {
  it("reads the policy's prefix and knows only the policy's regions", () => {
    expect(titleRegion(fts, "Need IST SE — logs")).toBe("IST");
    expect(titleRegion(fts, "need emea se")).toBe("EMEA");
    expect(titleRegion(fts, "Need LATAM SE — logs")).toBe(null);
    expect(titleRegion(fts, "Customer says: Need US SE")).toBe(null);
    expect(titleRegion(fts, "")).toBe(null);
  });
});
