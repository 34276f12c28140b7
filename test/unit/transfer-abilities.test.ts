import { describe, expect, it } from "vitest";
import {
  allowedTransferActions,
  TRANSFER_ACTIONS,
  type TransferAction,
  type TransferFacts,
  transferAbilities,
} from "../../src/domain/transfer/abilities.ts";
import type { GuardId, TransferStep } from "../../src/domain/transfer/kind-schema.ts";
import type { StepRecord, TransferState } from "../../src/domain/transfer/machine.ts";

const REQUESTER = "00000000-0000-4000-8000-000000000001";
const RECEIVER = "00000000-0000-4000-8000-000000000002";
const OWNER = "00000000-0000-4000-8000-000000000003";
const BYSTANDER = "00000000-0000-4000-8000-000000000004";

const RELATIONS = { requester: REQUESTER, receiver: RECEIVER, owner: OWNER, bystander: BYSTANDER };
type Relation = keyof typeof RELATIONS;
// An agent holds no approver role of the kind; a shift lead does.
const ROLES = ["agent", "shift_lead"] as const;

const REQUIRED: TransferStep[] = [
  "notes_updated",
  "approval",
  "receiver_acceptance",
  "customer_notified",
];
const done = (...steps: TransferStep[]): StepRecord[] =>
  steps.map((step, i) => ({ step, by: REQUESTER, at: `2026-12-01T10:0${i}:00.000Z` }));

type Phase = "steps" | "approval" | "acceptance" | "completed";
const PHASES: Record<Phase, { state: TransferState; steps: StepRecord[] }> = {
  // Approved and accepted; only "customer told" is left.
  steps: {
    state: "awaiting_steps",
    steps: done("notes_updated", "approval", "receiver_acceptance"),
  },
  approval: { state: "awaiting_approval", steps: done("notes_updated") },
  acceptance: { state: "awaiting_acceptance", steps: done("notes_updated", "approval") },
  completed: { state: "completed", steps: done(...REQUIRED) },
};

type Options = "plain" | "declineNeedsApproval" | "fourEyes";
const OPTIONS: Record<Options, { guards: GuardId[]; pingPongNeedsApproval: boolean }> = {
  plain: { guards: [], pingPongNeedsApproval: false },
  declineNeedsApproval: { guards: ["decline-needs-approval"], pingPongNeedsApproval: false },
  fourEyes: { guards: ["ping-pong"], pingPongNeedsApproval: true },
};

function facts(phase: Phase, options: Options): TransferFacts {
  return {
    state: PHASES[phase].state,
    requestedBy: REQUESTER,
    targetAgentId: RECEIVER,
    caseOwnerId: OWNER,
    fromOwnerId: OWNER,
    targetRegion: "EMEA",
    requiredSteps: REQUIRED,
    steps: PHASES[phase].steps,
    warnings: OPTIONS[options].pingPongNeedsApproval
      ? [{ id: "ping-pong", outcome: "require_approval" }]
      : [],
  };
}

/**
 * Written out by hand, not derived from the code under test. Each cell lists the relations
 * requester, receiver, owner, bystander; each as two letters for an agent and an approver
 * (shift lead): A allowed, D refused. Keyed by action, so a new action does not compile until
 * its rows are written.
 */
type Row = Record<Phase, string>;
const NOBODY = "DD DD DD DD";
const never: Row = { steps: NOBODY, approval: NOBODY, acceptance: NOBODY, completed: NOBODY };
const PLAIN: Record<TransferAction, Row> = {
  approve: { ...never, approval: "DA DA DA DA" },
  reject: { ...never, approval: "DA DA DA DA" },
  accept: { ...never, acceptance: "DD AA DD DD" },
  decline: { ...never, acceptance: "DA AA DA DA" },
  withdraw: {
    steps: "AA DA DA DA",
    approval: "AA DA DA DA",
    acceptance: "AA DA DA DA",
    completed: NOBODY,
  },
  // Done by the handover note when the transfer is requested, so never pending afterwards.
  "step:notes_updated": never,
  "step:customer_notified": { ...never, steps: "AA DA AA DA" },
  // Not among this kind's steps; see "the alignment step" below for a kind that has it.
  "step:handover_aligned": never,
};
const EXPECTED: Record<Options, Record<TransferAction, Row>> = {
  plain: PLAIN,
  declineNeedsApproval: { ...PLAIN, decline: { ...never, acceptance: "DA DA DA DA" } },
  fourEyes: {
    ...PLAIN,
    approve: { ...never, approval: "DD DA DA DA" },
    reject: { ...never, approval: "DD DA DA DA" },
  },
};

