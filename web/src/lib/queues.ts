// The queue settings page: each distribution method in words, and what a row says beside it.
import {
  DISTRIBUTION_WORDS,
  DISTRIBUTIONS,
  type Distribution,
} from "../../../src/domain/routing/methods.ts";
import { plural } from "./format.ts";

export const METHODS: readonly Distribution[] = DISTRIBUTIONS;

/** "Round robin: each agent in turn, …" — the method's name and what it does. */
export function methodSentence(method: Distribution): string {
  const words = DISTRIBUTION_WORDS[method];
  return `${words.name}: ${words.description.charAt(0).toLowerCase()}${words.description.slice(1)}`;
}

export const methodName = (method: Distribution): string => DISTRIBUTION_WORDS[method].name;

/** What changing to `to` means for the cases waiting now, so an admin is not surprised. */
export function changeNote(from: Distribution, to: Distribution, waiting: number): string | null {
  if (from === to) return null;
  if (to === "manual")
    return "New cases will wait for someone to assign them; cases already assigned keep their owner.";
  if (waiting > 0)
    return `The ${plural(waiting, "case")} waiting now will go to its agents within a minute, as they have room.`;
  return null;
}
