import { describe, expect, it } from "vitest";
import { replicaReads } from "../../src/cli/banner.ts";

describe("the start banner's read replica line", () => {
  it("names the replica's host and database, never its password", () => {
    const lines = replicaReads("postgres://baton:s3cret-pw@replica-1:5432/baton");
    expect(lines).toEqual([
      "  Reads   reports, analytics, CSV exports and calendar feeds come from the replica at",
      "          replica-1:5432/baton",
    ]);
    expect(lines.join("\n")).not.toContain("s3cret-pw");
  });

  it("is left out without a replica", () => {
    expect(replicaReads(undefined)).toEqual([]);
  });
});
