import { describe, expect, it } from "vitest";
import {
  assignmentControls,
  directQueueChoices,
  fieldSentence,
  withheldQueuesHint,
} from "./assignment.ts";

const WHY =
  "In this workspace a case changes hands through a transfer (only supervisor or administrator may reassign directly); use Transfer… so the hand-off steps are kept";
const assign = ["case.read", "case.update", "case.assign"];
const direct = { direct: true, takeFromQueue: true, why: null, roles: [] };
const locked = {
  direct: false,
  takeFromQueue: false,
  why: WHY,
  roles: ["supervisor", "administrator"],
};

describe("assignmentControls", () => {
  it("lets those who may reassign directly edit, and offers taking the case", () => {
    const base = { allowed: assign, closed: false, reassign: direct, me: "me" };
    expect(assignmentControls({ ...base, ownerId: "other" })).toEqual({
      edit: true,
      takeForMe: true,
      hint: null,
    });
    expect(assignmentControls({ ...base, ownerId: "me" }).takeForMe).toBe(false);
  });

  it("locks queue and owner when the policy reserves hand-offs for transfers, and says why", () => {
    const c = assignmentControls({
      allowed: assign,
      closed: false,
      reassign: locked,
      ownerId: "other",
      me: "me",
    });
    expect(c).toEqual({ edit: false, takeForMe: false, hint: `${WHY}.` });
  });

  it("still offers taking an unowned case from the queue when locked", () => {
    const c = assignmentControls({
      allowed: assign,
      closed: false,
      reassign: { ...locked, takeFromQueue: true },
      ownerId: null,
      me: "me",
    });
    expect(c).toMatchObject({ edit: false, takeForMe: true });
    // Once the pick is mine (unsaved), there is nothing more to take.
    expect(
      assignmentControls({
        allowed: assign,
        closed: false,
        reassign: { ...locked, takeFromQueue: true },
        ownerId: "me",
        me: "me",
      }).takeForMe,
    ).toBe(false);
  });

  it("words the reason itself from the roles named, not from the server's English sentence", () => {
    const c = assignmentControls({
      allowed: assign,
      closed: false,
      reassign: { ...locked, why: "Ask a lead", roles: ["lead", "admin", "dispatcher"] },
      ownerId: "other",
      me: "me",
    });
    expect(c.hint).toBe(
      "In this workspace a case changes hands through a transfer (only lead, admin or dispatcher may reassign directly); use Transfer… so the hand-off steps are kept.",
    );
  });

  it("falls back to a sentence of its own when the server names no role", () => {
    const c = assignmentControls({
      allowed: assign,
      closed: false,
      reassign: { ...locked, why: null, roles: [] },
      ownerId: null,
      me: "me",
    });
    expect(c.hint).toMatch(/changes hands through a transfer; use Transfer…$/);
  });

  it("keeps the permission sentence for roles without case.assign", () => {
    const c = assignmentControls({
      allowed: ["case.read", "case.update"],
      closed: false,
      reassign: locked,
      ownerId: null,
      me: "me",
    });
    expect(c).toEqual({
      edit: false,
      takeForMe: false,
      hint: "Changing queue or owner needs the assign permission.",
    });
  });

  it("offers nothing on a closed case", () => {
    expect(
      assignmentControls({
        allowed: assign,
        closed: true,
        reassign: direct,
        ownerId: null,
        me: "me",
      }),
    ).toEqual({ edit: false, takeForMe: false, hint: null });
  });

  it("allows editing when the server does not say", () => {
    expect(
      assignmentControls({
        allowed: assign,
        closed: false,
        reassign: undefined,
        ownerId: null,
        me: "me",
      }).edit,
    ).toBe(true);
  });
});

describe("directQueueChoices", () => {
  const queue = (code: string, name: string) => ({
    code,
    name,
    description: "",
    distribution: "manual" as const,
  });
  const development = queue("development", "Development");
  const queues = [queue("support-l1", "Support L1"), queue("triage", "Triage"), development];
  const policy = { queues, guardOptions: { developmentQueues: ["development"] } };

  it("withholds development queues from a direct edit", () => {
    expect(directQueueChoices(policy, "triage")).toEqual({
      choices: [queues[0], queues[1]],
      withheld: [development],
    });
  });

  it("keeps the current queue even when it is a development queue", () => {
    expect(directQueueChoices(policy, "development")).toEqual({ choices: queues, withheld: [] });
  });

  it("offers every queue when the policy names no development queues", () => {
    expect(
      directQueueChoices({ queues, guardOptions: { developmentQueues: [] } }, "triage").choices,
    ).toEqual(queues);
  });

  it("shows a current queue the policy no longer lists, and copes without a policy", () => {
    expect(directQueueChoices(policy, "retired").choices.at(-1)).toEqual({
      code: "retired",
      name: "retired",
    });
    expect(directQueueChoices(undefined, "triage")).toEqual({
      choices: [{ code: "triage", name: "triage" }],
      withheld: [],
    });
  });

  it("explains the withheld queues in a sentence, or says nothing", () => {
    expect(withheldQueuesHint([development])).toBe(
      "Development is not offered here: cases reach development only through triage’s transfer, so the customer is told.",
    );
    expect(withheldQueuesHint([])).toBeNull();
  });
});

describe("fieldSentence", () => {
  it("drops the field name the server puts first", () => {
    expect(
      fieldSentence(
        "queue",
        "queue: Cases reach development only through triage; transfer the case to triage so the customer is told",
      ),
    ).toBe(
      "Cases reach development only through triage; transfer the case to triage so the customer is told",
    );
    expect(fieldSentence("ownerId", "is not a member")).toBe("is not a member");
    expect(fieldSentence("queue", "ownerId: something")).toBe("ownerId: something");
  });
});
