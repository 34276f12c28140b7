import { reassignsDirectly } from "../domain/assignment.ts";
import { DomainError, forbidden, notFound } from "../domain/errors.ts";
import type { Permission } from "../domain/permissions.ts";
import { permissionsOf } from "../domain/policy/parse.ts";
import type { Policy } from "../domain/policy/schema.ts";
import { type Actor, membershipIn } from "./actor.ts";

// The one place that decides who may do what. Actions are typed, so a typo cannot compile.
export type Action =
  | "case.read"
  | "case.create"
  | "case.update"
  | "case.assign"
  | "case.transfer"
  | "case.note"
  | "case.audit.read"
  | "case.development"
  | "agent.list"
  | "agent.availability.set"
  | "policy.read"
  | "policy.manage"
  | "policy.history"
  | "workspace.audit.read"
  | "template.read"
  | "template.manage"
  | "canned_reply.read"
  | "canned_reply.manage"
  | "view.read"
  | "view.manage"
  | "user.manage"
  | "inbound.review"
  | "team.handoff"
  | "sheet.read"
  | "sheet.add"
  | "sheet.claim"
  | "sheet.release"
  | "sheet.complete"
  | "sheet.edit"
  | "report.read"
  | "analytics.read"
  | "project.read"
  | "project.manage";

export interface Target {
  workspaceId: string;
  /** The case's owner and secondary owner, for actions whose rule depends on "own". */
  caseOwners?: readonly (string | null | undefined)[];
  /** The agent whose settings change, for agent actions. */
  subjectUserId?: string;
  /**
   * For hand-off sheet entries: whose entry it is (who holds it; for edits also who added it).
   * Their own entry is anyone's to work; someone else's needs a lead's right.
   */
  sheetPeople?: readonly (string | null | undefined)[];
  /**
   * For a canned reply: whose own reply it is, null for the workspace's. Someone else's own
   * reply is hidden from everybody else, admins too.
   */
  replyOwner?: string | null;
  /**
   * For a saved view: whose own view it is, null for a shared one. Someone else's own view is
   * hidden from everybody else, admins too.
   */
  viewOwner?: string | null;
}

export type Decision = "allow" | "deny" | "hidden";

function needed(actor: Actor, action: Action, target: Target): Permission {
  switch (action) {
    case "case.update":
      return target.caseOwners?.includes(actor.userId) ? "case.update.own" : "case.update.any";
    // S4.5: an agent hands off their own cases to the team; someone else's needs a lead's right.
    case "team.handoff":
      return target.caseOwners?.includes(actor.userId) ? "case.update.own" : "case.update.any";
    // The sheet is the team's shared list: whoever may see a case may put it on the sheet, and
    // whoever works cases may take an entry. Releasing, finishing or changing someone else's
    // entry is a lead's (shift lead, supervisor, admin; triage too, who may change any case).
    case "sheet.read":
    case "sheet.add":
      return "case.read";
    case "sheet.claim":
      return "case.note";
    case "sheet.release":
    case "sheet.complete":
    case "sheet.edit":
      return target.sheetPeople?.includes(actor.userId) ? "case.note" : "case.update.any";
    case "agent.availability.set":
      return target.subjectUserId === actor.userId
        ? "agent.availability.own"
        : "agent.availability.any";
    // Message wording is part of how a workspace is run: who may read or change its policy may
    // read or change its templates (no permission of their own, so stored policies need no edit).
    case "template.read":
      return "policy.read";
    case "template.manage":
      return "policy.manage";
    // Canned replies go into notes: whoever may add notes uses the workspace's and keeps their
    // own; the workspace's are worded by those who run it, like its message templates.
    case "canned_reply.read":
      return "case.note";
    case "canned_reply.manage":
      return target.replyOwner === actor.userId ? "case.note" : "policy.manage";
    // Anyone who reads cases keeps views of their own; a view others see shapes their lists, so
    // sharing one is for those who may change anyone's case (leads, supervisors, triage, admins).
    case "view.read":
      return "case.read";
    case "view.manage":
      return target.viewOwner === actor.userId ? "case.read" : "case.update.any";
    // Earlier versions and the workspace's own audit trail (who changed the policy, who was
    // let in) are for those who run the workspace.
    case "policy.history":
    case "workspace.audit.read":
      return "policy.manage";
    // Held mail can come from anyone and be attached to any case: the workspace's admins decide.
    case "inbound.review":
      return "policy.manage";
    // Everyone who works cases sees analytics of their own handoffs; analyticsScope widens it.
    case "analytics.read":
      return "case.read";
    default:
      return action;
  }
}

