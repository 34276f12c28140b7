import { describe, expect, it } from "vitest";
import { auditPeople, auditSummary } from "../../src/domain/audit-text.ts";
import { describeChanges } from "../../src/domain/case-changes.ts";
import { presets } from "../../src/presets/index.ts";

// Issue 11: people read changes with names and the policy's labels; ids stay in the data.

const ann = "2b1a8a1b-0000-4000-8000-000000000001";
const bo = "2b1a8a1b-0000-4000-8000-000000000002";
const gone = "2b1a8a1b-0000-4000-8000-000000000003";
const names = {
  policy: presets["regional-cse"],
  people: new Map([
    [ann, { name: "Ann Lee" }],
    [bo, { name: "Bo Chen" }],
  ]),
};
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-/i;

describe("changes in words", () => {
  it("names people and labels queues, whoever is asked first", () => {
    expect(
      describeChanges(
        { queue: { from: "cse-apac", to: "cse-ist" }, ownerId: { from: null, to: ann } },
        names,
      ),
    ).toBe("Owner: — → Ann Lee; Queue: CSE Asia Pacific → CSE India");
    expect(describeChanges({ ownerId: { from: gone, to: bo } }, names)).toBe(
      "Owner: (unknown person) → Bo Chen",
    );
  });

  it("summarises audit events without ids", () => {
    const completed = {
      kind: "within-region",
      from: { ownerId: ann, queue: "cse-apac" },
      to: { ownerId: null, queue: "cse-ist" },
    };
    expect(auditPeople(completed)).toEqual([ann]);
    expect(auditSummary("transfer.completed", completed, names)).toBe(
      "Transfer completed (Transfer within the region): Ann Lee → queue CSE India",
    );
    const approved = auditSummary("transfer.approved", { assignTo: bo, note: null }, names);
    expect(approved).toBe("Transfer approved, assigned to Bo Chen");
    const noted = auditSummary(
      "case.note_added",
      { visibility: "private", mentions: [ann, bo] },
      names,
    );
    expect(noted).toBe("Note added (private), mentioning Ann Lee, Bo Chen");
    for (const text of [approved, noted]) expect(text).not.toMatch(uuid);
  });
});
