import { describe, expect, it } from "vitest";
import { requestHeaders } from "./client.ts";
import { ApiError, errorMessage, fieldErrorMap, parseProblem } from "./errors.ts";

describe("parseProblem", () => {
  it("reads status, code, detail and field errors", () => {
    const e = parseProblem(400, {
      type: "https://baton.example/problems/invalid_input",
      title: "Bad Request",
      status: 400,
      code: "invalid_input",
      detail: "subject: must not be blank",
      errors: [{ field: "subject", message: "must not be blank" }, { nonsense: true }],
    });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(400);
    expect(e.code).toBe("invalid_input");
    expect(e.detail).toBe("subject: must not be blank");
    expect(e.fieldMessage("subject")).toBe("must not be blank");
    expect(fieldErrorMap(e)).toEqual({ subject: "must not be blank" });
  });

  it("keeps extras such as currentVersion on a conflict", () => {
    const e = parseProblem(409, {
      status: 409,
      code: "version_conflict",
      detail: "Case 7 was changed by someone else",
      number: 7,
      currentVersion: 5,
    });
    expect(e.isConflict).toBe(true);
    expect(e.currentVersion).toBe(5);
    expect(e.extra).toEqual({ number: 7, currentVersion: 5 });
  });

  it("has a sentence for bodies that are not problems", () => {
    expect(parseProblem(502, "<html>").detail).toBe("The server is not reachable right now.");
    expect(parseProblem(0, undefined).code).toBe("network");
    expect(parseProblem(418, null).detail).toBe("The request failed (418).");
    expect(errorMessage(new Error("boom"))).toBe("boom");
    expect(errorMessage("?")).toBe("Something went wrong.");
  });
});

describe("request headers", () => {
  it("sends the CSRF token on writes only, and JSON content type with a body", () => {
    expect(requestHeaders("GET", false, "t")).toEqual({ accept: "application/json" });
    expect(requestHeaders("POST", true, "t")).toEqual({
      accept: "application/json",
      "content-type": "application/json",
      "x-csrf-token": "t",
    });
    expect(requestHeaders("PATCH", true, null)["x-csrf-token"]).toBeUndefined();
    expect(requestHeaders("DELETE", false, "t")["x-csrf-token"]).toBe("t");
  });
});
