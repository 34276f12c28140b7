import { describe, expect, it } from "vitest";
import type { Policy } from "../../../src/domain/policy/schema.ts";
import { policySchema } from "../../../src/domain/policy/schema.ts";
import {
  PERMISSION_WORDS,
  PERMISSIONS,
  readJson,
  setHolidays,
  setSeverity,
  toggleExcludedGroup,
  togglePermission,
  valueText,
} from "./policyEditor.ts";

const day = () => [{ start: "09:00", end: "17:00" }];
const base: Policy = policySchema.parse({
  schemaVersion: 1,
  name: "Editor",
  regions: [
    { code: "US", name: "US", timeZone: "America/New_York", businessHours: { mon: day() } },
  ],
  queues: [
    { code: "l1", name: "Level 1" },
    { code: "sales", name: "Sales" },
  ],
  brands: [{ code: "main", name: "Main" }],
  severities: [{ code: "urgent", name: "Urgent", firstResponseMinutes: 30 }],
  priorities: [{ code: "normal", name: "Normal" }],
  plans: [{ code: "pro", name: "Pro" }],
  products: [{ code: "db", name: "Database", skill: "db" }],
  languages: [{ code: "en", name: "English" }],
  roles: [
    { id: "agent", name: "Agent", permissions: ["case.read", "case.transfer", "case.note"] },
    { id: "admin", name: "Admin", permissions: ["policy.manage", "user.manage"] },
  ],
  defaults: {
    queue: "l1",
    severity: "urgent",
    priority: "normal",
    plan: "pro",
    brand: "main",
    language: "en",
  },
});

describe("the policy editor's structured changes", () => {
  it("names every permission", () => {
    expect(Object.keys(PERMISSION_WORDS).sort()).toEqual([...PERMISSIONS].sort());
  });

  it("unticks and ticks a permission back to the same document, leaving the original", () => {
    const off = togglePermission(base, "agent", "case.transfer", false);
    expect(off.roles.find((r) => r.id === "agent")?.permissions).not.toContain("case.transfer");
    expect(base.roles.find((r) => r.id === "agent")?.permissions).toContain("case.transfer");
    const on = togglePermission(off, "agent", "case.transfer", true);
    expect(on.roles.find((r) => r.id === "agent")?.permissions).toEqual(
      PERMISSIONS.filter((p) => base.roles.find((r) => r.id === "agent")?.permissions.includes(p)),
    );
  });

  it("excludes a group and clears a target to nothing", () => {
    expect(toggleExcludedGroup(base, "sales", true).transferExcludedGroups).toEqual(["sales"]);
    const cleared = setSeverity(base, "urgent", "firstResponseMinutes", "");
    expect(cleared.severities.find((s) => s.code === "urgent")).not.toHaveProperty(
      "firstResponseMinutes",
    );
    expect(
      setSeverity(base, "urgent", "updateEveryMinutes", "45").severities.find(
        (s) => s.code === "urgent",
      )?.updateEveryMinutes,
    ).toBe(45);
    expect(
      setHolidays(base, "US", "2026-12-25, 2027-01-01\n").regions.find((r) => r.code === "US")
        ?.holidays,
    ).toEqual(["2026-12-25", "2027-01-01"]);
  });

  it("reads values and JSON in words", () => {
    expect(valueText(["a", "b"])).toBe("a, b");
    expect(valueText(null)).toBe("—");
    expect(readJson("{").ok).toBe(false);
    expect(readJson('{"name":"a","queues":[{"code":"x","code":"y"}]}')).toEqual({
      ok: false,
      error: "queues.0.code appears twice; keep one of them",
    });
    expect(readJson('{"a":{"code":1},"b":{"code":2}}').ok).toBe(true);
  });
});
