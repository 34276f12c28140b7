import type { FieldInput } from "./types.ts";

/** For a hand-off before leave: the day the owner is back, so the receiver knows how long. */
export const backOnField = (): FieldInput => ({
  key: "back_on",
  label: "Back on",
  help: "The date you return.",
  kind: "text",
  required: true,
});
