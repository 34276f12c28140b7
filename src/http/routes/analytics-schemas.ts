import { z } from "zod";
import { SCORE_CRITERIA } from "../../domain/analytics/policy.ts";

// What the handoff analytics route answers; the web app's types are these.

const counts = {
  total: z.number().int(),
  completed: z.number().int(),
  declined: z.number().int(),
  rejected: z.number().int(),
  withdrawn: z.number().int(),
  expired: z.number().int(),
};
const outcomeTally = z.object({
  key: z.string().describe("The kind, region pair (APAC → EMEA), queue pair or ISO week"),
  ...counts,
});
const stepTime = z.object({
  step: z
    .enum(["approval", "acceptance", "customerTold", "completion", "firstResponse", "idleCarried"])
    .describe(
      "Minutes from the request to approval, acceptance, customer told and completion; from completion to the receiver's first reply (firstResponse); and idleCarried, how long the case had gone unworked when it changed hands (a transfer does not reset the idle clock)",
    ),
  transfers: z.number().int().describe("Completed transfers that had this step"),
  medianMinutes: z
    .number()
    .nullable()
    .describe(
      "Of the step's minutes rounded as docs/analytics.md says (to the minute under an hour)",
    ),
  p90Minutes: z.number().nullable(),
});
const scoreTally = z.object({
  key: z.string(),
  scored: z.number().int(),
  average: z.number().nullable().describe("Mean score to one decimal"),
  bounced: z.number().int(),
});
const named = z.object({ code: z.string(), name: z.string() });

const sunTally = z.object({
  fromRegion: z.string().nullable(),
  toRegion: z.string().nullable(),
  handedOver: z.number().int(),
  missed: z.number().int(),
  missedShare: z.number().nullable().describe("missed ÷ (handed over + missed)"),
});

export const handoffCriterion = z.object({
  criterion: z.enum(SCORE_CRITERIA),
  weight: z.number(),
  met: z.number().describe("Share met, 0…1"),
  points: z.number().describe("Points of the 100 this criterion gave"),
  max: z.number().describe("Points it could give"),
  pending: z.boolean().describe("Its window is open: counted as met for now"),
  reason: z.string().describe("Why, in English"),
  because: z
    .object({
      code: z.string(),
      values: z.record(z.string(), z.union([z.string(), z.number()])),
    })
    .optional()
    .describe(
      "The reason as a code and its figures (minutes, hours, counts, a step id), for a reader's language; absent on facts refreshed before Baton kept it (docs/analytics.md)",
    ),
});

export const handoffAnalyticsAnswer = z.object({
  workspace: z.string(),
  range: z.object({
    from: z.string().describe("First day counted, YYYY-MM-DD"),
    to: z.string().describe("Last day counted, YYYY-MM-DD"),
    zone: z.string().describe("The zone days and weeks are read in: the first region's"),
  }),
  scope: z
    .object({
      scope: z.enum(["workspace", "team", "own"]),
      queues: z.array(z.string()).describe("The team's queues when the scope is team"),
      role: z.string().nullable(),
    })
    .describe("Whose handoffs these figures cover, as the authorization decided"),
  filters: z.object({
    queue: z.string().nullable(),
    region: z.string().nullable(),
    kind: z.string().nullable(),
  }),
  policy: z
    .object({
      weights: z.record(z.string(), z.number()),
      firstResponseTargetMinutes: z.number(),
      bounceBackHours: z.number(),
      reopenHours: z.number(),
      slaWindowHours: z.number(),
      pingPongLimit: z.number(),
      pingPongHours: z.number(),
    })
    .describe("The policy's analytics settings the figures were judged by"),
  transfers: z.object({
    totals: z.object(counts),
    byKind: z.array(outcomeTally),
    byRegionPair: z.array(outcomeTally),
    byQueuePair: z.array(outcomeTally),
    byWeek: z
      .array(outcomeTally)
      .describe("Every ISO week the range touches, in order, weeks without a handoff at nought"),
  }),
  steps: z
    .object({
      overall: z.array(stepTime),
      byKind: z.array(z.object({ kind: z.string(), steps: z.array(stepTime) })),
    })
    .describe("Minutes from the request to each step, and from completion to the first reply"),
  pingPong: z.object({
    limit: z.number().int(),
    hours: z.number().int(),
    cases: z.array(
      z.object({
        caseNumber: z.number().int(),
        subject: z.string(),
        handoffs: z.number().int().describe("Most completed handoffs within the period"),
        lastAt: z.string(),
      }),
    ),
    pairs: z
      .array(
        z.object({
          fromId: z.string().nullable(),
          from: z.string().nullable(),
          toId: z.string().nullable(),
          to: z.string().nullable(),
          transfers: z.number().int(),
          bounced: z.number().int(),
        }),
      )
      .describe("Who handed cases to whom that came back to the sender"),
  }),
  followTheSun: z.object({
    handedOver: z.array(
      z.object({
        fromRegion: z.string().nullable(),
        toRegion: z.string().nullable(),
        handovers: z.number().int(),
      }),
    ),
    missed: z
      .array(z.object({ region: z.string().nullable(), missed: z.number().int() }))
      .describe("Missed handovers by the region of the case's owner"),
    pairs: z
      .array(sunTally)
      .describe("Handed over on time and missed per region pair, the worst share of misses first"),
    meetings: z
      .array(
        sunTally.extend({
          meeting: z.string().describe("The meeting series: one pair's meeting each working day"),
          title: z.string(),
        }),
      )
      .describe(
        "Handed over and missed per handover meeting (the pair's meeting nearest the handoff or shift end)",
      ),
  }),
  sla: z.object({
    windowHours: z.number().int(),
    byKind: z.array(
      z.object({
        kind: z.string(),
        handoffs: z.number().int(),
        breachedAfter: z.number().int(),
        notBreached: z.number().int(),
        share: z.number().nullable(),
      }),
    ),
  }),
  scores: z.object({
    overall: scoreTally,
    byQueue: z.array(scoreTally).describe("By the sending team's queue, lowest first"),
    byKind: z.array(scoreTally).describe("Lowest first"),
  }),
  lowest: z
    .array(
      z.object({
        transferId: z.string(),
        caseNumber: z.number().int(),
        subject: z.string(),
        kind: z.string(),
        day: z.string(),
        from: z.string().nullable(),
        to: z.string().nullable(),
        fromQueue: z.string(),
        toQueue: z.string().nullable(),
        score: z.number().int(),
        final: z.boolean(),
        criteria: z.array(handoffCriterion),
      }),
    )
    .describe("The lowest-scoring transfers, each criterion with its points and reason"),
  capacity: z.object({
    byQueue: z.array(z.object({ day: z.string(), queue: z.string(), openCases: z.number().int() })),
    byAgent: z.array(
      z.object({
        day: z.string(),
        agentId: z.string(),
        name: z.string().nullable(),
        queue: z.string(),
        openCases: z.number().int(),
      }),
    ),
  }),
  choices: z.object({
    queues: z.array(named),
    regions: z.array(named),
    kinds: z.array(named),
  }),
  refreshedAt: z.string().nullable().describe("When the figures were last brought up to date"),
  generatedAt: z.string(),
});

export type HandoffAnalyticsAnswer = z.infer<typeof handoffAnalyticsAnswer>;
