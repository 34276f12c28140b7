import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors.ts";
import type { Agent, PolicyView, TransferPreview, TransferView } from "../api/types.ts";
import {
  actionSet,
  agentChoices,
  approverText,
  canSubmit,
  checklist,
  guardsToShow,
  inboxCounts,
  isOpenTransfer,
  openAndPast,
  placeActionErrors,
  regionChoices,
  sortFindings,
  splitWaiting,
  stepProgress,
  transferKeysToInvalidate,
  transferOutcome,
  transferStateLabel,
  transferStateTone,
  waitingOn,
} from "./transfers.ts";

const person = (id: string, name: string) => ({ id, name });

function transfer(patch: Partial<TransferView> = {}): TransferView {
  return {
    id: "t1",
    caseNumber: 42,
    caseSubject: "Replication lag on the APAC cluster",
    caseSeverity: "high",
    workspace: "regional-cse",
    kind: "within-region",
    kindName: "Transfer within the region",
    state: "awaiting_approval",
    requestedBy: person("u1", "Ji-won Choi"),
    from: { owner: person("u1", "Ji-won Choi"), queue: "cse-apac" },
    target: {
      type: "agent",
      agent: person("u2", "Kenji Watanabe"),
      queue: "cse-apac",
      region: "APAC",
      label: "Kenji Watanabe (APAC)",
    },
    reason: "sme",
    reasonLabel: "Needs an expert",
    reasonText: null,
    fields: {},
    requiredSteps: ["notes_updated", "approval", "receiver_acceptance", "customer_notified"],
    steps: [{ step: "notes_updated", by: person("u1", "Ji-won Choi"), at: "2026-05-04T08:00:00Z" }],
    nextStep: "approval",
    warnings: [],
    artifacts: {},
    newPriority: null,
    newBrand: null,
    newStatus: "active",
    pin: false,
    pinUntil: null,
    comment: "",
    decidedBy: null,
    decisionNote: null,
    expiresAt: null,
    completedAt: null,
    createdAt: "2026-05-04T08:00:00Z",
    version: 1,
    actions: ["withdraw"],
    ...patch,
  };
}

const roles: PolicyView["roles"] = [
  { id: "supervisor", name: "Supervisor", permissions: ["case.assign"] },
  { id: "shift_lead", name: "Shift lead", permissions: [] },
  { id: "agent", name: "Engineer", permissions: ["case.transfer"] },
];

describe("states and steps", () => {
  it("names and colours states", () => {
    expect(transferStateLabel("awaiting_approval")).toBe("Awaiting approval");
    expect(transferStateLabel("something_new")).toBe("something new");
    expect(transferStateTone("completed")).toBe("green");
    expect(transferStateTone("declined")).toBe("red");
    expect(isOpenTransfer("awaiting_steps")).toBe(true);
    expect(isOpenTransfer("completed")).toBe(false);
  });

  it("shows each required step done or to do, and the one waited on", () => {
    const progress = stepProgress(transfer());
    expect(progress.map((p) => [p.step, Boolean(p.done), p.current])).toEqual([
      ["notes_updated", true, false],
      ["approval", false, true],
      ["receiver_acceptance", false, false],
      ["customer_notified", false, false],
    ]);
    expect(stepProgress(transfer({ state: "withdrawn" })).some((p) => p.current)).toBe(false);
  });

  it("says who the transfer waits on", () => {
    expect(waitingOn(transfer(), ["supervisor"], roles)).toBe("a supervisor to approve");
    expect(waitingOn(transfer(), ["shift_lead", "supervisor"], roles)).toBe(
      "a shift lead or a supervisor to approve",
    );
    expect(waitingOn(transfer({ nextStep: "receiver_acceptance" }), [], roles)).toBe(
      "Kenji Watanabe to accept",
    );
    expect(
      waitingOn(transfer({ nextStep: "customer_notified", state: "awaiting_steps" }), []),
    ).toMatch(/^Ji-won Choi \(or the case owner\) to record/);
    expect(waitingOn(transfer({ state: "completed", nextStep: null }), [])).toBeNull();
    expect(approverText([], roles)).toBe("an approver");
    expect(approverText(["admin"])).toBe("an admin");
  });
});

