import { describe, expect, it } from "vitest";
import { supportOwnerOf } from "../../src/domain/development/stages.ts";
import {
  followUpDraft,
  hoursText,
  openCaseRefusal,
  roadblockNote,
  taskAbilities,
} from "../../src/domain/projects/tasks.ts";

// Seed 002's project rules, decided without I/O (src/domain/projects, src/domain/development).

const me = "u-cora";
const consultant = { userId: me, manages: false, createsCases: true };
const pm = { userId: "u-pia", manages: true, createsCases: true };

describe("project tasks", () => {
  it("lets the assignee work an open task and open one case from it; the PM schedules drafts", () => {
    const open = { assigneeId: me, status: "open", caseId: null };
    expect(taskAbilities(consultant, open)).toEqual({
      edit: true,
      note: true,
      openCase: true,
      schedule: false,
    });
    expect(taskAbilities(consultant, { ...open, caseId: "c1" }).openCase).toBe(false);
    expect(taskAbilities(consultant, { ...open, assigneeId: "u-ben" })).toEqual({
      edit: false,
      note: false,
      openCase: false,
      schedule: false,
    });
    // The PM runs the task but the roadblock's case is the assignee's to open: they know it.
    expect(taskAbilities(pm, open)).toEqual({
      edit: true,
      note: true,
      openCase: false,
      schedule: false,
    });
    expect(taskAbilities(pm, { ...open, status: "draft" }).schedule).toBe(true);
    expect(taskAbilities(consultant, { ...open, status: "draft" }).schedule).toBe(false);
  });

  it("says why a task cannot open a case", () => {
    const open = { assigneeId: me, status: "in_progress", caseId: null };
    expect(openCaseRefusal(consultant, open, 7)).toBeNull();
    expect(openCaseRefusal(consultant, { ...open, caseId: "c" }, 7)?.status).toBe("conflict");
    expect(openCaseRefusal(consultant, { ...open, status: "closed" }, 7)?.message).toBe(
      "Task T-7 is closed; open its follow-up",
    );
    expect(openCaseRefusal(consultant, { ...open, status: "draft" }, 7)?.status).toBe("rule");
    expect(openCaseRefusal(pm, open, 7)?.status).toBe("forbidden");
    expect(openCaseRefusal({ ...consultant, createsCases: false }, open, 7)?.status).toBe(
      "forbidden",
    );
  });

  it("writes the task's note as S2.4 lists it, and the follow-up from the resolution", () => {
    expect(hoursText(0)).toBe("0 min");
    expect(hoursText(90)).toBe("1 h 30 min");
    expect(hoursText(600)).toBe("10 h");
    expect(
      roadblockNote({
        taskNumber: 3,
        caseNumber: 100042,
        minutesDelivered: 600,
        minutesToFinish: 360,
        finishOn: "2027-01-29",
        managerHandle: "pia",
      }),
    ).toBe(
      [
        "Roadblock: case #100042 opened for help.",
        "Time delivered so far: 10 h.",
        "Estimate to finish: 6 h, by 2027-01-29.",
        "@pia please schedule the follow-up once case #100042 is resolved. Task closed.",
      ].join("\n"),
    );
    expect(
      roadblockNote({
        taskNumber: 3,
        caseNumber: 9,
        minutesDelivered: 30,
        minutesToFinish: null,
        finishOn: null,
        managerHandle: "pia",
      }),
    ).toContain("Estimate to finish: not known yet.");
    const draft = followUpDraft({
      number: 3,
      title: "Configure the report",
      minutesToFinish: 360,
      finishOn: "2027-01-29",
      caseNumber: 100042,
      caseSubject: "Export drops a row",
      resolution: "  Fixed in 7.3.  ",
      caseLink: "https://baton.example.com/cases/100042",
    });
    expect(draft).toMatchObject({
      title: "Follow-up: Configure the report",
      estimateMinutes: 360,
      dueOn: "2027-01-29",
    });
    expect(draft.description).toContain("Continues T-3");
    expect(draft.description).toContain("https://baton.example.com/cases/100042");
    expect(draft.description.endsWith("Fixed in 7.3.")).toBe(true);
    expect(
      followUpDraft({
        ...{ number: 1, title: "x", minutesToFinish: null, finishOn: null },
        caseNumber: 1,
        caseSubject: "s",
        resolution: null,
        caseLink: "l",
      }).description,
    ).toContain("No public resolution note");
  });
});

describe("development's support owner", () => {
  const queues = { triageQueue: "triage", developmentQueues: ["development"] };
  const t = (
    fromOwnerId: string | null,
    fromQueue: string,
    targetQueue: string,
    requestedBy = "x",
  ) => ({ fromOwnerId, fromQueue, targetQueue, requestedBy });

  it("is the owner before triage and development, not a triage engineer who held it", () => {
    expect(
      supportOwnerOf({
        ...queues,
        transfers: [t("tariq", "triage", "development"), t("l1", "support-l1", "triage")],
        secondaryOwnerId: "cora",
      }),
    ).toBe("l1");
  });

  it("is else the secondary owner, else who asked for triage, else who asked for development", () => {
    expect(
      supportOwnerOf({
        ...queues,
        transfers: [t(null, "triage", "development"), t(null, "support-l1", "triage")],
        secondaryOwnerId: "cora",
      }),
    ).toBe("cora");
    expect(
      supportOwnerOf({
        ...queues,
        transfers: [
          t("tariq", "triage", "development", "tariq"),
          t(null, "support-l1", "triage", "lee"),
        ],
        secondaryOwnerId: null,
      }),
    ).toBe("lee");
    expect(
      supportOwnerOf({
        triageQueue: undefined,
        developmentQueues: ["development"],
        transfers: [t(null, "support-l1", "development", "ann")],
        secondaryOwnerId: null,
      }),
    ).toBe("ann");
    expect(supportOwnerOf({ ...queues, transfers: [], secondaryOwnerId: null })).toBeNull();
  });
});

describe("sub-products (S2.2)", () => {
  it("are optional, and one that is named belongs to the case's product", async () => {
    const { subProductProblem } = await import("../../src/domain/cases.ts");
    const { presets } = await import("../../src/presets/index.ts");
    const { parsePolicy } = await import("../../src/domain/policy/parse.ts");
    const parsed = parsePolicy(presets["ps-escalation"]);
    if (!parsed.ok) throw new Error("the ps-escalation preset does not parse");
    const { policy } = parsed;
    expect(subProductProblem(policy, "reporting", undefined)).toBeUndefined();
    expect(subProductProblem(policy, "reporting", "exports")).toBeUndefined();
    expect(subProductProblem(policy, "reporting", "rest-api")?.message).toBe(
      'unknown sub-product "rest-api" of Reporting and analytics; it has dashboards, exports, scheduled',
    );
    expect(subProductProblem(policy, null, "exports")?.field).toBe("subProduct");
    expect(subProductProblem(policy, "core", "exports")?.message).toBe(
      "Core application has no sub-products",
    );
  });
});
