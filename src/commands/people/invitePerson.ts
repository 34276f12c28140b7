import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { type Actor, actorIdOf } from "../../auth/actor.ts";
import { emailKey } from "../../auth/load-actor.ts";
import { randomToken, sha256 } from "../../auth/secrets.ts";
import type { Db } from "../../db/client.ts";
import { invitations, memberships, users } from "../../db/schema.ts";
import { DomainError, invalid } from "../../domain/errors.ts";
import { isRole } from "../../domain/people/roster.ts";
import { requiredLine } from "../../domain/text.ts";
import { peopleWorkspace } from "../../loaders/people-workspace.ts";
import { presentInvitation } from "../../presenters/people.ts";
import { type InvitationSettings, sendInvitationLink } from "../../writes/invitations.ts";

export const inviteInput = z.strictObject({
  email: z.email("must be an email address").max(254),
  name: requiredLine(120).optional().describe("Their name, for the greeting; they may change it"),
  role: z.string().max(40).describe("One of the workspace's roles, e.g. agent"),
});

/**
 * An admin invites someone by email: a single-use link that expires, mailed to them. The link is
 * also answered, so an admin can hand it over another way when mail does not reach them.
 */
export async function invitePerson(
  db: Db,
  actor: Actor,
  slug: string,
  input: z.infer<typeof inviteInput>,
  settings: InvitationSettings,
) {
  const ws = await peopleWorkspace(db, actor, slug);
  if (!isRole(input.role) || !ws.policy.roles.some((r) => r.id === input.role))
    throw new DomainError("rule", "unknown_role", "role: is not a role of this workspace", {
      issues: [
        {
          field: "role",
          message: `is not a role of this workspace (${ws.policy.roles.map((r) => r.id).join(", ")})`,
        },
      ],
    });
  const email = input.email.trim();
  const key = emailKey(email);
  const now = settings.now ?? new Date();
  return db.transaction(async (tx) => {
    // One invitation at a time per address and workspace: concurrent invites wait here.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`invite:${ws.id}:${key}`}))`);
    const [member] = await tx
      .select({ id: users.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, ws.id), eq(sql`lower(${users.email})`, key)));
    if (member)
      throw new DomainError(
        "conflict",
        "already_member",
        `${email} is already a member of ${ws.slug}`,
      );
    const [pending] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(
        and(
          eq(invitations.workspaceId, ws.id),
          eq(sql`lower(${invitations.email})`, key),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now),
        ),
      );
    if (pending)
      throw new DomainError(
        "conflict",
        "already_invited",
        `${email} already has an open invitation; send it again instead`,
        { details: { invitationId: pending.id } },
      );
    const [row] = await tx
      .insert(invitations)
      .values({
        workspaceId: ws.id,
        email,
        name: input.name ?? null,
        role: input.role,
        // Replaced at once by the real link's hash; a placeholder keeps the column's uniqueness.
        tokenHash: sha256(randomToken()),
        invitedBy: actorIdOf(actor),
        createdAt: now,
        expiresAt: now,
        version: 0,
      })
      .returning();
    if (!row) throw invalid("email", "could not be invited");
    const link = await sendInvitationLink(tx, actor, ws, row, { ...settings, now }, false);
    const [stored] = await tx.select().from(invitations).where(eq(invitations.id, row.id));
    if (!stored) throw new Error("invitation vanished");
    return { invitation: presentInvitation(stored, ws.policy, now), link };
  });
}