describe("actions", () => {
  it("turns the server's actions into decisions and steps, in a stable order", () => {
    expect(actionSet(["withdraw", "approve", "reject"])).toEqual({
      decisions: ["approve", "reject", "withdraw"],
      steps: [],
    });
    expect(actionSet(["withdraw", "step:customer_notified", "frobnicate"])).toEqual({
      decisions: ["withdraw"],
      steps: ["customer_notified"],
    });
    // S1.2: the alignment in the handover meeting, offered where the server lists it.
    expect(actionSet(["step:handover_aligned", "withdraw"])).toEqual({
      decisions: ["withdraw"],
      steps: ["handover_aligned"],
    });
  });
});

describe("lists", () => {
  it("separates the open transfer from past ones, newest first", () => {
    const old = transfer({ id: "a", state: "completed", createdAt: "2026-01-01T00:00:00Z" });
    const newer = transfer({ id: "b", state: "declined", createdAt: "2026-02-01T00:00:00Z" });
    const open = transfer({ id: "c", state: "awaiting_acceptance" });
    const { open: o, past } = openAndPast([old, open, newer]);
    expect(o?.id).toBe("c");
    expect(past.map((t) => t.id)).toEqual(["b", "a"]);
    expect(openAndPast([old]).open).toBeNull();
  });

  it("splits what waits on me into approvals, incoming and my own steps", () => {
    const items = [
      transfer({ id: "a" }),
      transfer({ id: "b", state: "awaiting_acceptance" }),
      transfer({ id: "c", state: "awaiting_steps" }),
      transfer({ id: "d" }),
    ];
    const inbox = splitWaiting(items);
    expect(inbox.approvals.map((t) => t.id)).toEqual(["a", "d"]);
    expect(inbox.incoming.map((t) => t.id)).toEqual(["b"]);
    expect(inbox.myStepsToDo.map((t) => t.id)).toEqual(["c"]);
    expect(inboxCounts(items)).toEqual({ approvals: 2, incoming: 2 });
  });

  it("refreshes the inboxes on transfer events only", () => {
    const e = { number: 1, workspace: "", actorId: null };
    expect(transferKeysToInvalidate([{ ...e, action: "case.updated" }])).toEqual([]);
    expect(
      transferKeysToInvalidate([
        { ...e, action: "case.updated" },
        { ...e, action: "transfer.approved" },
      ]),
    ).toEqual([["transfers"]]);
    expect(transferKeysToInvalidate([])).toEqual([]);
  });
});

function agent(id: string, name: string, region: string | null, status = "available"): Agent {
  return {
    id,
    name,
    email: `${id}@x.example`,
    handle: id,
    timeZone: "UTC",
    role: "agent",
    region,
    queues: [],
    skills: [],
    languages: [],
    capacity: 10,
    workingHours: null,
    handoverSme: false,
    availability: {
      status: status as Agent["availability"]["status"],
      leaveFrom: null,
      leaveUntil: status === "on_leave" ? "2026-05-12T00:00:00Z" : null,
      backupUserId: null,
      callDiversion: null,
    },
    version: 1,
  };
}

