import { describe, expect, it } from "vitest";
import { isServerOrder, nextSort, severityRanker, sortCases } from "./sort.ts";

const cases = [
  { number: 3, severity: "C", updatedAt: "2026-01-03T00:00:00Z", due: { dueAt: null } },
  {
    number: 1,
    severity: "A",
    updatedAt: "2026-01-01T00:00:00Z",
    due: { dueAt: "2026-01-07T00:00:00Z" },
  },
  {
    number: 2,
    severity: "B",
    updatedAt: "2026-01-05T00:00:00Z",
    due: { dueAt: "2026-01-06T00:00:00Z" },
  },
  {
    number: 4,
    severity: "A",
    updatedAt: "2026-01-04T00:00:00Z",
    due: { dueAt: "2026-01-08T00:00:00Z" },
  },
];
const rank = severityRanker(["A", "B", "C"]);
const numbers = (items: { number: number }[]) => items.map((c) => c.number);

describe("sortCases", () => {
  it("sorts by number both ways", () => {
    expect(numbers(sortCases(cases, { key: "number", dir: "asc" }, rank))).toEqual([1, 2, 3, 4]);
    expect(numbers(sortCases(cases, { key: "number", dir: "desc" }, rank))).toEqual([4, 3, 2, 1]);
  });

  it("sorts by severity in policy order, ties newest change first", () => {
    expect(numbers(sortCases(cases, { key: "severity", dir: "asc" }, rank))).toEqual([4, 1, 2, 3]);
  });

  it("sorts by the soonest deadline, cases without one last", () => {
    expect(numbers(sortCases(cases, { key: "due", dir: "asc" }, rank))).toEqual([2, 1, 4, 3]);
    expect(isServerOrder({ key: "due", dir: "asc" })).toBe(true);
  });

  it("sorts by last change", () => {
    expect(numbers(sortCases(cases, { key: "updated", dir: "desc" }, rank))).toEqual([2, 4, 3, 1]);
  });

  it("puts unknown severities last and does not change the input", () => {
    const input = [
      { number: 9, severity: "Z", updatedAt: "2026-01-09T00:00:00Z", due: { dueAt: null } },
      ...cases,
    ];
    expect(sortCases(input, { key: "severity", dir: "asc" }, rank).at(-1)?.number).toBe(9);
    expect(input[0]?.number).toBe(9);
  });
});

describe("nextSort", () => {
  it("flips the same column and starts a new one in its natural direction", () => {
    expect(nextSort({ key: "number", dir: "desc" }, "number")).toEqual({
      key: "number",
      dir: "asc",
    });
    expect(nextSort({ key: "number", dir: "desc" }, "severity")).toEqual({
      key: "severity",
      dir: "asc",
    });
    expect(isServerOrder({ key: "updated", dir: "desc" })).toBe(true);
    expect(isServerOrder({ key: "updated", dir: "asc" })).toBe(false);
  });
});
