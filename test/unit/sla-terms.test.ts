import { describe, expect, it } from "vitest";
import { policySchema } from "../../src/domain/policy/schema.ts";
import { matchingTarget, type SlaFacts, slaTerms } from "../../src/domain/sla/terms.ts";
import { presets } from "../../src/presets/index.ts";

const base = presets["regional-cse"];
const policy = (sla: unknown) => policySchema.parse({ ...base, sla });
const facts: SlaFacts = {
  severity: "critical",
  plan: "standard",
  is24x7: false,
  ownerRegion: "EMEA",
  caseRegion: "US",
  customer: { timeZone: "Asia/Tokyo", region: null },
};

describe("SLA terms", () => {
  it("takes the matching row naming most fields, the first of equals, the severity's for the rest", () => {
    const p = policy({
      targets: [
        { severity: "critical", firstResponseMinutes: 90 },
        { severity: "critical", plan: "standard", resolutionMinutes: 600 },
        { severity: "critical", plan: "standard", resolutionMinutes: 700 },
        { plan: "premium", firstResponseMinutes: 5 },
      ],
    });
    expect(matchingTarget(p, facts)?.resolutionMinutes).toBe(600);
    const t = slaTerms(p, facts);
    // The winning row has no first-response target: the severity's own (60) applies.
    expect(t.firstResponseMinutes).toBe(60);
    expect(t.nextUpdateMinutes).toBe(240);
    expect(t.resolutionMinutes).toBe(600);
    expect(slaTerms(p, { ...facts, severity: "high" }).resolutionMinutes).toBeNull();
  });

  it("counts the hours the policy names, around the clock for a 24x7 case", () => {
    const label = (sla: unknown, f = facts) => slaTerms(policy(sla), f).calendarLabel;
    expect(label({})).toBe("around the clock");
    expect(label({ calendar: "owner_region" })).toMatch(/^.+ business hours$/);
    expect(label({ calendar: "owner_region" })).toBe(
      `${base.regions.find((r) => r.code === "EMEA")?.name} business hours`,
    );
    expect(label({ calendar: "owner_region" }, { ...facts, ownerRegion: null })).toBe(
      `${base.regions.find((r) => r.code === "US")?.name} business hours`,
    );
    expect(label({ calendar: "customer" })).toBe("the customer's business hours (Asia/Tokyo)");
    expect(label({ calendar: "owner_region" }, { ...facts, is24x7: true })).toBe(
      "around the clock",
    );
    expect(label({ calendar: "case_region" }, { ...facts, caseRegion: null })).toBe(
      "around the clock",
    );
  });

  it("refuses targets and roles the policy does not have, naming the field", () => {
    const parsed = policySchema.safeParse({
      ...base,
      sla: { targets: [{ severity: "nope" }], breachRoles: ["shift_lead"], warnBeforeMinutes: 0 },
    });
    expect(parsed.success).toBe(false);
    const paths = parsed.error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(paths).toContain("sla.warnBeforeMinutes");
  });
});
