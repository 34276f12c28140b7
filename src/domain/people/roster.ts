import { DateTime } from "luxon";
import { conflict, DomainError } from "../errors.ts";
import { ROLE_IDS, type RoleId } from "../permissions.ts";

// Who may change whom in a workspace's roster, decided without I/O.

export const isRole = (role: string): role is RoleId =>
  (ROLE_IDS as readonly string[]).includes(role);

/** Days an invitation link works unless the deployment says otherwise. */
export const DEFAULT_INVITATION_DAYS = 7;

export type InvitationState = "pending" | "accepted" | "revoked" | "expired";

export function invitationState(
  row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): InvitationState {
  if (row.acceptedAt) return "accepted";
  if (row.revokedAt) return "revoked";
  if (row.expiresAt <= now) return "expired";
  return "pending";
}

const UNUSABLE: Record<Exclude<InvitationState, "pending">, string> = {
  accepted: "This invitation was already used; sign in instead",
  revoked: "This invitation was withdrawn; ask for a new one",
  expired: "This invitation has expired; ask for a new one",
};

/** Refuses (410) a link that was used, withdrawn or has expired, saying which. */
export function assertUsable(
  row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): void {
  const state = invitationState(row, now);
  if (state !== "pending") throw new DomainError("gone", "invitation_unusable", UNUSABLE[state]);
}

export const invitationExpiry = (now: Date, days: number): Date =>
  DateTime.fromJSDate(now).plus({ days }).toJSDate();

/**
 * A workspace must keep someone who can manage it: the change that would leave it without an
 * active admin is refused. `admins` are the active admins now; `losing` whether this change takes
 * the person's admin role away (demotion, deactivation, removal).
 */
export function keepsAnAdmin(admins: readonly string[], personId: string, losing: boolean): void {
  if (!losing) return;
  const others = admins.filter((id) => id !== personId);
  if (others.length === 0)
    throw conflict(
      "This would leave the workspace without an admin; make someone else admin first",
    );
}

/**
 * Deactivation ends someone's access everywhere, so an admin may only do it to a person all of
 * whose workspaces they administer; elsewhere they remove them from their own workspace.
 */
export function mayDeactivate(
  adminOf: readonly string[],
  personWorkspaces: readonly string[],
): boolean {
  return personWorkspaces.every((id) => adminOf.includes(id));
}
