import { describe, expect, it } from "vitest";
import { type Pooling, poolingProblem } from "../../src/db/pooling.ts";

const pinned: Pooling = { pinned: true };
const keeps: Pooling = { pinned: false, keepsPrepared: true };
const drops: Pooling = { pinned: false, keepsPrepared: false };

describe("what a pooler between Baton and PostgreSQL may be", () => {
  it("anything that keeps each connection's session is fine", () => {
    expect(poolingProblem(pinned, undefined)).toBeUndefined();
    expect(poolingProblem(pinned, pinned)).toBeUndefined();
  });

  it("a transaction-mode pool that keeps prepared statements, for requests only", () => {
    expect(poolingProblem(keeps, pinned)).toBeUndefined();
    expect(poolingProblem(keeps, undefined)).toMatch(
      /^DATABASE_URL goes through a pooler in transaction mode, .*set DATABASE_SESSION_URL/,
    );
    expect(poolingProblem(pinned, keeps)).toMatch(/^DATABASE_SESSION_URL goes through a pooler/);
  });

  it("never one that drops prepared statements, whatever the session URL", () => {
    for (const session of [undefined, pinned, keeps, drops])
      expect(poolingProblem(drops, session)).toMatch(
        /^DATABASE_URL goes through a pooler in transaction mode that drops prepared statements/,
      );
    expect(poolingProblem(pinned, drops)).toMatch(/^DATABASE_SESSION_URL goes through a pooler/);
  });
});
