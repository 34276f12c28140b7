import { describe, expect, it } from "vitest";
import {
  analyzeConflict,
  type CaseLike,
  changedFields,
  editableOf,
  isEmptyEdit,
  isStale,
  pendingChanges,
} from "./conflict.ts";

const base: CaseLike = {
  version: 3,
  status: "active",
  severity: "B",
  priority: "normal",
  is24x7: false,
  queue: "in-depth",
  owner: { id: "u1", name: "Mei Ling Tan" },
};

describe("pendingChanges", () => {
  it("keeps only real changes", () => {
    expect(pendingChanges(editableOf(base), { status: "active", severity: "A" })).toEqual({
      severity: "A",
    });
    expect(isEmptyEdit(pendingChanges(editableOf(base), { queue: "in-depth" }))).toBe(true);
    expect(pendingChanges(editableOf(base), { ownerId: null, is24x7: false })).toEqual({
      ownerId: null,
    });
  });
});

describe("analyzeConflict", () => {
  it("reports what the other person changed and re-applies mine when they do not overlap", () => {
    const server = { ...base, version: 4, priority: "high" };
    const report = analyzeConflict(base, { severity: "A" }, server);
    expect(report.version).toBe(4);
    expect(report.theirs).toEqual([{ field: "priority", from: "normal", to: "high" }]);
    expect(report.mine).toEqual([{ field: "severity", value: "A", state: "pending" }]);
    expect(report.reapply).toEqual({ severity: "A" });
  });

  it("flags a field both changed, and still offers to re-apply it", () => {
    const server = { ...base, version: 4, severity: "C" };
    const report = analyzeConflict(base, { severity: "A" }, server);
    expect(report.mine[0]?.state).toBe("overlap");
    expect(report.reapply).toEqual({ severity: "A" });
  });

  it("has nothing to re-apply when the case already has my values", () => {
    const server = { ...base, version: 4, status: "resolved" };
    const report = analyzeConflict(base, { status: "resolved" }, server);
    expect(report.mine).toEqual([{ field: "status", value: "resolved", state: "already" }]);
    expect(report.reapply).toBeNull();
  });

  it("refuses a status move the new status does not allow", () => {
    const server = { ...base, version: 5, status: "resolved" };
    const report = analyzeConflict(base, { status: "awaiting_customer", severity: "A" }, server);
    expect(report.mine.find((m) => m.field === "status")?.state).toBe("invalid");
    expect(report.reapply).toEqual({ severity: "A" });
  });

  it("refuses everything on a case closed meanwhile", () => {
    const server = { ...base, version: 5, status: "closed" };
    const report = analyzeConflict(base, { severity: "A", ownerId: null }, server);
    expect(report.mine.map((m) => m.state)).toEqual(["invalid", "invalid"]);
    expect(report.reapply).toBeNull();
  });

  it("compares owners by id", () => {
    const server = { ...base, version: 4, owner: { id: "u2", name: "Tyler Nguyen" } };
    expect(changedFields(editableOf(base), editableOf(server))).toEqual([
      { field: "ownerId", from: "u1", to: "u2" },
    ]);
    expect(analyzeConflict(base, { ownerId: "u3" }, server).mine[0]?.state).toBe("overlap");
  });

  it("ignores intended values equal to what the user started from", () => {
    const server = { ...base, version: 4 };
    expect(analyzeConflict(base, { severity: "B" }, server).mine).toEqual([]);
  });

  it("knows a newer version is stale news for an open edit", () => {
    expect(isStale(base, { ...base, version: 4 })).toBe(true);
    expect(isStale(base, base)).toBe(false);
  });
});
