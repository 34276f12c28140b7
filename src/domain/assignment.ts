import { z } from "zod";
import type { FieldIssue } from "./errors.ts";
import { ROLE_IDS, type RoleId } from "./permissions.ts";
import type { Policy } from "./policy/schema.ts";

/**
 * Who may hand a case to someone else by editing its owner or queue, outside a transfer. The seeds
 * that write a procedure for hand-offs (S0.3, S1.2, S4.7) mean that procedure to be the only way;
 * without this section anyone with the assign permission may reassign, as a help desk does.
 */
export const directAssignmentSchema = z.strictObject({
  roles: z
    .array(z.enum(ROLE_IDS))
    .max(ROLE_IDS.length)
    .describe("Roles that may change a case's owner or queue directly"),
  takeFromQueue: z
    .boolean()
    .default(true)
    .describe("Anyone who may assign can take an unowned case for themselves"),
});

export type DirectAssignment = z.infer<typeof directAssignmentSchema>;

interface Holding {
  ownerId: string | null;
  queue: string;
}

interface Reassignment {
  ownerId?: string | null | undefined;
  queue?: string | undefined;
}

export interface ReassignRights {
  /** May change owner and queue freely. */
  direct: boolean;
  /** May take the case for themselves while nobody owns it. */
  takeFromQueue: boolean;
  /** Why not, in English words for the person, when direct is false. */
  why: string | null;
  /**
   * The policy's names of the roles that may reassign directly, when direct is false: what `why`
   * says, for an app that words it in the reader's language.
   */
  roles: string[];
}

/** The policy's names of the roles its directAssignment lets reassign outside a transfer. */
function directRoleNames(policy: Policy): string[] {
  const roles = policy.directAssignment?.roles ?? [];
  return policy.roles.filter((r) => roles.includes(r.id)).map((r) => r.name.toLowerCase());
}

function transferWording(policy: Policy): string {
  const names = directRoleNames(policy);
  const who = names.length ? ` (only ${names.join(" or ")} may reassign directly)` : "";
  return `In this workspace a case changes hands through a transfer${who}; use Transfer… so the hand-off steps are kept`;
}

/** Whether the policy lets this role change owner and queue outside a transfer, on any case. */
export function reassignsDirectly(policy: Policy, role: RoleId): boolean {
  const rule = policy.directAssignment;
  return !rule || rule.roles.includes(role);
}

export function reassignRights(policy: Policy, role: RoleId, holding: Holding): ReassignRights {
  if (reassignsDirectly(policy, role))
    return { direct: true, takeFromQueue: true, why: null, roles: [] };
  return {
    direct: false,
    takeFromQueue: (policy.directAssignment?.takeFromQueue ?? true) && holding.ownerId === null,
    why: transferWording(policy),
    roles: directRoleNames(policy),
  };
}

/**
 * Refuses owner or queue edits the policy reserves for transfers. A queue reserved for
 * development is never set by an edit, whoever asks (S2.5: no bypass of triage).
 */
export function directAssignmentProblem(
  policy: Policy,
  role: RoleId,
  actorId: string,
  holding: Holding,
  change: Reassignment,
): FieldIssue | undefined {
  const queueMoves = change.queue !== undefined && change.queue !== holding.queue;
  if (queueMoves && policy.guardOptions.developmentQueues.includes(change.queue as string))
    return {
      field: "queue",
      message:
        "Cases reach development only through triage; transfer the case to triage so the customer is told",
    };
  const ownerMoves = change.ownerId !== undefined && change.ownerId !== holding.ownerId;
  if (!queueMoves && !ownerMoves) return undefined;
  const rights = reassignRights(policy, role, holding);
  if (rights.direct) return undefined;
  if (!queueMoves && rights.takeFromQueue && change.ownerId === actorId) return undefined;
  return { field: queueMoves ? "queue" : "ownerId", message: rights.why ?? "" };
}

/** Who assigns cases in this workspace, in words: "Only the shift lead assigns cases here". */
export function assignersText(policy: Policy): string {
  const roles = policy.directAssignment?.roles ?? [];
  const names = policy.roles.filter((r) => roles.includes(r.id)).map((r) => r.name.toLowerCase());
  const who =
    names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}` : names[0];
  return who
    ? `Only the ${who} assigns cases here: the suggestion is for them`
    : "You do not assign cases here: the suggestion is for whoever does";
}
