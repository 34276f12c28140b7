import { type AnalyticsPolicy, SCORE_CRITERIA, type ScoreCriterion } from "./policy.ts";

/*
 * A handoff's quality score (issue 18, docs/analytics.md): each criterion is met to a share
 * between 0 and 1; the score is the weighted mean of those shares, out of 100. Criteria whose
 * window is still open count as met and are marked pending, so a fresh transfer is not listed
 * among the worst before anything could go wrong; the score is final once none is pending.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface StepDone {
  step: string;
  at: Date;
}

/** What is known about one completed transfer and what happened after it. */
export interface ScoreInput {
  /** When the case changed hands. */
  completedAt: Date;
  /** The kind's template fields and how many of them the sender filled in. */
  template: { fields: number; filled: number };
  /** The steps the transfer required, in the policy's order, and when each was recorded. */
  requiredSteps: readonly string[];
  stepsDone: readonly StepDone[];
  /** When the customer heard of it: the customer_notified step or Baton's own notice. */
  customerToldAt: Date | null;
  /** The new holder's first public reply after the handoff. */
  firstResponseAt: Date | null;
  /** The next completed transfer of the case back to the sender, if any. */
  bouncedBackAt: Date | null;
  /** The first time after the handoff the case left resolved or solution delivered for active. */
  reopenedAt: Date | null;
}

export interface CriterionScore {
  criterion: ScoreCriterion;
  weight: number;
  /** Share met, 0…1. */
  met: number;
  /** Points out of 100 this criterion gave (its share of the weights, times met). */
  points: number;
  /** Points it could give. */
  max: number;
  /** Its window is still open: counted as met for now. */
  pending: boolean;
  /** Why, in English (the CSV, the API's readers). */
  reason: string;
  /** The same as a code and its figures, for a page to say in the reader's language. */
  because: Because;
}

/**
 * A reason's code and figures (minutes are whole minutes; `step` a policy step id). Facts
 * refreshed before codes existed lack it, and are shown by their `reason`.
 */
export interface Because {
  code: string;
  values: Record<string, string | number>;
}

export interface TransferScore {
  score: number;
  final: boolean;
  criteria: CriterionScore[];
}

