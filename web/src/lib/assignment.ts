// Whether the case page may change a case's queue and owner directly, or only through a
// transfer (policy directAssignment, S0.3/S1.2/S4.7), and which queues a direct edit offers
// (S2.5: development only through triage's hand-off).
import { t } from "i18next";
import type { PolicyView, ReassignRights } from "../api/types.ts";
import { listText } from "./format.ts";

const NEEDS_ASSIGN_PERMISSION = "assignment.needsAssignPermission";

export interface AssignmentControls {
  /** The queue and owner selects may be changed. */
  edit: boolean;
  /** Offer "Assign to me": the caller may make themselves the owner. */
  takeForMe: boolean;
  /** Why queue and owner are locked, shown beside them; null when they are not. */
  hint: string | null;
}

/** A sentence ends with a full stop, once. */
const sentence = (text: string) => (/[.!?…]$/.test(text) ? text : `${text}.`);

export function assignmentControls(input: {
  allowed: readonly string[];
  closed: boolean;
  reassign: ReassignRights | undefined;
  /** The owner as the form shows it (including an unsaved pick). */
  ownerId: string | null;
  me: string;
}): AssignmentControls {
  const { allowed, closed, reassign, ownerId, me } = input;
  if (closed) return { edit: false, takeForMe: false, hint: null };
  if (!allowed.includes("case.assign"))
    return { edit: false, takeForMe: false, hint: t(NEEDS_ASSIGN_PERMISSION) };
  // A server that does not say (older responses) leaves the edit to its own refusal.
  if (!reassign || reassign.direct) return { edit: true, takeForMe: ownerId !== me, hint: null };
  return {
    edit: false,
    takeForMe: reassign.takeFromQueue && ownerId !== me,
    // Worded here from the roles the server names, so it reads in the person's language.
    hint: sentence(
      reassign.roles?.length
        ? t("assignment.throughTransferOnly", { roles: listText(reassign.roles, "disjunction") })
        : t("assignment.throughTransfer"),
    ),
  };
}

type Coded = { code: string; name: string };

/**
 * The queues a direct edit may choose: the policy's, without the development queues (which only
 * triage's transfer reaches), and always the case's current queue so the select shows it.
 */
export function directQueueChoices(
  policy: Pick<PolicyView, "queues" | "guardOptions"> | undefined,
  current: string,
): { choices: Coded[]; withheld: Coded[] } {
  const development = new Set(policy?.guardOptions?.developmentQueues ?? []);
  const all: Coded[] = policy?.queues ?? [];
  const choices = all.filter((q) => q.code === current || !development.has(q.code));
  const withheld = all.filter((q) => q.code !== current && development.has(q.code));
  if (!choices.some((q) => q.code === current)) choices.push({ code: current, name: current });
  return { choices, withheld };
}

/** Why the withheld queues are not offered, beside the queue select; null when none are. */
export function withheldQueuesHint(withheld: readonly Coded[]): string | null {
  if (withheld.length === 0) return null;
  return t("assignment.withheldQueues", {
    count: withheld.length,
    names: listText(withheld.map((q) => q.name)),
  });
}

/** A field's message without the "field: " the server puts before rule refusals. */
export function fieldSentence(field: string, message: string): string {
  const prefix = `${field}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}