describe("choosing a receiver", () => {
  const agents = [
    agent("me", "Me Owner", "APAC"),
    agent("b", "Bea", "EMEA"),
    agent("y", "Yuna", "APAC", "on_leave"),
    agent("k", "Kenji", "APAC"),
    agent("l", "Lars", "EMEA", "off_queue"),
  ];

  it("leaves the owner out, lists who fits first and says region and availability", () => {
    const choices = agentChoices(agents, {
      ownerId: "me",
      ownerRegion: "APAC",
      regionRule: "same",
    });
    expect(choices.map((c) => c.id)).toEqual(["k", "b", "l", "y"]);
    expect(choices[0]?.label).toBe("Kenji — APAC · available");
    expect(choices.find((c) => c.id === "y")?.label).toBe("Yuna — APAC · on leave until 12 May");
    expect(choices.find((c) => c.id === "l")?.label).toBe("Lars — EMEA · off queue · other region");
  });

  it("marks the owner's region for kinds that go elsewhere", () => {
    const choices = agentChoices(agents, {
      ownerId: "me",
      ownerRegion: "APAC",
      regionRule: "other",
    });
    expect(choices[0]?.id).toBe("b");
    expect(choices.find((c) => c.id === "k")?.label).toContain("same region");
    const any = agentChoices(agents, { ownerId: null, ownerRegion: null, regionRule: "any" });
    expect(any).toHaveLength(5);
  });

  it("offers regions for a queue target by the kind's rule", () => {
    const regions = [
      { code: "APAC", name: "Asia Pacific" },
      { code: "EMEA", name: "Europe" },
    ];
    expect(regionChoices(regions, "other", "APAC")).toEqual([
      { code: "APAC", name: "Asia Pacific", fits: false, note: "your region" },
      { code: "EMEA", name: "Europe", fits: true, note: null },
    ]);
    expect(regionChoices(regions, "same", "APAC").map((r) => r.fits)).toEqual([true, false]);
    expect(regionChoices(regions, "any", null).every((r) => r.fits)).toBe(true);
  });
});

const preview = (patch: Partial<TransferPreview> = {}): TransferPreview => ({
  kind: "fts-24x7",
  target: "queue In-depth (EMEA)",
  requiredSteps: ["notes_updated"],
  note: "HANDOVER",
  artifacts: {},
  fields: {},
  missingFields: [],
  guards: [],
  blocked: false,
  ...patch,
});

describe("guards to show", () => {
  it("puts blocks first, then approvals, then warnings", () => {
    const sorted = sortFindings([
      { id: "idle-warning", outcome: "warn", message: "w" },
      { id: "ping-pong", outcome: "require_approval", message: "p" },
      { id: "confirm-next-shift-needed", outcome: "block", message: "b" },
    ]);
    expect(sorted.map((g) => g.outcome)).toEqual(["block", "require_approval", "warn"]);
  });

  it("shows the preview's findings, else the kind's up-front blockers for the target type", () => {
    const kind = {
      blockers: [
        {
          targetType: "queue" as const,
          guards: [{ id: "x", outcome: "block" as const, message: "m" }],
        },
      ],
    };
    expect(guardsToShow(undefined, kind, "queue").map((g) => g.id)).toEqual(["x"]);
    expect(guardsToShow(undefined, kind, "agent")).toEqual([]);
    expect(guardsToShow(preview(), kind, "queue")).toEqual([]);
    expect(guardsToShow(undefined, undefined, "queue")).toEqual([]);
  });
});

