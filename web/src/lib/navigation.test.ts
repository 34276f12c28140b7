import { describe, expect, it } from "vitest";
import { caseNumberIn, safeReturnPath } from "./navigation.ts";

describe("safeReturnPath", () => {
  it("keeps paths inside the app", () => {
    expect(safeReturnPath("/cases/42")).toBe("/cases/42");
    expect(safeReturnPath("/w/ws/mine?status=all&q=vpn")).toBe("/w/ws/mine?status=all&q=vpn");
  });

  it("refuses anything that leaves the app or loops", () => {
    for (const bad of [
      undefined,
      null,
      "",
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "javascript:alert(1)",
      "/sign-in",
      "/sign-in?x=1",
      "/a\nb",
    ])
      expect(safeReturnPath(bad)).toBe("/");
  });
});

describe("caseNumberIn", () => {
  it("reads case numbers with or without #", () => {
    expect(caseNumberIn("100107")).toBe(100107);
    expect(caseNumberIn(" #42 ")).toBe(42);
    expect(caseNumberIn("vpn 42")).toBeNull();
    expect(caseNumberIn("0")).toBeNull();
    expect(caseNumberIn("#")).toBeNull();
  });
});
