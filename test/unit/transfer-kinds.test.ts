import { describe, expect, it } from "vitest";
import { parsePolicy, permissionsOf } from "../../src/domain/policy/parse.ts";
import type { Policy, PolicyInput } from "../../src/domain/policy/schema.ts";
import {
  GUARD_IDS,
  TRANSFER_STEPS,
  type TransferKind,
} from "../../src/domain/transfer/kind-schema.ts";
import { followTheSunPreset } from "../../src/presets/follow-the-sun.ts";
import { PRESET_SLUGS, type PresetSlug, presets } from "../../src/presets/index.ts";
import { psEscalationPreset } from "../../src/presets/ps-escalation.ts";
import { regionalCsePreset } from "../../src/presets/regional-cse.ts";

/** The placeholders artifacts may use (filled by the transfer engine). */
const PLACEHOLDERS = ["region", "plan", "severity", "number", "skill", "desk", "subject", "queue"];

function kindOf(slug: PresetSlug, code: string): TransferKind {
  const kind = presets[slug].transferKinds.find((k) => k.code === code);
  if (!kind) throw new Error(`${slug} has no transfer kind ${code}`);
  return kind;
}

const codes = (slug: PresetSlug) => presets[slug].transferKinds.map((k) => k.code);

/** Kinds a case in this queue (with or without 24x7) is offered, by fromQueues and only24x7. */
function offered(policy: Policy, queue: string, is24x7: boolean): string[] {
  return policy.transferKinds
    .filter((k) => k.fromQueues.length === 0 || k.fromQueues.includes(queue))
    .filter((k) => k.only24x7 === undefined || k.only24x7 === is24x7)
    .map((k) => k.code);
}

/** Queues a queue-target of this kind may be. */
function reachableQueues(policy: Policy, kind: TransferKind): string[] {
  if (!kind.targets.includes("queue")) return [];
  return kind.toQueues.length ? kind.toQueues : policy.queues.map((q) => q.code);
}

function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
}

function render(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? `{${key}}`);
}