const cases = (Object.keys(EXPECTED) as Options[]).flatMap((options) =>
  TRANSFER_ACTIONS.flatMap((action) =>
    (Object.keys(PHASES) as Phase[]).flatMap((phase) => {
      const cells = EXPECTED[options][action][phase].split(" ");
      return (Object.keys(RELATIONS) as Relation[]).flatMap((relation, r) =>
        ROLES.map((role, i) => ({
          options,
          action,
          phase,
          relation,
          role,
          expected: cells[r]?.[i] === "A",
        })),
      );
    }),
  ),
);

describe("transferAbilities: role × transfer state × relation × kind options", () => {
  it("covers every cell of the table", () => {
    expect(cases).toHaveLength(3 * TRANSFER_ACTIONS.length * 4 * 4 * 2);
  });

  it.each(cases)(
    "$options: $role as $relation, $action while $phase → $expected",
    ({ options, action, phase, relation, role, expected }) => {
      const kind = { approverRoles: ["shift_lead" as const], guards: OPTIONS[options].guards };
      const verdict = transferAbilities(
        { userId: RELATIONS[relation], role },
        facts(phase, options),
        kind,
      )[action];
      expect(verdict.ok).toBe(expected);
      // The API lists exactly the actions the commands would accept.
      const listed = allowedTransferActions(
        { userId: RELATIONS[relation], role },
        facts(phase, options),
        kind,
      );
      expect(listed.includes(action)).toBe(expected);
    },
  );
});

describe("verdicts", () => {
  const kind = { approverRoles: ["shift_lead" as const], guards: [] as GuardId[] };

  it("refuses a bystander before looking at the state, and says who may", () => {
    const v = transferAbilities(
      { userId: BYSTANDER, role: "agent" },
      facts("completed", "plain"),
      kind,
    ).approve;
    expect(v).toMatchObject({ ok: false, stage: "who", status: "forbidden" });
    expect(v.ok ? "" : v.message).toBe("Only shift lead may approve this transfer");
  });

  it("tells an approver the transfer is past approving", () => {
    const v = transferAbilities(
      { userId: BYSTANDER, role: "shift_lead" },
      facts("completed", "plain"),
      kind,
    ).approve;
    expect(v).toMatchObject({ ok: false, stage: "state", code: "transfer_state" });
  });

  it("sends the receiver to an approver where declining needs approval", () => {
    const v = transferAbilities(
      { userId: RECEIVER, role: "agent" },
      facts("acceptance", "declineNeedsApproval"),
      { ...kind, guards: ["decline-needs-approval"] },
    ).decline;
    expect(v).toMatchObject({ ok: false, status: "rule", code: "decline-needs-approval" });
  });

  it("lists the way forward for the requester of a transfer waiting only on telling the customer", () => {
    expect(
      allowedTransferActions({ userId: REQUESTER, role: "agent" }, facts("steps", "plain"), kind),
    ).toEqual(["withdraw", "step:customer_notified"]);
    expect(
      allowedTransferActions({ userId: BYSTANDER, role: "agent" }, facts("steps", "plain"), kind),
    ).toEqual([]);
  });

  it("lists nothing on a closed transfer", () => {
    for (const role of ROLES)
      for (const userId of Object.values(RELATIONS))
        expect(allowedTransferActions({ userId, role }, facts("completed", "plain"), kind)).toEqual(
          [],
        );
  });
});

describe("the alignment step (a follow-the-sun handover to a queue)", () => {
  const kind = { approverRoles: ["shift_lead" as const], guards: [] as GuardId[] };
  const aligning: TransferFacts = {
    ...facts("steps", "plain"),
    targetAgentId: null,
    requiredSteps: ["notes_updated", "handover_aligned"],
    steps: done("notes_updated"),
  };
  const sme = (region: string) => ({ region, handoverSme: true });

  it.each([
    ["the owner who hands over", OWNER, undefined, true],
    ["a handover SME of the receiving region", BYSTANDER, sme("EMEA"), true],
    ["a handover SME of another region", BYSTANDER, sme("APAC"), false],
    [
      "an agent of the receiving region who is no SME",
      BYSTANDER,
      { region: "EMEA", handoverSme: false },
      false,
    ],
    ["the requester, when someone else owned the case", REQUESTER, undefined, false],
  ] as const)("%s → %s", (_, userId, member, expected) => {
    const verdict = transferAbilities({ userId, role: "agent", member }, aligning, kind)[
      "step:handover_aligned"
    ];
    expect(verdict.ok).toBe(expected);
    expect(verdict.ok ? null : verdict.message).toBe(
      expected
        ? null
        : "Only the case owner or a handover SME of EMEA records that the hand-off was aligned in the handover meeting",
    );
  });
});
