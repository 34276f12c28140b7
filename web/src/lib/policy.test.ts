import { describe, expect, it } from "vitest";
import { labelIn, planAllows24x7, severityTone, splitQueues } from "./policy.ts";

const queues = [
  { code: "in-depth", name: "In-depth" },
  { code: "arr", name: "ARR" },
  { code: "triage", name: "Triage" },
].map((q) => ({ ...q, description: "", distribution: "manual" as const }));

describe("policy helpers", () => {
  it("splits queues into mine and the rest, in policy order", () => {
    const agents = [{ id: "me", queues: ["triage", "in-depth"] }];
    expect(splitQueues({ queues }, agents, "me")).toEqual({
      mine: [queues[0], queues[2]],
      others: [queues[1]],
    });
    expect(splitQueues({ queues }, undefined, "me")).toEqual({ mine: queues, others: [] });
  });

  it("names codes", () => {
    expect(labelIn(queues, "arr")).toBe("ARR");
    expect(labelIn(queues, "gone")).toBe("gone");
    expect(labelIn(queues, null)).toBe("—");
  });

  it("colours severities by rank", () => {
    const codes = ["1", "2", "3", "4"];
    expect(codes.map((c) => severityTone(codes, c))).toEqual(["critical", "high", "medium", "low"]);
    expect(["A", "B", "C"].map((c) => severityTone(["A", "B", "C"], c))).toEqual([
      "critical",
      "high",
      "low",
    ]);
    expect(severityTone(codes, "x")).toBe("neutral");
  });

  it("knows which plans include 24x7", () => {
    const policy = { plans: [{ code: "pro", name: "Pro", allows24x7: true }] };
    expect(planAllows24x7(policy, "pro")).toBe(true);
    expect(planAllows24x7(policy, "basic")).toBe(false);
    expect(planAllows24x7(policy, null)).toBe(false);
  });
});
