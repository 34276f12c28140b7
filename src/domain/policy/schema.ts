import { DateTime } from "luxon";
import { z } from "zod";
import { analyticsSchema, DEFAULT_ANALYTICS } from "../analytics/policy.ts";
import { directAssignmentSchema } from "../assignment.ts";
import { callsSchema, DEFAULT_CALLS } from "../calls/policy.ts";
import { CASE_STATUSES } from "../case-status.ts";
import { childCasesSchema, DEFAULT_CHILD_CASES } from "../child-cases/policy.ts";
import { developmentSchema } from "../development/policy.ts";
import { DEFAULT_LEAVE, leaveSchema } from "../leave/policy.ts";
import { DEFAULT_OFF_QUEUE, offQueueSchema } from "../off-queue/policy.ts";
import { PERMISSIONS, ROLE_IDS } from "../permissions.ts";
import { DEFAULT_ROUTED_ROLES, DISTRIBUTIONS, SKILL_CRITERIA } from "../routing/methods.ts";
import { DEFAULT_SLA, slaSchema } from "../sla/policy.ts";
import { code, ianaZone, lineText, requiredLine } from "../text.ts";
import { DEFAULT_TRAINING, trainingSchema } from "../training/policy.ts";
import { transferKindSchema } from "../transfer/kind-schema.ts";
import { handoverIssues, handoverSchema } from "./handover.ts";

const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be a time of day HH:mm, e.g. 09:00");

const span = z
  .strictObject({ start: clock, end: clock })
  .refine((s) => s.start < s.end, "start must be before end");

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const weeklyHoursSchema = z.strictObject(
  Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(span).max(4).default([])])) as Record<
    Weekday,
    z.ZodDefault<z.ZodArray<typeof span>>
  >,
);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
  .refine((v) => DateTime.fromISO(v).isValid, "is not a real date");

const named = { code, name: requiredLine(120) };

const languageTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "must be a BCP 47 tag such as en");

export const regionSchema = z.strictObject({
  ...named,
  /** The region's name in other languages, by tag (e.g. { de: "Europa" }): customers read it. */
  names: z.record(languageTag, requiredLine(120)).optional(),
  timeZone: ianaZone,
  businessHours: weeklyHoursSchema,
  holidays: z.array(isoDate).max(400).default([]),
});

export const queueSchema = z.strictObject({
  ...named,
  description: lineText(500, 0).default(""),
  region: code.optional(),
  /** How cases reach an owner (docs/routing.md): by hand, in turn, the least loaded, by skills. */
  distribution: z.enum(DISTRIBUTIONS).default("manual"),
});

export const severitySchema = z.strictObject({
  ...named,
  description: lineText(500, 0).default(""),
  firstResponseMinutes: z.number().int().positive().max(100_000).optional(),
  updateEveryMinutes: z.number().int().positive().max(100_000).optional(),
});

export const planSchema = z.strictObject({
  ...named,
  allows24x7: z.boolean().default(false),
});

export const productSchema = z.strictObject({
  ...named,
  skill: code,
  /** S2.2: a case may name a sub-product of its product; leaving it blank is fine. */
  subProducts: z
    .array(z.strictObject(named))
    .max(100)
    .default([])
    .refine(
      (list) => new Set(list.map((s) => s.code)).size === list.length,
      "codes must be unique",
    ),
});

export const languageSchema = z.strictObject({
  code: languageTag,
  name: requiredLine(80),
});

export const roleSchema = z.strictObject({
  id: z.enum(ROLE_IDS),
  name: requiredLine(80),
  permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length),
});

