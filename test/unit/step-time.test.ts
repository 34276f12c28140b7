import { describe, expect, it } from "vitest";
import { type StepRecord, stepTimeProblem } from "../../src/domain/transfer/machine.ts";

const done: StepRecord[] = [
  { step: "notes_updated", by: "a", at: "2026-11-24T10:00:00.000Z" },
  { step: "receiver_acceptance", by: "b", at: "2026-11-24T10:05:42.500Z" },
];

describe("a step recorded after the fact (S0.3 order)", () => {
  it("may not claim to precede the step before it", () => {
    expect(stepTimeProblem(done, new Date("2026-11-24T10:03:00Z"))).toMatch(
      /before the previous step \(receiver acceptance, at 2026-11-24T10:05:42.500Z\)/,
    );
  });

  it("is in order within the minute people type, and later", () => {
    // A form's datetime-local gives 10:05 for a step done at 10:05:50.
    expect(stepTimeProblem(done, new Date("2026-11-24T10:05:00Z"))).toBeUndefined();
    expect(stepTimeProblem(done, new Date("2026-11-24T10:06:00Z"))).toBeUndefined();
    expect(stepTimeProblem([], new Date("2020-01-01T00:00:00Z"))).toBeUndefined();
  });

  it("is out of order a whole minute before", () => {
    expect(stepTimeProblem(done, new Date("2026-11-24T10:04:42.400Z"))).toBeDefined();
  });
});
