import { describe, expect, it } from "vitest";
import { DEFAULT_STAGES } from "../../src/domain/development/policy.ts";
import { parsePolicy } from "../../src/domain/policy/parse.ts";
import { psEscalationPreset } from "../../src/presets/ps-escalation.ts";

// The policy's development section (S2.5): the preset's stages, and refusals that name the field
// an admin has to fix in their policy file.

const withStages = (stages: unknown) =>
  parsePolicy({ ...psEscalationPreset, development: { stages } });
const issues = (stages: unknown) => {
  const result = withStages(stages);
  if (result.ok) throw new Error("the policy was accepted");
  return result.issues;
};

describe("the policy's development stages", () => {
  it("gives ps-escalation stages from received to released or won't fix, with the customer's words where told", () => {
    const result = parsePolicy(psEscalationPreset);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const stages = result.policy.development.stages;
    expect(stages.map((s) => s.code)).toEqual([
      "received",
      "investigating",
      "fix_in_progress",
      "fix_ready",
      "released",
      "wont_fix",
    ]);
    expect(stages.filter((s) => s.tellCustomer && s.customerSentence.trim() === "")).toEqual([]);
    expect(stages.find((s) => s.code === "investigating")?.tellCustomer).toBe(false);
  });

  it("names the repeated stage's code, not the whole list", () => {
    const twice = [...DEFAULT_STAGES, { code: "received", name: "Received again" }];
    expect(issues(twice)).toEqual([
      {
        field: `development.stages.${DEFAULT_STAGES.length}.code`,
        message: expect.stringMatching(/"received" is listed twice/),
      },
    ]);
  });

  it("refuses an empty list, a stage without a name and a yes/no that is not one", () => {
    expect(issues([]).map((i) => i.field)).toEqual(["development.stages"]);
    expect(issues([{ code: "received" }]).map((i) => i.field)).toEqual([
      "development.stages.0.name",
    ]);
    expect(
      issues([{ code: "received", name: "Received", tellCustomer: "yes" }]).map((i) => i.field),
    ).toEqual(["development.stages.0.tellCustomer"]);
  });

  it("fills in what a stage leaves out: the customer is not told", () => {
    const result = withStages([{ code: "triaged", name: "Triaged" }]);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.policy.development.stages).toEqual([
      { code: "triaged", name: "Triaged", tellCustomer: false, customerSentence: "" },
    ]);
  });
});
