import { describe, expect, it } from "vitest";
import { canMove, isOpenStatus, nextStatuses, statusLabel } from "./caseStatus.ts";

describe("case statuses", () => {
  it("offers the current status first, then the allowed moves", () => {
    expect(nextStatuses("resolved")).toEqual(["resolved", "active", "closed"]);
    expect(nextStatuses("closed")).toEqual(["closed"]);
    expect(nextStatuses("nonsense")).toEqual([]);
    expect(canMove("resolved", "awaiting_customer")).toBe(false);
  });

  it("uses the workspace's labels", () => {
    expect(statusLabel("awaiting_customer")).toBe("Awaiting customer");
    expect(statusLabel("solution_delivered", { solution_delivered: "Delivered" })).toBe(
      "Delivered",
    );
    expect(isOpenStatus("new")).toBe(true);
    expect(isOpenStatus("resolved")).toBe(false);
  });
});
