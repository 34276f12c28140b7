import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../src/domain/policy/parse.ts";
import type { PolicyInput } from "../../src/domain/policy/schema.ts";
import { followTheSunPreset } from "../../src/presets/follow-the-sun.ts";
import { presets } from "../../src/presets/index.ts";
import { psEscalationPreset } from "../../src/presets/ps-escalation.ts";

const withHandover = (handover: unknown): PolicyInput =>
  ({ ...structuredClone(followTheSunPreset), handover }) as PolicyInput;

function issues(handover: unknown) {
  const result = parsePolicy(withHandover(handover));
  if (result.ok) throw new Error("expected the policy to be rejected");
  return result.issues;
}

const pair = (from: string, to: string[], meeting?: Record<string, unknown>) => ({
  from,
  to,
  ...(meeting ? { meeting } : {}),
});

describe("policy: handover section", () => {
  it("follow-the-sun has the seed's pairs (APAC→IST/EMEA, US→APAC, EMEA→US) with meetings", () => {
    const h = presets["follow-the-sun"].handover;
    expect(h.pairs.map((p) => [p.from, p.to])).toEqual([
      ["APAC", ["IST", "EMEA"]],
      ["US", ["APAC"]],
      ["EMEA", ["US"]],
    ]);
    expect(h.pairs.map((p) => p.meeting)).toEqual([
      { at: "16:30", in: "from", durationMinutes: 30 },
      { at: "08:00", in: "to", durationMinutes: 30 },
      { at: "17:00", in: "from", durationMinutes: 30 },
    ]);
    expect(h.boardWindowMinutes).toBe(120);
    expect(h.escalation).toEqual([
      { afterMinutes: 0, role: "shift_lead" },
      { afterMinutes: 60, role: "supervisor" },
    ]);
    expect(h.agenda).toMatch(/handover note/);
  });

  it("a policy without the section gets an empty one, fresh each time", () => {
    expect(psEscalationPreset.handover).toBeUndefined();
    const a = parsePolicy(structuredClone(psEscalationPreset));
    const b = parsePolicy(structuredClone(psEscalationPreset));
    if (!a.ok || !b.ok) throw new Error("preset should parse");
    expect(a.policy.handover).toEqual({
      pairs: [],
      boardWindowMinutes: 120,
      customerOverlap: 0.5,
      escalation: [],
      agenda: "",
    });
    expect(a.policy.handover).not.toBe(b.policy.handover);
    expect(Object.isFrozen(presets["ps-escalation"].handover)).toBe(true);
  });

  it("the other presets escalate to the role their seed gives the job", () => {
    expect(presets["regional-cse"].handover.escalation.map((l) => l.role)).toEqual(["supervisor"]);
    expect(presets["shift-lead"].handover.escalation.map((l) => l.role)).toEqual(["shift_lead"]);
  });

  it("refuses unknown regions, naming the path", () => {
    expect(issues({ pairs: [pair("LATAM", ["US"]), pair("US", ["APAC", "MARS"])] })).toEqual([
      { field: "handover.pairs.0.from", message: "names unknown region LATAM" },
      { field: "handover.pairs.1.to.1", message: "names unknown region MARS" },
    ]);
  });

  it("refuses a region handing over to itself, twice-listed targets and repeated edges", () => {
    expect(
      issues({
        pairs: [
          pair("APAC", ["APAC"]),
          pair("US", ["EMEA", "EMEA"]),
          pair("APAC", ["IST"]),
          pair("APAC", ["IST"]),
        ],
      }),
    ).toEqual([
      { field: "handover.pairs.0.to.0", message: "a region cannot hand over to itself (APAC)" },
      { field: "handover.pairs.1.to.1", message: "lists EMEA twice" },
      {
        field: "handover.pairs.3.to.0",
        message: "APAC → IST is already listed in handover.pairs.2",
      },
    ]);
  });

  it("refuses a meeting in the receiving region's time when there are several", () => {
    const found = issues({ pairs: [pair("APAC", ["IST", "EMEA"], { at: "16:30", in: "to" })] });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ field: "handover.pairs.0.meeting.in" });
    expect(found[0]!.message).toMatch(/exactly one receiving region/);
  });

  it("refuses bad meeting times and durations", () => {
    expect(
      issues({
        pairs: [
          pair("APAC", ["IST"], { at: "24:00" }),
          pair("US", ["APAC"], { at: "8:00" }),
          pair("EMEA", ["US"], { at: "17:00", durationMinutes: 0 }),
        ],
      }).map((i) => i.field),
    ).toEqual([
      "handover.pairs.0.meeting.at",
      "handover.pairs.1.meeting.at",
      "handover.pairs.2.meeting.durationMinutes",
    ]);
  });

  it("refuses escalation to an undefined role or out of order", () => {
    const policy = withHandover({
      escalation: [
        { afterMinutes: 30, role: "supervisor" },
        { afterMinutes: 30, role: "shift_lead" },
      ],
    });
    policy.roles = policy.roles.filter((r) => r.id !== "supervisor");
    const result = parsePolicy(policy);
    expect((result.ok ? [] : result.issues).filter((i) => i.field.startsWith("handover"))).toEqual([
      {
        field: "handover.escalation.0.role",
        message: "names role supervisor, which this policy does not define",
      },
      {
        field: "handover.escalation.1.afterMinutes",
        message: "must be later than the level before it",
      },
    ]);
    expect(issues({ escalation: [{ afterMinutes: 0, role: "boss" }] }).map((i) => i.field)).toEqual(
      ["handover.escalation.0.role"],
    );
  });

  it("refuses an unknown key and out-of-range numbers", () => {
    expect(issues({ boardWindow: 120 })[0]!.message).toContain("boardWindow");
    expect(issues({ customerOverlap: 1.5 }).map((i) => i.field)).toEqual([
      "handover.customerOverlap",
    ]);
    expect(issues({ boardWindowMinutes: -1 }).map((i) => i.field)).toEqual([
      "handover.boardWindowMinutes",
    ]);
  });
});
