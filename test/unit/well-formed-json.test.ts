import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { wellFormedJson } from "../../src/events/emit.ts";

// The audit batch's JSON parameter (src/events/emit.ts): PostgreSQL refuses a lone surrogate's
// escape, so every string must come out well-formed, and anything else exactly as JSON.stringify
// writes it.

const wellFormedDeep = (value: unknown): unknown =>
  typeof value === "string"
    ? value.toWellFormed()
    : Array.isArray(value)
      ? value.map(wellFormedDeep)
      : value && typeof value === "object"
        ? Object.fromEntries(
            Object.entries(value).map(([k, v]) => [k.toWellFormed(), wellFormedDeep(v)]),
          )
        : value;

// Strings of any UTF-16 code units, lone surrogates and backslashes included.
const anyText = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)),
});
const rows = fc.array(fc.dictionary(anyText, fc.oneof(anyText, fc.integer(), fc.constant(null))));

describe("wellFormedJson", () => {
  it("writes every string well-formed and the rest as JSON.stringify does", () => {
    fc.assert(
      fc.property(rows, (value) => {
        const text = wellFormedJson(value);
        expect(/\\ud[89a-f][0-9a-f]{2}/i.test(text.replace(/\\\\/g, ""))).toBe(false);
        expect(JSON.parse(text)).toEqual(wellFormedDeep(value));
      }),
      { numRuns: 500 },
    );
  });

  it("replaces a lone surrogate and keeps a pair", () => {
    expect(JSON.parse(wellFormedJson([{ note: "a\ud800b", ok: "😀" }]))).toEqual([
      { note: "a\ufffdb", ok: "😀" },
    ]);
    expect(wellFormedJson({ path: "C:\\ud800" })).toBe(JSON.stringify({ path: "C:\\ud800" }));
  });
});
