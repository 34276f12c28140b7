import { expect } from "vitest";
import type { Problem } from "./world.ts";

/** Zod's own phrases, which no answer of Baton's may carry (issue 17). */
export const VALIDATOR_WORDS =
  /Invalid input|Invalid option|expected \w+, received|Too (big|small)|Unrecognized key|Invalid (string|number|discriminator|key|value)/;

/** A problem in Baton's words: no validator phrase, and each field named once. */
export function expectBatonWording(problem: Problem | undefined): void {
  expect(JSON.stringify(problem)).not.toMatch(VALIDATOR_WORDS);
  const fields = (problem?.errors ?? []).map((e) => e.field);
  expect(new Set(fields).size, JSON.stringify(problem?.errors)).toBe(fields.length);
}
