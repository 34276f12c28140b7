// The queue settings page: each distribution method in words, and what a row says beside it.
import { t } from "i18next";
import { DISTRIBUTIONS, type Distribution } from "../../../src/domain/routing/methods.ts";

export const METHODS: readonly Distribution[] = DISTRIBUTIONS;

/** "Round robin: each agent in turn, …" — the method's name and what it does. */
export function methodSentence(method: Distribution): string {
  return t("queues.methodSentence", {
    name: methodName(method),
    description: t(`queues.${method}Description`),
  });
}

export const methodName = (method: Distribution): string => t(`queues.${method}Name`);

/** What changing to `to` means for the cases waiting now, so an admin is not surprised. */
export function changeNote(from: Distribution, to: Distribution, waiting: number): string | null {
  if (from === to) return null;
  if (to === "manual") return t("queues.toManual");
  if (waiting > 0) return t("queues.waitingWillGo", { count: waiting });
  return null;
}
