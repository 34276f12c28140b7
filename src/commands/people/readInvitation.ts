import { userByEmail } from "../../auth/load-actor.ts";
import { sha256 } from "../../auth/secrets.ts";
import type { Db } from "../../db/client.ts";
import { notFound } from "../../domain/errors.ts";
import { assertUsable } from "../../domain/people/roster.ts";
import { invitationByHash } from "../../loaders/people.ts";
import { workspaceById } from "../../loaders/workspaces.ts";

/** What an invitation link offers, for the page it opens (no sign-in: the link is the key). */
export async function readInvitation(db: Db, token: string, now: Date = new Date()) {
  const row = token.length <= 128 ? await invitationByHash(db, sha256(token)) : undefined;
  if (!row) throw notFound("Invitation");
  assertUsable(row, now);
  const ws = await workspaceById(db, row.workspaceId);
  const existing = await userByEmail(db, row.email);
  return {
    email: row.email,
    name: row.name,
    workspace: { slug: row.workspaceSlug, name: row.workspaceName },
    role: row.role,
    roleName: ws.policy.roles.find((r) => r.id === row.role)?.name ?? row.role,
    expiresAt: row.expiresAt.toISOString(),
    /** The address has an account: the invitee signs in with it to join, rather than making one. */
    accountExists: existing !== undefined,
  };
}
