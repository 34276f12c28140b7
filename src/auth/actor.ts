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