/**
 * "hidden" means the actor is not in the target's workspace: callers answer 404 so that a
 * stranger cannot even learn that the thing exists.
 */
/** S3.2: managers can exclude groups from transferring, whatever their members' roles allow. */
function excludedFromTransfer(policy: Policy, groups: readonly string[]): string | undefined {
  return groups.find((g) => policy.transferExcludedGroups.includes(g));
}

/** Why this person may not transfer cases in the workspace, in their words; null if they may. */
export function transferRefusal(actor: Actor, workspaceId: string, policy: Policy): string | null {
  const member = membershipIn(actor, workspaceId);
  if (!member) return "you are not in this workspace";
  const group = excludedFromTransfer(policy, member.groups ?? []);
  if (group) return `your group ${group} may not transfer cases`;
  return permissionsOf(policy, member.role).has("case.transfer")
    ? null
    : "your role may not transfer cases";
}

export function decide(actor: Actor, action: Action, target: Target, policy: Policy): Decision {
  const member = membershipIn(actor, target.workspaceId);
  if (!member) return "hidden";
  if (target.replyOwner && target.replyOwner !== actor.userId) return "hidden";
  if (target.viewOwner && target.viewOwner !== actor.userId) return "hidden";
  if (action === "case.transfer" && excludedFromTransfer(policy, member.groups ?? []))
    return "deny";
  return permissionsOf(policy, member.role).has(needed(actor, action, target)) ? "allow" : "deny";
}

export function can(actor: Actor, action: Action, target: Target, policy: Policy): boolean {
  return decide(actor, action, target, policy) === "allow";
}

export function authorize(
  actor: Actor,
  action: Action,
  target: Target,
  policy: Policy,
  what = "Case",
): void {
  const decision = decide(actor, action, target, policy);
  if (decision === "hidden") throw notFound(what);
  const refusal =
    action === "case.transfer" ? transferRefusal(actor, target.workspaceId, policy) : null;
  if (refusal) throw forbidden(`${refusal.charAt(0).toUpperCase()}${refusal.slice(1)}`);
  if (decision === "deny") throw forbidden(`Your role may not ${describe(action)} here`);
}

function describe(action: Action): string {
  const words: Record<Action, string> = {
    "case.read": "read this case",
    "case.create": "create cases",
    "case.update": "change this case",
    "case.assign": "reassign cases",
    "case.transfer": "transfer cases",
    "case.note": "add notes",
    "case.audit.read": "read the audit log",
    "agent.list": "list agents",
    "agent.availability.set": "change this agent's availability",
    "policy.read": "read the policy",
    "policy.manage": "change the policy",
    "policy.history": "read the policy's earlier versions",
    "workspace.audit.read": "read the workspace's audit trail",
    "template.read": "read message templates",
    "template.manage": "change message templates",
    "canned_reply.read": "use canned replies",
    "canned_reply.manage": "change the workspace's canned replies",
    "view.read": "use saved views",
    "view.manage": "share views or change shared ones",
    "user.manage": "manage users",
    "inbound.review": "review inbound mail",
    "team.handoff": "send a hand-off about this case",
    "sheet.read": "read the hand-off sheet",
    "sheet.add": "add cases to the hand-off sheet",
    "sheet.claim": "claim hand-off sheet entries",
    "sheet.release": "release someone else's hand-off sheet entry",
    "sheet.complete": "mark someone else's hand-off sheet entry done",
    "sheet.edit": "change someone else's hand-off sheet entry",
    "case.development": "move cases through development's stages",
    "project.read": "see projects",
    "project.manage": "manage projects",
    "report.read": "read reports",
    "analytics.read": "read handoff analytics",
  };
  return words[action];
}

