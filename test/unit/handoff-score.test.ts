import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyticsSchema, DEFAULT_ANALYTICS } from "../../src/domain/analytics/policy.ts";
import { finalAfter, type ScoreInput, scoreTransfer } from "../../src/domain/analytics/score.ts";

const T0 = new Date("2026-03-02T10:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const LATER = at(60 * 24 * 30);

/** A transfer that did everything right. */
const perfect: ScoreInput = {
  completedAt: T0,
  template: { fields: 4, filled: 4 },
  requiredSteps: ["notes_updated", "approval", "customer_notified"],
  stepsDone: [
    { step: "notes_updated", at: at(-30) },
    { step: "approval", at: at(-20) },
    { step: "customer_notified", at: at(-5) },
  ],
  customerToldAt: at(-5),
  firstResponseAt: at(30),
  bouncedBackAt: null,
  reopenedAt: null,
};

describe("the handoff quality score (docs/analytics.md)", () => {
  it("gives a transfer that met every criterion 100, final once its windows closed", () => {
    const s = scoreTransfer(perfect, DEFAULT_ANALYTICS, LATER);
    expect(s.score).toBe(100);
    expect(s.final).toBe(true);
    expect(s.criteria.map((c) => [c.criterion, c.points, c.max])).toEqual([
      ["template", 15, 15],
      ["order", 15, 15],
      ["customerTold", 20, 20],
      ["firstResponse", 20, 20],
      ["noBounce", 15, 15],
      ["noReopen", 15, 15],
    ]);
    expect(s.criteria.map((c) => c.reason)).toEqual([
      "4 of 4 template fields filled in",
      "all 3 steps done in order",
      "customer told before the handoff completed",
      "receiver replied 30 min after the handoff, within the target of 60 min",
      "not bounced back to the sender within 72 h",
      "not reopened within 168 h",
    ]);
  });

  it("pins a poor transfer to the hand-computed figure", () => {
    // template 2/4 → 7.5; order: approval before notes → 2 of 3 → 10; told → 20;
    // reply after 90 min with a 60 min target → half of 20 = 10; bounced → 0; reopened after 8 d → 15.
    // 7.5 + 10 + 20 + 10 + 0 + 15 = 62.5 → 63
    const s = scoreTransfer(
      {
        ...perfect,
        template: { fields: 4, filled: 2 },
        stepsDone: [
          { step: "notes_updated", at: at(-10) },
          { step: "approval", at: at(-20) },
          { step: "customer_notified", at: at(-5) },
        ],
        customerToldAt: at(12),
        firstResponseAt: at(90),
        bouncedBackAt: at(60 * 24),
        reopenedAt: at(60 * 24 * 8),
      },
      DEFAULT_ANALYTICS,
      LATER,
    );
    expect(s.criteria.map((c) => c.points)).toEqual([7.5, 10, 20, 10, 0, 15]);
    expect(s.score).toBe(63);
    expect(s.criteria.map((c) => c.reason)).toEqual([
      "2 of 4 template fields filled in",
      "2 of 3 steps done in order; approval recorded before the step ahead of it",
      "customer told 12 min after the handoff",
      "receiver replied 90 min after the handoff, over the target of 60 min",
      "bounced back to the sender 24 h after the handoff",
      "not reopened within 168 h",
    ]);
    // The same reasons as codes and figures, for the page to say in the reader's language.
    expect(s.criteria.map((c) => c.because)).toEqual([
      { code: "templateFilled", values: { filled: 2, fields: 4 } },
      { code: "stepEarly", values: { good: 2, steps: 3, step: "approval" } },
      { code: "customerToldAfter", values: { minutes: 12 } },
      { code: "repliedOver", values: { minutes: 90, target: 60 } },
      { code: "bounced", values: { minutes: 1440 } },
      { code: "reopenedNot", values: { hours: 168 } },
    ]);
  });

  it("weighs by the policy's weights and ignores criteria weighted 0", () => {
    const weights = {
      template: 1,
      order: 0,
      customerTold: 3,
      firstResponse: 0,
      noBounce: 0,
      noReopen: 0,
    };
    // template 1/4 met → 1·0.25, customer not told → 0; (0.25 / 4) · 100 = 6.25 → 6
    const s = scoreTransfer(
      { ...perfect, template: { fields: 4, filled: 1 }, customerToldAt: null },
      { ...DEFAULT_ANALYTICS, weights },
      LATER,
    );
    expect(s.score).toBe(6);
    expect(s.criteria.find((c) => c.criterion === "customerTold")?.reason).toBe(
      "customer not told",
    );
    expect(s.criteria.find((c) => c.criterion === "order")?.max).toBe(0);
  });

  it("is provisional while a window is open, counting the open criteria as met", () => {
    const fresh = { ...perfect, firstResponseAt: null };
    const s = scoreTransfer(fresh, DEFAULT_ANALYTICS, at(45));
    expect(s.final).toBe(false);
    expect(s.score).toBe(100);
    expect(s.criteria.filter((c) => c.pending).map((c) => c.criterion)).toEqual([
      "firstResponse",
      "noBounce",
      "noReopen",
    ]);
    // No reply by twice the target: the criterion is lost for good.
    const late = scoreTransfer(fresh, DEFAULT_ANALYTICS, at(121));
    expect(late.criteria.find((c) => c.criterion === "firstResponse")).toMatchObject({
      points: 0,
      pending: false,
      reason: "receiver did not reply within twice the target of 60 min",
    });
    expect(finalAfter(T0, DEFAULT_ANALYTICS).toISOString()).toBe(at(168 * 60).toISOString());
  });

  it("counts a missing required step and a kind without template or steps", () => {
    const s = scoreTransfer(
      {
        ...perfect,
        template: { fields: 0, filled: 0 },
        stepsDone: [{ step: "notes_updated", at: at(-30) }],
      },
      DEFAULT_ANALYTICS,
      LATER,
    );
    expect(s.criteria[0]?.reason).toBe("the kind has no template to fill in");
    expect(s.criteria[1]).toMatchObject({
      points: 5,
      reason: "1 of 3 steps done in order; approval not recorded",
    });
    const none = scoreTransfer(
      { ...perfect, requiredSteps: [], stepsDone: [] },
      DEFAULT_ANALYTICS,
      LATER,
    );
    expect(none.criteria[1]?.reason).toBe("no steps required");
  });

  it("refuses weights below 0 or all 0, naming the field", () => {
    const bad = analyticsSchema.safeParse({ weights: { template: -1 } });
    expect(bad.error?.issues[0]).toMatchObject({
      path: ["weights", "template"],
      message: "must be 0 or more",
    });
    const zero = analyticsSchema.safeParse({
      weights: {
        template: 0,
        order: 0,
        customerTold: 0,
        firstResponse: 0,
        noBounce: 0,
        noReopen: 0,
      },
    });
    expect(zero.error?.issues[0]).toMatchObject({
      path: ["weights"],
      message: "must not all be 0: the score divides by their sum",
    });
    expect(analyticsSchema.parse({})).toEqual(DEFAULT_ANALYTICS);
  });
});

const minute = fc.integer({ min: -600, max: 60 * 24 * 20 });
const maybeAt = fc.option(minute.map(at), { nil: null });
const weight = fc.integer({ min: 0, max: 100 });
const input = fc.record({
  fields: fc.integer({ min: 0, max: 10 }),
  filled: fc.integer({ min: 0, max: 10 }),
  done: fc.subarray(["notes_updated", "approval", "customer_notified"]),
  stepMinutes: fc.array(minute, { minLength: 3, maxLength: 3 }),
  customerToldAt: maybeAt,
  firstResponseAt: maybeAt,
  bouncedBackAt: maybeAt,
  reopenedAt: maybeAt,
});
const weights = fc
  .record({
    template: weight,
    order: weight,
    customerTold: weight,
    firstResponse: weight,
    noBounce: weight,
    noReopen: weight,
  })
  .filter((w) => Object.values(w).some((n) => n > 0));

type Generated = typeof input extends fc.Arbitrary<infer T> ? T : never;

function toInput(r: Generated): ScoreInput {
  return {
    completedAt: T0,
    template: { fields: r.fields, filled: Math.min(r.filled, r.fields) },
    requiredSteps: ["notes_updated", "approval", "customer_notified"],
    stepsDone: r.done.map((step, i) => ({ step, at: at(r.stepMinutes[i] ?? 0) })),
    customerToldAt: r.customerToldAt,
    firstResponseAt: r.firstResponseAt,
    bouncedBackAt: r.bouncedBackAt,
    reopenedAt: r.reopenedAt,
  };
}

describe("the score's properties", () => {
  it("stays within 0…100 and its points add up to it", () => {
    fc.assert(
      fc.property(input, weights, minute, (r, w, now) => {
        const s = scoreTransfer(toInput(r), { ...DEFAULT_ANALYTICS, weights: w }, at(now));
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(s.score).toBeLessThanOrEqual(100);
        const points = s.criteria.reduce((n, c) => n + c.points, 0);
        expect(Math.abs(points - s.score)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("never falls when one criterion gets better", () => {
    fc.assert(
      fc.property(input, weights, (r, w) => {
        const policy = { ...DEFAULT_ANALYTICS, weights: w };
        const base = toInput(r);
        const score = (i: ScoreInput) => scoreTransfer(i, policy, LATER).score;
        const before = score(base);
        const better: ScoreInput[] = [
          { ...base, template: { fields: base.template.fields, filled: base.template.fields } },
          { ...base, customerToldAt: T0 },
          { ...base, firstResponseAt: T0 },
          { ...base, bouncedBackAt: null },
          { ...base, reopenedAt: null },
          {
            ...base,
            stepsDone: base.requiredSteps.map((step, i) => ({ step, at: at(i) })),
          },
        ];
        for (const b of better) expect(score(b)).toBeGreaterThanOrEqual(before);
      }),
    );
  });
});