describe("every preset's transfer kinds", () => {
  describe.each(PRESET_SLUGS)("%s", (slug) => {
    const policy = presets[slug];
    const queues = new Set(policy.queues.map((q) => q.code));
    const roles = new Set(policy.roles.map((r) => r.id));

    it("parses and has at least two kinds with unique codes", () => {
      expect(policy.transferKinds.length).toBeGreaterThanOrEqual(2);
      expect(new Set(codes(slug)).size).toBe(policy.transferKinds.length);
      for (const kind of policy.transferKinds)
        expect(kind.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    });

    it.each(policy.transferKinds.map((k) => [k.code, k] as const))(
      "%s: references exist",
      (_, kind) => {
        for (const q of [...kind.fromQueues, ...kind.toQueues]) expect(queues.has(q), q).toBe(true);
        for (const r of kind.approverRoles) expect(roles.has(r), r).toBe(true);
        for (const g of kind.guards) expect(GUARD_IDS).toContain(g);
        expect(new Set(kind.guards).size, "a guard listed twice").toBe(kind.guards.length);
        expect(
          kind.toQueues.length === 0 || kind.targets.includes("queue"),
          "toQueues ⇒ queue",
        ).toBe(true);
      },
    );

    it.each(policy.transferKinds.map((k) => [k.code, k] as const))("%s: is coherent", (_, kind) => {
      // Steps keep the must-do order of S0.3 (notes, approval, receiver, customer).
      const order = kind.steps.map((s) => TRANSFER_STEPS.indexOf(s));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(
        !kind.steps.includes("approval") || kind.approverRoles.length > 0,
        "approval ⇒ approvers",
      ).toBe(true);
      // Settings a guard reads are present exactly when the guard is on.
      expect(kind.pingPong !== undefined, "pingPong ⇔ ping-pong").toBe(
        kind.guards.includes("ping-pong"),
      );
      expect(kind.idleWarningHours !== undefined, "idleWarningHours ⇔ idle-warning").toBe(
        kind.guards.includes("idle-warning"),
      );
      if (kind.pingPong?.action === "require_approval")
        expect(kind.approverRoles.length, "someone must approve").toBeGreaterThan(0);
      // A receiver who must accept is a named agent, and does not keep the case waiting forever.
      const accepts =
        kind.steps.includes("receiver_acceptance") || kind.guards.includes("receiver-must-agree");
      if (accepts) {
        expect(kind.targets).toContain("agent");
        expect(kind.acceptance.timeoutMinutes).toBeGreaterThanOrEqual(120);
        expect(kind.acceptance.timeoutMinutes).toBeLessThanOrEqual(480);
      }
      if (kind.acceptance.onTimeout === "back_to_approver")
        expect(kind.approverRoles.length).toBeGreaterThan(0);
      if (kind.guards.includes("decline-needs-approval")) {
        expect(accepts).toBe(true);
        expect(kind.approverRoles.length).toBeGreaterThan(0);
      }
      if (kind.guards.includes("receiver-available") || kind.guards.includes("receiver-must-agree"))
        expect(kind.targets).toContain("agent");
      // The approver picks the agent, so an approver must be able to assign.
      if (kind.guards.includes("only-assigners-pick-agents")) {
        expect(kind.targets).toContain("agent");
        expect(kind.steps).toContain("approval");
        for (const r of kind.approverRoles)
          expect(permissionsOf(policy, r).has("case.assign"), r).toBe(true);
      }
      if (kind.guards.includes("no-back-to-queue-for-leave")) {
        expect(kind.targets).toContain("queue");
        expect(
          kind.reasons.some((r) => r.isLeave),
          "a leave reason to refuse",
        ).toBe(true);
      }
      expect(
        !kind.guards.includes("confirm-next-shift-needed") || kind.only24x7 === true,
        "confirm-next-shift-needed ⇒ only24x7",
      ).toBe(true);
      if (kind.guards.includes("development-only-via-triage"))
        expect(policy.guardOptions.developmentQueues.length).toBeGreaterThan(0);
      if (kind.guards.includes("triage-ready"))
        expect(policy.guardOptions.triageQueue).toBeDefined();
      // Templates: choices only on choice fields; artifacts only use known placeholders.
      for (const f of kind.template)
        expect(
          f.kind === "choice" || f.choices === undefined,
          `${f.key}: choices only on choice`,
        ).toBe(true);
      const { dispatchSubject, dispatchDesk, titlePrefix, channelEntry } = kind.artifacts;
      for (const text of [dispatchSubject, titlePrefix, channelEntry, dispatchDesk]) {
        for (const p of placeholdersIn(text ?? "")) expect(PLACEHOLDERS, `{${p}}`).toContain(p);
      }
      expect(
        !dispatchSubject?.includes("{desk}") || Boolean(dispatchDesk),
        "{desk} ⇒ dispatchDesk",
      ).toBe(true);
      expect(placeholdersIn(dispatchDesk ?? "")).toEqual([]);
    });
  });

  it("S2.5 every kind that can reach a development queue carries development-only-via-triage", () => {
    for (const slug of PRESET_SLUGS) {
      const policy = presets[slug];
      const development = new Set(policy.guardOptions.developmentQueues);
      for (const kind of policy.transferKinds) {
        if (reachableQueues(policy, kind).some((q) => development.has(q)))
          expect(kind.guards, `${slug}/${kind.code}`).toContain("development-only-via-triage");
      }
    }
  });
});

describe("regional-cse (000)", () => {
  const within = kindOf("regional-cse", "within-region");
  const between = kindOf("regional-cse", "between-regions");

  it("has within-region and between-regions", () => {
    expect(codes("regional-cse")).toEqual(["within-region", "between-regions"]);
  });

  it("S0.1 within-region goes to an agent in the same region for the three reasons", () => {
    expect(within.targets).toEqual(["agent"]);
    expect(within.region).toBe("same");
    expect(within.reasons.map((r) => r.label)).toEqual([
      expect.stringMatching(/extended time off/i),
      expect.stringMatching(/couple of days.*urgent/i),
      expect.stringMatching(/subject-matter expert/i),
    ]);
    expect(within.reasons.filter((r) => r.isLeave).map((r) => r.code)).toEqual([
      "extended-time-off",
      "out-with-urgent-case",
    ]);
  });

  it("S0.2 between-regions goes to another region's engineer or queue for the two reasons", () => {
    expect(between.targets).toEqual(["agent", "queue"]);
    expect(between.region).toBe("other");
    const regionOf = new Map(presets["regional-cse"].queues.map((q) => [q.code, q.region]));
    expect(new Set(between.toQueues.map((q) => regionOf.get(q)))).toEqual(
      new Set(["APAC", "IST", "EMEA", "US"]),
    );
    expect(between.reasons.map((r) => r.label)).toEqual([
      expect.stringMatching(/continual support/i),
      expect.stringMatching(/time zone/i),
    ]);
  });

  it("S0.3 within-region and between-regions steps in order, approved by the supervisor", () => {
    for (const kind of [within, between]) {
      expect(kind.steps).toEqual([
        "notes_updated",
        "approval",
        "receiver_acceptance",
        "customer_notified",
      ]);
      expect(kind.approverRoles).toEqual(["supervisor"]);
    }
  });

  it("S0.4 the PASS TO … NEXT CUSTOMER CONTACT template, all required, pre-filled", () => {
    for (const kind of [within, between]) {
      expect(kind.template.map((f) => f.label)).toEqual([
        "PASS TO",
        "REASON",
        "ISSUE",
        "STEPS TRIED",
        "NEXT STEPS",
        "NEXT CUSTOMER CONTACT",
      ]);
      expect(kind.template.every((f) => f.required)).toBe(true);
      const byKey = Object.fromEntries(kind.template.map((f) => [f.key, f]));
      expect(byKey.pass_to?.prefill).toBe("target_region");
      expect(byKey.next_customer_contact?.prefill).toBe("customer_time_zone");
      expect(byKey.reason?.help).toMatch(/language skill/i);
    }
  });

  it("S0.5 a receiver (a supervisor too) must agree; no answer goes back to the supervisor", () => {
    for (const kind of [within, between]) {
      expect(kind.guards).toEqual(
        expect.arrayContaining([
          "receiver-must-agree",
          "receiver-available",
          "idle-warning",
          "ping-pong",
        ]),
      );
      expect(kind.acceptance.onTimeout).toBe("back_to_approver");
      expect(kind.pingPong?.action).toBe("warn");
    }
  });

  it("the two kinds do not share template objects (editing one cannot change the other)", () => {
    const input = regionalCsePreset.transferKinds!;
    expect(input[0]!.template).not.toBe(input[1]!.template);
    expect(input[0]!.steps).not.toBe(input[1]!.steps);
    expect(input[0]!.guards).not.toBe(input[1]!.guards);
  });
});

describe("follow-the-sun (001)", () => {
  const policy = presets["follow-the-sun"];
  const fts = kindOf("follow-the-sun", "fts-24x7");
  const local = kindOf("follow-the-sun", "local-region");
  const leave = kindOf("follow-the-sun", "planned-leave");

  it("has no guard options and three kinds", () => {
    expect(policy.guardOptions).toEqual({ developmentQueues: [] });
    expect(codes("follow-the-sun")).toEqual(["fts-24x7", "local-region", "planned-leave"]);
  });

  it("S1.1 fts-24x7 applies to in-depth only, never to ARR", () => {
    expect(fts.fromQueues).toEqual(["in-depth"]);
    expect(offered(policy, "arr", true)).toEqual([]);
    expect(offered(policy, "arr", false)).toEqual([]);
    expect(offered(policy, "in-depth", true)).toEqual(["fts-24x7", "planned-leave"]);
    expect(offered(policy, "in-depth", false)).toEqual(["local-region", "planned-leave"]);
  });

  it("S1.2 fts-24x7 sends a 24x7 case back to in-depth for another region after the note", () => {
    expect(fts.only24x7).toBe(true);
    expect(fts.targets).toEqual(["queue"]);
    expect(fts.toQueues).toEqual(["in-depth"]);
    expect(fts.region).toBe("other");
    expect(fts.steps).toEqual(["notes_updated"]);
  });

  it("S1.2 dispatch subject placeholders, title prefix and channel entry", () => {
    const values = {
      region: "EMEA",
      plan: policy.plans.find((p) => p.code === "premier")!.name,
      severity: policy.severities.find((s) => s.code === "A")!.name,
      number: "2611230001",
      skill: policy.products.find((p) => p.code === "spark")!.skill,
      desk: fts.artifacts.dispatchDesk!,
      subject: "Jobs fail after upgrade",
    };
    expect(render(fts.artifacts.titlePrefix!, values)).toBe("Need EMEA SE");
    expect(render(fts.artifacts.dispatchSubject!, values)).toBe(
      "Data Platform Dispatch, please reassign Prem Sev A 2611230001 to EMEA SE - Skill: spark",
    );
    expect(render(fts.artifacts.channelEntry!, values)).toBe(
      "Case 2611230001 (Prem Sev A, spark) needs an SE in EMEA: Jobs fail after upgrade",
    );
  });

  it("S1.3 local-region: non-24x7, same artifacts, notes only (no meeting)", () => {
    expect(local.only24x7).toBe(false);
    expect(local.fromQueues).toEqual(["in-depth"]);
    expect(local.targets).toEqual(["queue"]);
    expect(local.toQueues).toEqual(["in-depth"]);
    expect(local.steps).toEqual(["notes_updated"]);
    expect(local.artifacts).toEqual(fts.artifacts);
    expect(local.guards).not.toContain("confirm-next-shift-needed");
  });

  it("S1.4 the Summary … checklist template with pre-filled partner ticket and incident ID", () => {
    for (const kind of [fts, local]) {
      const byKey = Object.fromEntries(kind.template.map((f) => [f.key, f]));
      expect(kind.template.map((f) => f.label).slice(0, 5)).toEqual([
        "Summary",
        "Next vendor action",
        "Next customer action",
        "Partner ticket",
        "Handoff notes",
      ]);
      expect(byKey.partner_ticket?.prefill).toBe("partner_ticket");
      expect(byKey.incident_id?.prefill).toBe("incident_id");
      for (const key of ["customer_reachable", "waiting_for_rca", "accepts_english"])
        expect(byKey[key]).toMatchObject({ kind: "yesno", required: true });
      expect(byKey.pending_on).toMatchObject({
        kind: "choice",
        choices: ["Product group", "Support", "Customer"],
        required: true,
      });
      expect(byKey.critical_situation_reason).toMatchObject({ kind: "text", required: false });
    }
  });

  it("S1.5 fts-24x7 asks to confirm the next shift is needed and warns on idling", () => {
    expect(fts.guards).toContain("confirm-next-shift-needed");
    expect(fts.guards).toContain("idle-warning");
    expect(fts.idleWarningHours).toBe(4);
    expect(fts.pingPong?.action).toBe("warn");
  });

  it("S1.6 no back-to-queue while awaiting confirmation or for leave", () => {
    for (const kind of [fts, local]) {
      expect(kind.guards).toEqual(
        expect.arrayContaining([
          "not-awaiting-customer-confirmation",
          "no-back-to-queue-for-leave",
        ]),
      );
      expect(kind.reasons.filter((r) => r.isLeave).map((r) => r.code)).toEqual(["owner-on-leave"]);
    }
  });

  it("S1.6 planned-leave: an in-region backup who may decline only with TA or manager approval", () => {
    expect(leave.targets).toEqual(["agent"]);
    expect(leave.region).toBe("same");
    expect(leave.reasons.every((r) => r.isLeave)).toBe(true);
    expect(leave.steps).toEqual(["notes_updated", "receiver_acceptance"]);
    expect(leave.guards).toEqual(
      expect.arrayContaining([
        "receiver-must-agree",
        "receiver-available",
        "decline-needs-approval",
      ]),
    );
    expect(leave.approverRoles).toEqual(["shift_lead", "supervisor"]);
    expect(policy.roles.find((r) => r.id === "shift_lead")?.name).toBe("Technical advisor");
    expect(leave.acceptance).toEqual({ timeoutMinutes: 240, onTimeout: "back_to_approver" });
    expect(leave.template.map((f) => f.key)).toContain("out_of_office_set");
  });

  it("the kinds do not share template objects", () => {
    const input = followTheSunPreset.transferKinds!;
    expect(input[0]!.template).not.toBe(input[1]!.template);
    expect(input[0]!.template![0]).not.toBe(input[1]!.template![0]);
    expect(input[0]!.artifacts).not.toBe(input[1]!.artifacts);
  });
});

describe("ps-escalation (002)", () => {
  const policy = presets["ps-escalation"];
  const toTriage = kindOf("ps-escalation", "to-triage");
  const toDevelopment = kindOf("ps-escalation", "triage-to-development");
  const toQueue = kindOf("ps-escalation", "to-queue");

  it("S2.5 guard options name triage and development", () => {
    expect(policy.guardOptions).toEqual({
      triageQueue: "triage",
      developmentQueues: ["development"],
    });
  });

  it("S2.5 to-triage needs Steps to Reproduce and the product (triage-ready)", () => {
    expect(toTriage.targets).toEqual(["queue"]);
    expect(toTriage.toQueues).toEqual(["triage"]);
    expect(toTriage.guards).toEqual(["triage-ready"]);
    expect(toTriage.steps).toEqual(["notes_updated"]);
    const byKey = Object.fromEntries(toTriage.template.map((f) => [f.key, f]));
    expect(byKey.steps_to_reproduce).toMatchObject({
      required: true,
      prefill: "steps_to_reproduce",
    });
    expect(byKey.product).toMatchObject({ required: true, prefill: "product" });
    expect(toTriage.reasons.map((r) => r.code)).toEqual(["product-defect", "needs-development"]);
  });

  it("S2.5 triage-to-development: from triage only, approved by triage, customer told", () => {
    expect(toDevelopment.fromQueues).toEqual(["triage"]);
    expect(toDevelopment.toQueues).toEqual(["development"]);
    expect(toDevelopment.approverRoles).toEqual(["triage"]);
    expect(toDevelopment.steps).toEqual(["notes_updated", "approval", "customer_notified"]);
    expect(toDevelopment.guards).toContain("development-only-via-triage");
  });

  it("S2.5 development only via triage: no direct kind, and the generic kind carries the guard", () => {
    expect(codes("ps-escalation")).not.toContain("direct-to-development");
    const direct = policy.transferKinds.filter(
      (k) => k.toQueues.includes("development") && !k.fromQueues.includes("triage"),
    );
    expect(direct).toEqual([]);
    expect(toQueue.targets).toEqual(["queue"]);
    expect(toQueue.toQueues).toEqual([]);
    expect(toQueue.guards).toContain("development-only-via-triage");
    expect(toQueue.guards).toContain("triage-ready");
    expect(offered(policy, "support-l1", false)).toEqual(["to-triage", "to-queue"]);
    expect(offered(policy, "triage", false)).toEqual([
      "to-triage",
      "triage-to-development",
      "to-queue",
    ]);
  });
});

describe("helpdesk-transfer (003)", () => {
  const transfer = kindOf("helpdesk-transfer", "transfer");
  const escalate = kindOf("helpdesk-transfer", "escalate-to-l2");

  it("S3.1 transfer to an agent, a group or another installation, for L1→L2 or sales→support", () => {
    expect(transfer.targets).toEqual(["agent", "queue", "workspace"]);
    expect(transfer.reasons.map((r) => r.code)).toEqual([
      "escalate-to-l2",
      "wrong-department",
      "other",
    ]);
    expect(transfer.reasons.find((r) => r.code === "other")?.requiresText).toBe(true);
    expect(transfer.reasons.find((r) => r.code === "wrong-department")?.label).toMatch(
      /sales to support/,
    );
  });

  it("S3.3 immediate, with an optional comment, the receiver available, status Active", () => {
    for (const kind of [transfer, escalate]) {
      expect(kind.steps).toEqual([]);
      expect(kind.template).toEqual([expect.objectContaining({ key: "comment", required: false })]);
      expect(kind.guards).toEqual(["receiver-available"]);
      expect(kind.newStatus).toBe("active");
    }
  });

  it("S3.1 escalate-to-l2 goes from level 1 to level 2 (group or agent)", () => {
    expect(escalate.fromQueues).toEqual(["l1-support"]);
    expect(escalate.toQueues).toEqual(["l2-support"]);
    expect([...escalate.targets].sort()).toEqual(["agent", "queue"]);
    expect(offered(presets["helpdesk-transfer"], "sales", false)).toEqual(["transfer"]);
  });

  it("S3.5 a transfer restarts the response clock", () => {
    expect(transfer.resetsResponseClock).toBe(true);
    expect(escalate.resetsResponseClock).toBe(true);
  });
});

describe("shift-lead (004)", () => {
  const policy = presets["shift-lead"];
  const handoff = kindOf("shift-lead", "handoff-request");
  const leave = kindOf("shift-lead", "planned-leave");

  it("S4.7 handoff-request needs the shift lead's approval, who alone picks the agent", () => {
    expect([...handoff.targets].sort()).toEqual(["agent", "queue"]);
    expect(handoff.steps).toEqual(["notes_updated", "approval"]);
    expect(handoff.approverRoles).toEqual(["shift_lead"]);
    expect(handoff.guards).toEqual(
      expect.arrayContaining(["only-assigners-pick-agents", "receiver-available", "ping-pong"]),
    );
    expect(permissionsOf(policy, "agent").has("case.assign")).toBe(false);
    expect(permissionsOf(policy, "shift_lead").has("case.assign")).toBe(true);
  });

  it("S4.7 a case that keeps changing hands needs the shift lead (2 in 72 hours)", () => {
    expect(handoff.pingPong).toEqual({
      maxHandoffs: 2,
      periodHours: 72,
      action: "require_approval",
    });
  });

  it("S4.4/S4.5 planned-leave lists the items, the validation done and the follow-ups", () => {
    expect(leave.reasons.map((r) => [r.code, r.isLeave])).toEqual([
      ["leave-day", true],
      ["leave-week", true],
    ]);
    expect([...leave.targets].sort()).toEqual(["agent", "queue"]);
    expect(leave.approverRoles).toEqual(["shift_lead"]);
    expect(leave.steps).toEqual(["notes_updated", "approval", "customer_notified"]);
    const required = leave.template.filter((f) => f.required).map((f) => f.key);
    expect(required).toEqual(
      expect.arrayContaining(["handed_off_items", "validation_done", "follow_ups"]),
    );
  });

  it("S4.4 the shift lead takes the bin back: a leave hand-off to the queue is allowed", () => {
    expect(leave.guards).toEqual(
      expect.arrayContaining(["only-assigners-pick-agents", "receiver-available"]),
    );
    expect(leave.guards).not.toContain("no-back-to-queue-for-leave");
  });

  it("S4.11 call diversion is part of the leave checklist", () => {
    expect(leave.template.find((f) => f.key === "call_diversion_set")).toMatchObject({
      kind: "yesno",
      required: true,
    });
  });
});

describe("the schema rejects broken transfer kinds and names the field", () => {
  type KindInput = NonNullable<PolicyInput["transferKinds"]>[number];

  const broken = (base: PolicyInput, edit: (kinds: KindInput[], p: PolicyInput) => void) => {
    const copy = structuredClone(base);
    edit(copy.transferKinds!, copy);
    const result = parsePolicy(copy);
    if (result.ok) throw new Error("expected the policy to be rejected");
    return result.issues;
  };
  const fields = (issues: { field: string }[]) => issues.map((i) => i.field);

  it("an approval step without approverRoles", () => {
    const issues = broken(regionalCsePreset, (k) => {
      k[0]!.approverRoles = [];
    });
    expect(issues).toContainEqual({
      field: "transferKinds.0.approverRoles",
      message: expect.stringMatching(/approv/),
    });
  });

  it("an unknown queue in toQueues or fromQueues", () => {
    const issues = broken(regionalCsePreset, (k) => {
      k[1]!.toQueues = ["cse-apac", "cse-latam"];
      k[0]!.fromQueues = ["nowhere"];
    });
    expect(issues).toContainEqual({
      field: "transferKinds.1.toQueues.1",
      message: expect.stringContaining("cse-latam"),
    });
    expect(fields(issues)).toContain("transferKinds.0.fromQueues.0");
  });

  it("a kind code used twice", () => {
    const issues = broken(regionalCsePreset, (k) => {
      k[1]!.code = k[0]!.code;
    });
    expect(fields(issues)).toEqual(["transferKinds.1.code"]);
  });

  it("an unknown guard id", () => {
    const issues = broken(regionalCsePreset, (k) => {
      (k[0]!.guards as string[]).push("supervisor-is-happy");
    });
    const added = regionalCsePreset.transferKinds![0]!.guards!.length;
    expect(fields(issues)).toEqual([`transferKinds.0.guards.${added}`]);
  });

  it("an approver role the policy does not define", () => {
    const issues = broken(regionalCsePreset, (_, p) => {
      p.roles = p.roles.filter((r) => r.id !== "supervisor");
    });
    expect(fields(issues)).toEqual([
      "directAssignment.roles.0",
      "transferKinds.0.approverRoles.0",
      "transferKinds.1.approverRoles.0",
      "sla.breachRoles.0",
      "handover.escalation.0.role",
    ]);
  });

  it("a step listed twice, a template key twice, a reason code twice, a choice without choices", () => {
    const issues = broken(followTheSunPreset, (k) => {
      k[0]!.steps = ["notes_updated", "notes_updated"];
      k[0]!.template![1]!.key = k[0]!.template![0]!.key;
      k[0]!.reasons[1]!.code = k[0]!.reasons[0]!.code;
      const pending = k[0]!.template!.findIndex((f) => f.key === "pending_on");
      delete k[0]!.template![pending]!.choices;
    });
    const pending = followTheSunPreset.transferKinds![0]!.template!.findIndex(
      (f) => f.key === "pending_on",
    );
    expect(fields(issues).sort()).toEqual(
      [
        "transferKinds.0.steps",
        "transferKinds.0.template.1.key",
        "transferKinds.0.reasons.1.code",
        `transferKinds.0.template.${pending}.choices`,
      ].sort(),
    );
  });

  it("an unknown target type, region rule or prefill source", () => {
    const issues = broken(regionalCsePreset, (k) => {
      (k[0]!.targets as string[]).push("supervisor");
      (k[0] as { region: string }).region = "nearby";
      (k[0]!.template![0] as { prefill: string }).prefill = "crystal_ball";
    });
    expect(fields(issues).sort()).toEqual(
      [
        "transferKinds.0.targets.1",
        "transferKinds.0.region",
        "transferKinds.0.template.0.prefill",
      ].sort(),
    );
  });

  it("an unknown triage queue in the guard options", () => {
    const issues = broken(psEscalationPreset, (_, p) => {
      p.guardOptions = { triageQueue: "qa", developmentQueues: ["development"] };
    });
    expect(fields(issues)).toEqual(["guardOptions.triageQueue"]);
  });

  it("an unknown key in a kind", () => {
    const issues = broken(regionalCsePreset, (k) => {
      (k[0] as Record<string, unknown>).meeting = true;
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.field).toBe("transferKinds.0");
    expect(issues[0]!.message).toContain("meeting");
  });
});