/** "12 min", "5 h", "3 d": how people say a delay. */
export function spoken(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / MINUTE);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} d`;
}

interface Judged {
  met: number;
  pending: boolean;
  reason: string;
  because: Because;
}

const judged = (
  met: number,
  reason: string,
  because: [code: string, values?: Because["values"]],
  pending = false,
): Judged => ({
  met,
  pending,
  reason,
  because: { code: because[0], values: because[1] ?? {} },
});

const wholeMinutes = (ms: number) => Math.round(ms / MINUTE);

function template(t: ScoreInput["template"]): Judged {
  if (t.fields === 0) return judged(1, "the kind has no template to fill in", ["noTemplate"]);
  const filled = Math.min(Math.max(t.filled, 0), t.fields);
  return judged(filled / t.fields, `${filled} of ${t.fields} template fields filled in`, [
    "templateFilled",
    { filled, fields: t.fields },
  ]);
}

const words = (step: string) => step.replaceAll("_", " ");

/** Steps count as in order when each required step was recorded no earlier than the one before. */
function order(required: readonly string[], done: readonly StepDone[]): Judged {
  if (required.length === 0) return judged(1, "no steps required", ["noSteps"]);
  const at = new Map(done.map((d) => [d.step, d.at.getTime()]));
  let good = 0;
  let latest = Number.NEGATIVE_INFINITY;
  let first: { step: string; missing: boolean } | null = null;
  for (const step of required) {
    const when = at.get(step);
    if (when === undefined) {
      first ??= { step, missing: true };
      continue;
    }
    if (when >= latest) good++;
    else first ??= { step, missing: false };
    latest = Math.max(latest, when);
  }
  const steps = required.length;
  if (first === null)
    return judged(1, `all ${steps} steps done in order`, ["stepsInOrder", { steps }]);
  const what = first.missing
    ? `${words(first.step)} not recorded`
    : `${words(first.step)} recorded before the step ahead of it`;
  return judged(good / steps, `${good} of ${steps} steps done in order; ${what}`, [
    first.missing ? "stepMissing" : "stepEarly",
    { good, steps, step: first.step },
  ]);
}

function customerTold(input: ScoreInput): Judged {
  if (!input.customerToldAt) return judged(0, "customer not told", ["customerNotTold"]);
  const delay = input.customerToldAt.getTime() - input.completedAt.getTime();
  return delay <= 0
    ? judged(1, "customer told before the handoff completed", ["customerToldBefore"])
    : judged(1, `customer told ${spoken(delay)} after the handoff`, [
        "customerToldAfter",
        { minutes: wholeMinutes(delay) },
      ]);
}

/** Full points within the target, falling linearly to none at twice the target. */
function firstResponse(input: ScoreInput, targetMinutes: number, now: Date): Judged {
  const target = targetMinutes * MINUTE;
  const start = input.completedAt.getTime();
  const targetText = spoken(target);
  if (!input.firstResponseAt) {
    if (now.getTime() < start + 2 * target)
      return judged(
        1,
        `no reply from the receiver yet (target ${targetText})`,
        ["noReplyYet", { target: targetMinutes }],
        true,
      );
    return judged(0, `receiver did not reply within twice the target of ${targetText}`, [
      "noReply",
      { target: targetMinutes },
    ]);
  }
  const delay = Math.max(0, input.firstResponseAt.getTime() - start);
  const met = delay <= target ? 1 : Math.max(0, 1 - (delay - target) / target);
  const verdict = delay <= target ? "within" : "over";
  return judged(
    met,
    `receiver replied ${spoken(delay)} after the handoff, ${verdict} the target of ${targetText}`,
    [
      delay <= target ? "repliedWithin" : "repliedOver",
      { minutes: wholeMinutes(delay), target: targetMinutes },
    ],
  );
}

/** An event within `hours` of the handoff costs the criterion; none costs nothing once past. */
function within(
  at: Date | null,
  hours: number,
  input: ScoreInput,
  now: Date,
  said: { happened: string; not: string; code: "bounced" | "reopened" },
): Judged {
  const start = input.completedAt.getTime();
  const end = start + hours * HOUR;
  const code = said.code;
  if (at && at.getTime() <= end)
    return judged(0, `${said.happened} ${spoken(at.getTime() - start)} after the handoff`, [
      code,
      { minutes: wholeMinutes(at.getTime() - start) },
    ]);
  if (now.getTime() < end)
    return judged(
      1,
      `${said.not} so far (watching for ${hours} h)`,
      [`${code}Watching`, { hours }],
      true,
    );
  return judged(1, `${said.not} within ${hours} h`, [`${code}Not`, { hours }]);
}

/** The score of one completed transfer at `now`, each criterion with its points and reason. */
export function scoreTransfer(
  input: ScoreInput,
  policy: Pick<
    AnalyticsPolicy,
    "weights" | "firstResponseTargetMinutes" | "bounceBackHours" | "reopenHours"
  >,
  now: Date,
): TransferScore {
  const judgements: Record<ScoreCriterion, Judged> = {
    template: template(input.template),
    order: order(input.requiredSteps, input.stepsDone),
    customerTold: customerTold(input),
    firstResponse: firstResponse(input, policy.firstResponseTargetMinutes, now),
    noBounce: within(input.bouncedBackAt, policy.bounceBackHours, input, now, {
      happened: "bounced back to the sender",
      not: "not bounced back to the sender",
      code: "bounced",
    }),
    noReopen: within(input.reopenedAt, policy.reopenHours, input, now, {
      happened: "customer reopened the case",
      not: "not reopened",
      code: "reopened",
    }),
  };
  const total = SCORE_CRITERIA.reduce((sum, c) => sum + policy.weights[c], 0);
  const round1 = (n: number) => Math.round(n * 10) / 10;
  let sum = 0;
  const criteria = SCORE_CRITERIA.map((criterion) => {
    const j = judgements[criterion];
    const weight = policy.weights[criterion];
    const max = total > 0 ? (100 * weight) / total : 0;
    sum += max * j.met;
    return {
      criterion,
      weight,
      met: j.met,
      points: round1(max * j.met),
      max: round1(max),
      pending: j.pending,
      reason: j.reason,
      because: j.because,
    };
  });
  return {
    score: Math.round(sum),
    final: criteria.every((c) => !c.pending),
    criteria,
  };
}

/** The instant after which no criterion of a transfer completed at `completedAt` can change. */
export function finalAfter(
  completedAt: Date,
  policy: Pick<AnalyticsPolicy, "firstResponseTargetMinutes" | "bounceBackHours" | "reopenHours">,
): Date {
  const wait = Math.max(
    2 * policy.firstResponseTargetMinutes * MINUTE,
    policy.bounceBackHours * HOUR,
    policy.reopenHours * HOUR,
  );
  return new Date(completedAt.getTime() + wait);
}
