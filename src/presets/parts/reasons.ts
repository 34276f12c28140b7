import type { ReasonInput } from "./types.ts";

/** The catch-all reason: allowed, but the engineer has to say which reason it is. */
export const otherReason = (): ReasonInput => ({
  code: "other",
  label: "Another reason (say which)",
  requiresText: true,
});
