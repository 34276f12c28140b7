import { z } from "zod";
import { CASE_STATUSES } from "../case-status.ts";
import { ROLE_IDS } from "../permissions.ts";
import { code, lineText, requiredLine } from "../text.ts";

/** Steps a kind may require before the reassignment, in the order the policy lists them. */
export const TRANSFER_STEPS = [
  "notes_updated",
  "approval",
  "receiver_acceptance",
  "customer_notified",
  /** S1.2: the owner or the receiving region's handover SME aligned it in the handover meeting. */
  "handover_aligned",
] as const;
export type TransferStep = (typeof TRANSFER_STEPS)[number];

export const TARGET_TYPES = ["agent", "queue", "workspace"] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

/** Named rules written in code; a kind switches them on by id. */
export const GUARD_IDS = [
  "not-awaiting-customer-confirmation",
  "no-back-to-queue-for-leave",
  "receiver-must-agree",
  "receiver-available",
  "only-assigners-pick-agents",
  "decline-needs-approval",
  "confirm-next-shift-needed",
  "development-only-via-triage",
  "triage-ready",
  "idle-warning",
  "ping-pong",
  "next-region-on-shift",
] as const;
export type GuardId = (typeof GUARD_IDS)[number];

/** Where Baton can fill a template field from what it already knows about the case. */
export const PREFILL_SOURCES = [
  "target_region",
  "customer_time_zone",
  "customer_language",
  "partner_ticket",
  "incident_id",
  "last_notes",
  "subject",
  "description",
  "steps_to_reproduce",
  "product",
] as const;

export const templateFieldSchema = z.strictObject({
  key: code,
  label: requiredLine(120),
  help: lineText(300, 0).default(""),
  kind: z.enum(["text", "textarea", "yesno", "choice"]).default("textarea"),
  choices: z.array(requiredLine(60)).max(20).optional(),
  required: z.boolean().default(false),
  prefill: z.enum(PREFILL_SOURCES).optional(),
});

export const reasonSchema = z.strictObject({
  code,
  label: requiredLine(200),
  requiresText: z.boolean().default(false),
  /** Leave reasons are what `no-back-to-queue-for-leave` looks for (S1.6). */
  isLeave: z.boolean().default(false),
  /**
   * The customer chose the region (S1.5: "if customer prefer to work with other region
   * engineer"), so `next-region-on-shift` does not hold the hand-off to the next region.
   */
  customerChoosesRegion: z.boolean().default(false),
});

export const transferKindSchema = z
  .strictObject({
    code,
    name: requiredLine(120),
    description: lineText(1000, 0).default(""),
    /** S1.1: the kind is offered only on cases in these queues; empty means every queue. */
    fromQueues: z.array(code).max(100).default([]),
    targets: z.array(z.enum(TARGET_TYPES)).min(1).max(3),
    /** Queues a queue-target may be; empty means any queue of the workspace. */
    toQueues: z.array(code).max(100).default([]),
    /** How the receiver's region must relate to the current owner's. */
    region: z.enum(["same", "other", "any"]).default("any"),
    /** Limits the kind to cases with or without 24x7 coverage. */
    only24x7: z.boolean().optional(),
    reasons: z.array(reasonSchema).min(1).max(30),
    template: z.array(templateFieldSchema).max(30).default([]),
    steps: z.array(z.enum(TRANSFER_STEPS)).max(TRANSFER_STEPS.length).default([]),
    /**
     * S1.2: a hand-off to a queue waits until the owner or the receiving region's handover SME
     * records that it was aligned in the handover meeting (the `handover_aligned` step).
     */
    alignmentBeforeQueue: z.boolean().default(false),
    approverRoles: z.array(z.enum(ROLE_IDS)).max(ROLE_IDS.length).default([]),
    guards: z.array(z.enum(GUARD_IDS)).max(GUARD_IDS.length).default([]),
    artifacts: z
      .strictObject({
        /** e.g. "Need {region} SE" (S1.2); placed before the internal title. */
        titlePrefix: lineText(80, 0).optional(),
        /** e.g. "{desk}, please reassign {plan} {severity} {number} to {region} SE - Skill: {skill}" */
        dispatchSubject: lineText(300, 0).optional(),
        dispatchDesk: lineText(80, 0).optional(),
        /** Where the dispatch request is mailed on completion; without it none is sent. */
        dispatchMailbox: z.email().max(254).optional(),
        channelEntry: lineText(500, 0).optional(),
      })
      .default({}),
    acceptance: z
      .strictObject({
        timeoutMinutes: z
          .number()
          .int()
          .min(5)
          .max(60 * 24 * 14)
          .optional(),
        onTimeout: z.enum(["back_to_queue", "back_to_approver"]).default("back_to_queue"),
      })
      .default({ onTimeout: "back_to_queue" }),
    newStatus: z.enum(CASE_STATUSES).default("active"),
    pingPong: z
      .strictObject({
        maxHandoffs: z.number().int().min(1).max(50),
        periodHours: z
          .number()
          .int()
          .min(1)
          .max(24 * 90),
        action: z.enum(["warn", "require_approval"]),
      })
      .optional(),
    idleWarningHours: z
      .number()
      .min(0.5)
      .max(24 * 30)
      .optional(),
    /** S3.5: a transfer restarts the receiver's response clock; idle time keeps running. */
    resetsResponseClock: z.boolean().default(true),
    /**
     * Whether completing a transfer of this kind mails the customer the handoff notice. "off" for
     * kinds whose procedure has the engineer tell the customer themself (the `customer_notified`
     * step), so the customer does not hear it twice (docs/policies.md).
     */
    customerNotice: z.enum(["auto", "off"]).default("auto"),
  })
  .superRefine((k, ctx) => {
    const approval = k.steps.includes("approval");
    if (approval && k.approverRoles.length === 0)
      ctx.addIssue({
        code: "custom",
        path: ["approverRoles"],
        message: "a kind with an approval step must name the roles that approve",
      });
    if (k.pingPong?.action === "require_approval" && k.approverRoles.length === 0)
      ctx.addIssue({
        code: "custom",
        path: ["approverRoles"],
        message: "a ping-pong limit that requires approval must name the roles that approve",
      });
    if (k.alignmentBeforeQueue && !k.targets.includes("queue"))
      ctx.addIssue({
        code: "custom",
        path: ["alignmentBeforeQueue"],
        message: "applies to hand-offs to a queue, and this kind has no queue target",
      });
    if (new Set(k.steps).size !== k.steps.length)
      ctx.addIssue({ code: "custom", path: ["steps"], message: "lists a step twice" });
    const keys = new Set<string>();
    k.template.forEach((f, i) => {
      if (keys.has(f.key))
        ctx.addIssue({ code: "custom", path: ["template", i, "key"], message: "is used twice" });
      keys.add(f.key);
      if (f.kind === "choice" && !f.choices?.length)
        ctx.addIssue({
          code: "custom",
          path: ["template", i, "choices"],
          message: "a choice field needs choices",
        });
    });
    const reasons = new Set<string>();
    k.reasons.forEach((r, i) => {
      if (reasons.has(r.code))
        ctx.addIssue({ code: "custom", path: ["reasons", i, "code"], message: "is used twice" });
      reasons.add(r.code);
    });
  });

export type TransferKind = z.infer<typeof transferKindSchema>;
export type TemplateField = z.infer<typeof templateFieldSchema>;
export type Reason = z.infer<typeof reasonSchema>;
