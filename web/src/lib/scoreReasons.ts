// A handoff score criterion's reason in the reader's language: the server sends a code and its
// figures beside the English sentence (docs/analytics.md); facts refreshed before it did are
// shown by their sentence.
import { t } from "i18next";
import { durationText } from "./format.ts";
import { stepName } from "./transfers.ts";

export interface ReasonParts {
  reason: string;
  because?: { code: string; values: Record<string, string | number> } | undefined;
}

const KEYS: Record<string, string> = {
  noTemplate: "scoreReasons.noTemplate",
  templateFilled: "scoreReasons.templateFilled",
  noSteps: "scoreReasons.noSteps",
  stepsInOrder: "scoreReasons.stepsInOrder",
  stepMissing: "scoreReasons.stepMissing",
  stepEarly: "scoreReasons.stepEarly",
  customerNotTold: "scoreReasons.customerNotTold",
  customerToldBefore: "scoreReasons.customerToldBefore",
  customerToldAfter: "scoreReasons.customerToldAfter",
  noReplyYet: "scoreReasons.noReplyYet",
  noReply: "scoreReasons.noReply",
  repliedWithin: "scoreReasons.repliedWithin",
  repliedOver: "scoreReasons.repliedOver",
  bounced: "scoreReasons.bounced",
  bouncedWatching: "scoreReasons.bouncedWatching",
  bouncedNot: "scoreReasons.bouncedNot",
  reopened: "scoreReasons.reopened",
  reopenedWatching: "scoreReasons.reopenedWatching",
  reopenedNot: "scoreReasons.reopenedNot",
};

/** The reason in words: minutes as durations, a step by its label, counts as they are. */
export function reasonText(c: ReasonParts): string {
  const key = c.because ? KEYS[c.because.code] : undefined;
  if (!c.because || !key) return c.reason;
  const v = c.because.values;
  const minutes = (name: string) =>
    typeof v[name] === "number" ? durationText(v[name] as number) : "";
  return t(key, {
    ...v,
    delay: minutes("minutes"),
    targetText: minutes("target"),
    stepName: typeof v.step === "string" ? stepName(v.step) : "",
  });
}
