import { describe, expect, it } from "vitest";
import { DEFAULT_CHILD_CASES } from "../../src/domain/child-cases/policy.ts";
import {
  childCaseAbilities,
  childCaseNeedsRequest,
  childCaseRefusal,
  openChildrenProblem,
} from "../../src/domain/child-cases/requests.ts";

// S4.9: who asks, who decides, and when closing a parent asks first.

const lead = { userId: "lead", role: "shift_lead" as const };
const agent = { userId: "ana", role: "agent" as const };
const asking = { ...DEFAULT_CHILD_CASES, needsApproval: true };

describe("child cases", () => {
  it("makes an agent ask where approval is needed, never an approver", () => {
    expect(childCaseNeedsRequest(asking, agent)).toBe(true);
    expect(childCaseNeedsRequest(asking, lead)).toBe(false);
    expect(childCaseNeedsRequest(DEFAULT_CHILD_CASES, agent)).toBe(false);
  });

  it("lets an approver other than the asker decide, and the asker withdraw, while pending", () => {
    const pending = { requestedBy: "ana", state: "pending" as const };
    expect(childCaseAbilities(asking, lead, pending)).toEqual({
      approve: true,
      decline: true,
      withdraw: false,
    });
    expect(childCaseAbilities(asking, agent, pending)).toEqual({
      approve: false,
      decline: false,
      withdraw: true,
    });
    const ownAsk = { requestedBy: "lead", state: "pending" as const };
    expect(childCaseAbilities(asking, lead, ownAsk).approve).toBe(false);
    const done = { requestedBy: "ana", state: "approved" as const };
    expect(Object.values(childCaseAbilities(asking, lead, done))).toEqual([false, false, false]);
    expect(childCaseRefusal("approve", done)).toEqual({
      kind: "state",
      message: "Cannot approve: this request is approved",
    });
    expect(childCaseRefusal("withdraw", pending).kind).toBe("who");
  });

  it("asks before resolving or closing a parent with open children, naming them", () => {
    expect(openChildrenProblem("resolved", [12, 13], false)).toMatch(
      /^status: cases #12, #13 opened from this case are still open; .*confirmOpenChildren/,
    );
    expect(openChildrenProblem("closed", [12], true)).toBeNull();
    expect(openChildrenProblem("active", [12], false)).toBeNull();
    expect(openChildrenProblem("closed", [], false)).toBeNull();
  });
});
