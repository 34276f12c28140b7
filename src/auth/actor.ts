import type { TokenScope } from "../domain/accounts/tokens.ts";
import type { RoleId } from "../domain/permissions.ts";

export interface Membership {
  workspaceId: string;
  workspaceSlug: string;
  role: RoleId;
  /** The queues (groups) the person works in this workspace; a policy may exclude some (S3.2). */
  groups?: readonly string[];
}

/** Who is asking: resolved once per request from a session cookie or an API token. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  memberships: Membership[];
  via: "session" | "token" | "system";
  sessionId?: string;
  csrfToken?: string;
  /** The API token in use, and what it may do. */
  tokenId?: string;
  scope?: TokenScope;
}

export function membershipIn(actor: Actor, workspaceId: string): Membership | undefined {
  return actor.memberships.find((m) => m.workspaceId === workspaceId);
}

/** Who an event or a row names as having acted: nobody for the operator at the command line. */
export const actorIdOf = (actor: Actor): string | null =>
  actor.via === "system" ? null : actor.userId;

/**
 * The operator at the command line (`baton user …`), acting as an admin of every workspace: whoever
 * may run the CLI on the server may change the database anyway. Events name no one.
 */
export const operatorActor = (workspaces: readonly { id: string; slug: string }[]): Actor => ({
  userId: "00000000-0000-0000-0000-000000000000",
  email: "",
  name: "the operator",
  via: "system",
  memberships: workspaces.map((w) => ({
    workspaceId: w.id,
    workspaceSlug: w.slug,
    role: "admin",
  })),
});
