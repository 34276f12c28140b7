import { queueLabel } from "../case-changes.ts";
import type { Policy } from "../policy/schema.ts";
import { type Said, said } from "../said.ts";

/**
 * The timeline line of a completed transfer as a code ("Transferred (kind) to target"): a person
 * or another workspace by the label the request gave (names only), a queue by its parts, since
 * its label says "queue" and "auto-assigned" in English. Null without a label to go by.
 */
export function transferredLine(
  t: {
    targetType: string;
    targetQueue: string | null;
    targetRegion: string | null;
    autoAssign: boolean;
  },
  kindName: string,
  label: string | undefined,
  policy: Policy,
): Said | null {
  if (t.targetType === "queue" && t.targetQueue)
    return said("transferredToQueue", {
      kind: kindName,
      queue: queueLabel(policy, t.targetQueue),
      region: t.targetRegion,
      autoAssigned: t.autoAssign ? 1 : null,
    });
  return label ? said("transferred", { kind: kindName, target: label }) : null;
}