describe("the checklist", () => {
  const kind = {
    steps: ["notes_updated" as const],
    approverRoles: [],
    asks24x7Confirmation: true,
  };

  it("lists what is missing before a preview", () => {
    const items = checklist({
      kind,
      gaps: [{ field: "reason", message: "Pick a reason" }],
      preview: undefined,
      previewError: null,
      confirmNextShift: false,
      myRole: "agent",
      receiverName: null,
    });
    const byId = Object.fromEntries(items.map((i) => [i.id, i]));
    expect(byId.kind?.status).toBe("done");
    expect(byId.reason).toMatchObject({ status: "missing", detail: "Pick a reason" });
    expect(byId.confirmNextShift?.status).toBe("missing");
    expect(byId.template?.status).toBe("missing");
    expect(items.at(-1)?.id).toBe("reassign");
  });

  it("shows missing template fields, guard refusals and the steps that follow", () => {
    const items = checklist({
      kind: { steps: [], approverRoles: ["supervisor"], asks24x7Confirmation: false },
      gaps: [],
      preview: preview({
        requiredSteps: ["notes_updated", "approval", "receiver_acceptance", "customer_notified"],
        missingFields: [{ field: "fields.summary", message: "Summary is required" }],
        guards: [{ id: "receiver-available", outcome: "block", message: "on leave" }],
        blocked: true,
      }),
      previewError: null,
      confirmNextShift: false,
      myRole: "agent",
      receiverName: "Kenji",
      roles,
    });
    const byId = Object.fromEntries(items.map((i) => [i.id, i]));
    expect(byId.template).toMatchObject({ status: "missing", detail: "Still empty: Summary" });
    expect(byId.guards).toMatchObject({
      status: "blocked",
      detail: "Refused by receiver-available",
    });
    expect(byId.approval?.detail).toBe("By a supervisor");
    expect(byId.receiver_acceptance?.detail).toBe("Kenji accepts or declines");
    expect(byId.customer_notified?.status).toBe("later");
    expect(byId.confirmNextShift).toBeUndefined();
    expect(byId.reassign?.detail).toBe(
      "The case moves to queue In-depth (EMEA) once every step is done",
    );
  });

  it("says an approver approves their own request and shows a refused target", () => {
    const items = checklist({
      kind: { steps: ["approval"], approverRoles: ["supervisor"], asks24x7Confirmation: false },
      gaps: [],
      preview: undefined,
      previewError: "goes to another region than APAC",
      confirmNextShift: false,
      myRole: "supervisor",
      receiverName: null,
    });
    const byId = Object.fromEntries(items.map((i) => [i.id, i]));
    expect(byId.approval?.detail).toBe("You approve it yourself as you submit");
    expect(byId.target).toMatchObject({
      status: "blocked",
      detail: "goes to another region than APAC",
    });
  });

  it("warns without blocking", () => {
    const items = checklist({
      kind,
      gaps: [],
      preview: preview({ guards: [{ id: "idle-warning", outcome: "warn", message: "idle" }] }),
      previewError: null,
      confirmNextShift: true,
      myRole: "agent",
      receiverName: null,
    });
    expect(items.find((i) => i.id === "guards")).toMatchObject({ status: "warn" });
    expect(items.find((i) => i.id === "template")?.status).toBe("done");
  });
});

describe("submitting", () => {
  const base = {
    hasBody: true,
    previewFresh: true,
    preview: { blocked: false },
    previewRefused: false,
    submitting: false,
  };
  it("needs a complete form and no fresh refusal", () => {
    expect(canSubmit(base)).toBe(true);
    expect(canSubmit({ ...base, hasBody: false })).toBe(false);
    expect(canSubmit({ ...base, submitting: true })).toBe(false);
    expect(canSubmit({ ...base, preview: { blocked: true } })).toBe(false);
    expect(canSubmit({ ...base, previewRefused: true })).toBe(false);
    // A stale preview does not hold the button back: the server decides.
    expect(canSubmit({ ...base, previewFresh: false, preview: { blocked: true } })).toBe(true);
  });
});

describe("refused decisions", () => {
  it("places field messages beside their field and the rest above the form", () => {
    const error = new ApiError(422, "note_required", "note: say why the transfer is declined", [
      { field: "note", message: "note: say why the transfer is declined" },
    ]);
    expect(placeActionErrors(error, ["note"])).toEqual({
      fields: { note: "say why the transfer is declined" },
      general: null,
      conflict: false,
    });
    const guard = new ApiError(422, "decline-needs-approval", "Ask your TA", [], {
      guard: "decline-needs-approval",
    });
    expect(placeActionErrors(guard, ["note"])).toEqual({
      fields: {},
      general: "Ask your TA",
      conflict: false,
    });
    expect(placeActionErrors(new ApiError(409, "version_conflict", "Changed"), [])).toMatchObject({
      general: "Changed",
      conflict: true,
    });
    expect(placeActionErrors(new Error("x"), []).general).toBe("x");
    expect(placeActionErrors(undefined, []).general).toBeNull();
  });
});

describe("transferOutcome", () => {
  it("names where a completed transfer went", () => {
    expect(transferOutcome(transfer({ state: "completed", nextStep: null }))).toBe(
      "Case #42 transferred to Kenji Watanabe (APAC).",
    );
  });

  it("names the next step of a transfer still under way", () => {
    expect(transferOutcome(transfer({ state: "awaiting_approval", nextStep: "approval" }))).toBe(
      "Transfer requested: Kenji Watanabe (APAC). Next: Approval.",
    );
  });
});
