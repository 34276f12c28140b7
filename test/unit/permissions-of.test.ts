import { describe, expect, it } from "vitest";
import { permissionsOf } from "../../src/domain/policy/parse.ts";
import { presets } from "../../src/presets/index.ts";

describe("permissionsOf", () => {
  const frozen = presets["helpdesk-transfer"];

  it("answers a frozen policy's role from memory, the same set each time", () => {
    const first = permissionsOf(frozen, "supervisor");
    expect(first.has("case.transfer")).toBe(true);
    expect(permissionsOf(frozen, "supervisor")).toBe(first);
    expect(permissionsOf(frozen, "no-such-role").size).toBe(0);
  });

  it("works a policy that may still change out each time", () => {
    const copy = structuredClone(frozen);
    expect(permissionsOf(copy, "supervisor").has("case.transfer")).toBe(true);
    const role = copy.roles.find((r) => r.id === "supervisor")!;
    role.permissions = role.permissions.filter((p) => p !== "case.transfer");
    expect(permissionsOf(copy, "supervisor").has("case.transfer")).toBe(false);
  });
});
