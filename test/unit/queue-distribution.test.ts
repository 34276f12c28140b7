import { describe, expect, it } from "vitest";
import { deepFreeze } from "../../src/domain/freeze.ts";
import { parsePolicy } from "../../src/domain/policy/parse.ts";
import {
  changeQueueDistribution,
  distributionNamed,
} from "../../src/domain/policy/queue-distribution.ts";
import { presets } from "../../src/presets/index.ts";

function desk() {
  const parsed = parsePolicy(presets["helpdesk-transfer"]);
  if (!parsed.ok) throw new Error("the help-desk preset does not parse");
  return deepFreeze(parsed.policy);
}

describe("changing a queue's distribution method", () => {
  it("changes that queue only, in a copy, leaving the shared policy as it was", () => {
    const policy = desk();
    const change = changeQueueDistribution(policy, "billing", "least_loaded");
    if (!change.changed) throw new Error("expected a change");
    expect(change).toMatchObject({ from: "manual", to: "least_loaded" });
    expect(change.queue).toMatchObject({ code: "billing", distribution: "least_loaded" });
    expect(policy.queues.find((q) => q.code === "billing")?.distribution).toBe("manual");
    const { queues: after, ...restAfter } = change.policy;
    const { queues: before, ...restBefore } = policy;
    expect(restAfter).toEqual(restBefore);
    expect(after.map((q) => (q.code === "billing" ? { ...q, distribution: "manual" } : q))).toEqual(
      before,
    );
    expect(parsePolicy(change.policy).ok).toBe(true);
  });

  it("says nothing changed for the same method", () => {
    expect(changeQueueDistribution(desk(), "l1-support", "round_robin")).toMatchObject({
      changed: false,
      queue: { code: "l1-support" },
    });
  });

  it("refuses an unknown queue (not found) and an unknown method (naming the field)", () => {
    expect(() => changeQueueDistribution(desk(), "payroll", "manual")).toThrow(
      "Queue payroll not found",
    );
    expect(() => distributionNamed("round-robin")).toThrow(
      expect.objectContaining({
        kind: "rule",
        issues: [expect.objectContaining({ field: "distribution" })],
      }),
    );
    expect(distributionNamed("skills")).toBe("skills");
  });
});
