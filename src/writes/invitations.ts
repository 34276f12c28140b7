import { eq, sql } from "drizzle-orm";
import { type Actor, actorIdOf } from "../auth/actor.ts";
import { randomToken, sha256 } from "../auth/secrets.ts";
import type { Db } from "../db/client.ts";
import { invitations, users } from "../db/schema.ts";
import { invitationExpiry } from "../domain/people/roster.ts";
import { queueInvitationMail } from "../notify/invitations.ts";
import { emit } from "./emit.ts";

export interface InvitationSettings {
  /** Where the link points: BATON_PUBLIC_URL, else the address the admin used. */
  baseUrl: string;
  days: number;
  now?: Date;
}

/** A fresh link for the invitation (the old one stops working), mailed, and the event. */
export async function sendInvitationLink(
  tx: Db,
  actor: Actor,
  ws: {
    id: string;
    name: string;
    policy: { roles: { id: string; name: string }[]; defaults: { language: string } };
  },
  row: { id: string; email: string; name: string | null; role: string },
  settings: InvitationSettings,
  resent: boolean,
) {
  const now = settings.now ?? new Date();
  const token = randomToken();
  const expiresAt = invitationExpiry(now, settings.days);
  await tx
    .update(invitations)
    .set({
      tokenHash: sha256(token),
      expiresAt,
      revokedAt: null,
      version: sql`${invitations.version} + 1`,
    })
    .where(eq(invitations.id, row.id));
  const link = `${settings.baseUrl.replace(/\/+$/, "")}/invite/${token}`;
  const [inviter] = await tx
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, actor.userId));
  await queueInvitationMail(tx, {
    workspaceId: ws.id,
    invitationId: row.id,
    email: row.email,
    language: ws.policy.defaults.language,
    recipientName: row.name ?? row.email,
    workspaceName: ws.name,
    role: ws.policy.roles.find((r) => r.id === row.role)?.name ?? row.role,
    inviterName: inviter?.name ?? "An administrator",
    link,
    expires: expiresAt.toUTCString().replace(/:\d\d GMT$/, " UTC"),
  });
  await emit(tx, {
    name: "invitation.sent",
    actorId: actorIdOf(actor),
    workspaceId: ws.id,
    subjectId: row.id,
    data: { email: row.email, role: row.role, expiresAt: expiresAt.toISOString(), resent },
  });
  return link;
}