export const policySchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    name: requiredLine(120),
    description: lineText(2000, 0).default(""),
    regions: z.array(regionSchema).min(1).max(50),
    queues: z.array(queueSchema).min(1).max(500),
    brands: z.array(z.strictObject(named)).min(1).max(100),
    severities: z.array(severitySchema).min(1).max(20),
    priorities: z.array(z.strictObject(named)).min(1).max(20),
    plans: z.array(planSchema).min(1).max(50),
    products: z.array(productSchema).min(1).max(500),
    languages: z.array(languageSchema).min(1).max(100),
    roles: z.array(roleSchema).min(1).max(ROLE_IDS.length),
    statusLabels: z.partialRecord(z.enum(CASE_STATUSES), requiredLine(60)).default({}),
    crossWorkspace: z
      .strictObject({ sendTo: z.boolean().default(false), receiveFrom: z.boolean().default(false) })
      .default({ sendTo: false, receiveFrom: false }),
    transferKinds: z.array(transferKindSchema).max(50).default([]),
    /** Follow the sun (S1.2, S1.5, S0.2): handover pairs, meetings, board window, escalation. */
    handover: handoverSchema,
    directAssignment: directAssignmentSchema.optional(),
    /** Routing beyond each queue's method: pulling the next case, the skills fallback. */
    routing: z
      .strictObject({
        pull: z.boolean().default(false).describe('Agents may ask for "next case for me"'),
        skillsFallback: z
          .array(z.enum(SKILL_CRITERIA))
          .max(3)
          .default(["region", "language", "skill"])
          .describe("Skills routing drops these criteria in this order when nobody matches"),
        roles: z
          .array(z.enum(ROLE_IDS))
          .max(ROLE_IDS.length)
          .default([...DEFAULT_ROUTED_ROLES])
          .describe("Roles whose members routing gives cases; leads and admins assign by hand"),
      })
      .default({
        pull: false,
        skillsFallback: ["region", "language", "skill"],
        roles: [...DEFAULT_ROUTED_ROLES],
      }),
    /** S4.6: off queue for a few hours to clear a backlog, asked of the shift lead where needed. */
    offQueue: offQueueSchema.default(DEFAULT_OFF_QUEUE),
    /** S4.4, S4.11, S1.6: planned leave, its hand-offs and what is set up before it starts. */
    leave: leaveSchema.default(DEFAULT_LEAVE),
    /** S4.3: scheduled customer calls: reminders before, missed-call flags after. */
    calls: callsSchema.default(DEFAULT_CALLS),
    /** S4.12: sessions asked of support; a long training is the shift lead's call. */
    training: trainingSchema.default(DEFAULT_TRAINING),
    /** S4.9: a new case from an existing one (a second issue), asked of the shift lead where needed. */
    childCases: childCasesSchema.default(DEFAULT_CHILD_CASES),
    /** Response, update, resolution and idle clocks: targets, calendar, pauses, alerts. */
    sla: slaSchema.default(DEFAULT_SLA),
    /** Handoff analytics (issue 18): the quality score's weights and the periods it judges in. */
    analytics: analyticsSchema.default(DEFAULT_ANALYTICS),
    /** S4.5: the team's mailbox, where a team hand-off goes by default (else to every member). */
    teamMailbox: z.email().max(254).optional(),
    /** S3.2: people working in any of these queues (groups) may not transfer cases. */
    transferExcludedGroups: z.array(code).max(100).default([]),
    /** S2.5: development's stages while it works on a case, and what the customer is told. */
    development: developmentSchema,
    /** Queue codes some guards need to know (S2.5: development only via triage). */
    guardOptions: z
      .strictObject({
        triageQueue: code.optional(),
        developmentQueues: z.array(code).max(20).default([]),
      })
      .default({ developmentQueues: [] }),
    defaults: z.strictObject({
      queue: code,
      severity: code,
      priority: code,
      plan: code,
      brand: code,
      language: z.string().min(2).max(35),
    }),
  })
  .superRefine((p, ctx) => {
    const unique = (list: { code: string }[], path: string) => {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        if (seen.has(item.code))
          ctx.addIssue({ code: "custom", path: [path, i, "code"], message: "is used twice" });
        seen.add(item.code);
      });
      return seen;
    };
    const regions = unique(p.regions, "regions");
    const queues = unique(p.queues, "queues");
    const brands = unique(p.brands, "brands");
    const severities = unique(p.severities, "severities");
    const priorities = unique(p.priorities, "priorities");
    const plans = unique(p.plans, "plans");
    unique(p.products, "products");
    const languages = unique(p.languages, "languages");
    const roles = new Set<string>();
    p.roles.forEach((r, i) => {
      if (roles.has(r.id))
        ctx.addIssue({ code: "custom", path: ["roles", i, "id"], message: "is used twice" });
      roles.add(r.id);
    });
    if (!roles.has("admin"))
      ctx.addIssue({ code: "custom", path: ["roles"], message: "must include the admin role" });
    p.transferExcludedGroups.forEach((g, i) => {
      if (!queues.has(g))
        ctx.addIssue({
          code: "custom",
          path: ["transferExcludedGroups", i],
          message: `names unknown queue ${g}`,
        });
    });
    p.directAssignment?.roles.forEach((r, i) => {
      if (!roles.has(r))
        ctx.addIssue({
          code: "custom",
          path: ["directAssignment", "roles", i],
          message: `names role ${r}, which this policy does not define`,
        });
    });
    p.queues.forEach((q, i) => {
      if (q.region && !regions.has(q.region))
        ctx.addIssue({
          code: "custom",
          path: ["queues", i, "region"],
          message: `names unknown region ${q.region}`,
        });
    });
    const refs: [keyof typeof p.defaults, Set<string>][] = [
      ["queue", queues],
      ["severity", severities],
      ["priority", priorities],
      ["plan", plans],
      ["brand", brands],
      ["language", languages],
    ];
    const kinds = new Set<string>();
    p.transferKinds.forEach((k, i) => {
      const at = (...rest: (string | number)[]) => ["transferKinds", i, ...rest];
      if (kinds.has(k.code))
        ctx.addIssue({ code: "custom", path: at("code"), message: "is used twice" });
      kinds.add(k.code);
      for (const [field, list] of [
        ["fromQueues", k.fromQueues],
        ["toQueues", k.toQueues],
      ] as const)
        list.forEach((q, j) => {
          if (!queues.has(q))
            ctx.addIssue({
              code: "custom",
              path: at(field, j),
              message: `names unknown queue ${q}`,
            });
        });
      k.approverRoles.forEach((r, j) => {
        if (!roles.has(r))
          ctx.addIssue({
            code: "custom",
            path: at("approverRoles", j),
            message: `names role ${r}, which this policy does not define`,
          });
      });
    });
    p.sla.targets.forEach((t, i) => {
      for (const [field, set] of [
        ["severity", severities],
        ["plan", plans],
      ] as const) {
        const value = t[field];
        if (value && !set.has(value))
          ctx.addIssue({
            code: "custom",
            path: ["sla", "targets", i, field],
            message: `names unknown ${field} ${value}`,
          });
      }
    });
    p.sla.breachRoles.forEach((r, i) => {
      if (!roles.has(r))
        ctx.addIssue({
          code: "custom",
          path: ["sla", "breachRoles", i],
          message: `names role ${r}, which this policy does not define`,
        });
    });
    const g = p.guardOptions;
    if (g.triageQueue && !queues.has(g.triageQueue))
      ctx.addIssue({
        code: "custom",
        path: ["guardOptions", "triageQueue"],
        message: `names unknown queue ${g.triageQueue}`,
      });
    g.developmentQueues.forEach((q, j) => {
      if (!queues.has(q))
        ctx.addIssue({
          code: "custom",
          path: ["guardOptions", "developmentQueues", j],
          message: `names unknown queue ${q}`,
        });
    });
    for (const issue of handoverIssues(p.handover, regions, roles))
      ctx.addIssue({ code: "custom", ...issue });
    for (const [key, set] of refs) {
      if (!set.has(p.defaults[key]))
        ctx.addIssue({
          code: "custom",
          path: ["defaults", key],
          message: `names unknown ${key} ${p.defaults[key]}`,
        });
    }
  });

export type Policy = z.infer<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;
export type Region = z.infer<typeof regionSchema>;
export type Queue = z.infer<typeof queueSchema>;
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;
export type { TransferKind } from "../transfer/kind-schema.ts";
export type {
  EscalationLevel,
  Handover,
  HandoverMeeting,
  HandoverPair,
} from "./handover.ts";
