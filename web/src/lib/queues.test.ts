import { describe, expect, it } from "vitest";
import { changeNote, METHODS, methodName, methodSentence } from "./queues.ts";

describe("queue methods in words", () => {
  it("names every method and says what it does in one sentence", () => {
    expect(METHODS.map(methodName)).toEqual(["Manual", "Round robin", "Least loaded", "Skills"]);
    expect(methodSentence("round_robin")).toBe(
      "Round robin: each agent in turn, skipping whoever is off shift, away or full.",
    );
    expect(methodSentence("manual")).toMatch(/^Manual: nobody gets a case automatically/);
  });

  it("says what a change means for the cases waiting now", () => {
    expect(changeNote("manual", "manual", 3)).toBeNull();
    expect(changeNote("manual", "round_robin", 3)).toBe(
      "The 3 cases waiting now will go to its agents within a minute, as they have room.",
    );
    expect(changeNote("manual", "skills", 1)).toMatch(/^The 1 case waiting now/);
    expect(changeNote("manual", "least_loaded", 0)).toBeNull();
    expect(changeNote("skills", "manual", 5)).toMatch(/^New cases will wait for someone/);
  });
});
