import { describe, expect, it } from "vitest";
import { grantsFor, parseProvision } from "../../src/domain/accounts/oidc-provision.ts";
import { safeReturnTo } from "../../src/domain/accounts/return-path.ts";

describe("single sign-on provisioning", () => {
  const provision = parseProvision(
    JSON.stringify({
      claim: "groups",
      rules: [
        { value: "leads", workspace: "fts", role: "shift_lead" },
        { value: "emea", workspace: "fts", role: "agent" },
        { value: "dev", workspace: "triage", role: "triage" },
      ],
      default: [{ workspace: "helpdesk", role: "agent" }],
    }),
  );
  if (typeof provision === "string") throw new Error(provision);

  it("grants each matching rule's workspace once, the first rule winning, then the defaults", () => {
    expect(grantsFor(provision, { groups: ["emea", "leads"] })).toEqual([
      { workspace: "fts", role: "shift_lead" },
      { workspace: "helpdesk", role: "agent" },
    ]);
    expect(grantsFor(provision, { groups: "dev" })).toEqual([
      { workspace: "triage", role: "triage" },
      { workspace: "helpdesk", role: "agent" },
    ]);
    expect(grantsFor(provision, {})).toEqual([{ workspace: "helpdesk", role: "agent" }]);
    expect(grantsFor(provision, { groups: [42, null] })).toEqual([
      { workspace: "helpdesk", role: "agent" },
    ]);
  });

  it("grants nothing without configuration, and says what is wrong with a bad one", () => {
    const none = parseProvision(undefined);
    if (typeof none === "string") throw new Error(none);
    expect(grantsFor(none, { groups: ["anything"] })).toEqual([]);
    expect(parseProvision("{")).toBe("is not JSON");
    expect(parseProvision(JSON.stringify({ default: [{ workspace: "x", role: "king" }] }))).toMatch(
      /^default\.0\.role: /,
    );
    expect(parseProvision(JSON.stringify({ extra: 1 }))).toMatch(/extra|Unrecognized/);
  });

  it("returns only to paths on this site", () => {
    expect(safeReturnTo("/w/fts/mine?x=1")).toBe("/w/fts/mine?x=1");
    for (const foreign of [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "",
      undefined,
    ])
      expect(safeReturnTo(foreign)).toBe("/");
  });
});