/** Permissions the UI may show for a target, so buttons match what the server allows. */
export function allowedActions(
  actor: Actor,
  actions: readonly Action[],
  target: Target,
  policy: Policy,
): Action[] {
  return actions.filter((a) => can(actor, a, target, policy));
}

/**
 * What the caller may do in a workspace as a whole, for the web app to show or hide whole
 * features (bulk transfer, the approvals inbox, admin pages) without re-deriving rights.
 */
export function workspaceRights(actor: Actor, workspaceId: string, policy: Policy) {
  const role = membershipIn(actor, workspaceId)?.role;
  const target = { workspaceId };
  const refusal = transferRefusal(actor, workspaceId, policy);
  return {
    transfer: refusal === null,
    /** Why the caller may not transfer, in their words; null when they may. */
    transferRefusal: refusal,
    assign: can(actor, "case.assign", target, policy),
    /**
     * Bulk edit's choices (issue 17): status, severity and priority where the caller may change
     * at least their own cases; the owner where they may also hand cases over outside a transfer.
     * Each case is still decided on its own when the edit runs.
     */
    bulkEdit: {
      fields: can(actor, "case.update", { workspaceId, caseOwners: [actor.userId] }, policy),
      owner:
        role !== undefined &&
        can(actor, "case.assign", target, policy) &&
        reassignsDirectly(policy, role),
    },
    approveTransfers: policy.transferKinds.some((k) => k.approverRoles.some((r) => r === role)),
    manageWorkspace: can(actor, "policy.manage", target, policy),
    /** Manages the workspace's people and their API tokens. */
    managePeople: can(actor, "user.manage", target, policy),
    reviewInbound: can(actor, "inbound.review", target, policy),
    readAudit: can(actor, "case.audit.read", target, policy),
    /** Reads the hand-off sheet (the nav shows it); adding and claiming are per entry. */
    handoffSheet: can(actor, "sheet.read", target, policy),
    /** Reads the workspace's reports, such as project volume (the nav shows Reports). */
    readReports: can(actor, "report.read", target, policy),
    /** Opens the handoff analytics (the nav shows Handoff analytics); whose handoffs, analyticsScope. */
    readAnalytics: can(actor, "analytics.read", target, policy),
    /** Runs the workspace's projects (creates them and their tasks, schedules follow-ups). */
    manageProjects: can(actor, "project.manage", target, policy),
    /** Shares views with a queue or the workspace and changes shared ones; anyone keeps their own. */
    shareViews: can(actor, "view.manage", target, policy),
    /** May ask for "next case for me": the policy lets agents pull and the caller works cases. */
    pullNext:
      policy.routing.pull &&
      policy.queues.some((q) => q.distribution !== "manual") &&
      can(actor, "case.note", target, policy),
  };
}

export type WorkspaceRights = ReturnType<typeof workspaceRights>;

export { DomainError };

/** Whose handoffs someone's analytics cover (issue 18, docs/analytics.md). */
export type AnalyticsScope =
  | { scope: "workspace" }
  | { scope: "team"; queues: readonly string[] }
  | { scope: "own"; userId: string };

/**
 * Those who run the workspace (policy.manage) see every handoff; those who read reports see
 * their team's, the handoffs from or to the queues they work in (all of them when they work in
 * none, as a supervisor over the whole desk); everyone else who works cases sees their own,
 * handoffs they gave or received. 404 outside the workspace, 403 without case.read.
 */
export function analyticsScope(actor: Actor, workspaceId: string, policy: Policy): AnalyticsScope {
  authorize(actor, "analytics.read", { workspaceId }, policy, "Workspace");
  const member = membershipIn(actor, workspaceId);
  const granted = member ? permissionsOf(policy, member.role) : new Set<Permission>();
  if (granted.has("policy.manage")) return { scope: "workspace" };
  if (granted.has("report.read")) {
    const queues = member?.groups ?? [];
    return queues.length > 0 ? { scope: "team", queues } : { scope: "workspace" };
  }
  return { scope: "own", userId: actor.userId };
}
