import { z } from "zod";

/** The criteria of a handoff's quality score (docs/analytics.md), in the order they are shown. */
export const SCORE_CRITERIA = [
  "template",
  "order",
  "customerTold",
  "firstResponse",
  "noBounce",
  "noReopen",
] as const;
export type ScoreCriterion = (typeof SCORE_CRITERIA)[number];

const weight = z.number().min(0, "must be 0 or more").max(1000);

const weightsSchema = z
  .strictObject({
    template: weight.default(15).describe("Handover template filled in"),
    order: weight.default(15).describe("Required steps done, in the policy's order"),
    customerTold: weight.default(20).describe("The customer was told of the handoff"),
    firstResponse: weight
      .default(20)
      .describe("The receiver answered the customer within the target after taking the case"),
    noBounce: weight.default(15).describe("The case did not come back to the sender"),
    noReopen: weight.default(15).describe("The customer did not reopen the case afterwards"),
  })
  .refine(
    (w) => SCORE_CRITERIA.reduce((sum, c) => sum + w[c], 0) > 0,
    "must not all be 0: the score divides by their sum",
  );

/**
 * Handoff analytics (issue 18): how each transfer's quality score weighs its criteria and the
 * periods that decide them. Weights are relative: a score is the weighted share met, out of 100.
 */
export const analyticsSchema = z.strictObject({
  weights: weightsSchema.default({
    template: 15,
    order: 15,
    customerTold: 20,
    firstResponse: 20,
    noBounce: 15,
    noReopen: 15,
  }),
  firstResponseTargetMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 14)
    .default(60)
    .describe(
      "Minutes after a handoff the receiver has to answer the customer for full points; none at twice that",
    ),
  bounceBackHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(72)
    .describe("A transfer back to the sender within these hours counts as a bounce"),
  reopenHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(168)
    .describe("A reopen within these hours after a handoff counts against it"),
  slaWindowHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24)
    .describe("SLA breaches within these hours after a handoff are counted as after it"),
  pingPongLimit: z
    .number()
    .int()
    .min(1)
    .max(50)
    .default(3)
    .describe("Handoffs of one case within pingPongHours above which it counts as ping-pong"),
  pingPongHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(72)
    .describe("The period pingPongLimit counts handoffs in"),
});

export type AnalyticsPolicy = z.infer<typeof analyticsSchema>;
export type ScoreWeights = AnalyticsPolicy["weights"];

export const DEFAULT_ANALYTICS: AnalyticsPolicy = {
  weights: {
    template: 15,
    order: 15,
    customerTold: 20,
    firstResponse: 20,
    noBounce: 15,
    noReopen: 15,
  },
  firstResponseTargetMinutes: 60,
  bounceBackHours: 72,
  reopenHours: 168,
  slaWindowHours: 24,
  pingPongLimit: 3,
  pingPongHours: 72,
};
