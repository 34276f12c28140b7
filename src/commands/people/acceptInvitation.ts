import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { emailKey, userByEmail } from "../../auth/load-actor.ts";
import { passwordProblem } from "../../auth/passwords.ts";
import { sha256 } from "../../auth/secrets.ts";
import type { Db } from "../../db/client.ts";
import { invitations } from "../../db/schema.ts";
import { DomainError, invalid, notFound } from "../../domain/errors.ts";
import { assertUsable } from "../../domain/people/roster.ts";
import { requiredLine } from "../../domain/text.ts";
import { workspaceById } from "../../loaders/workspaces.ts";
import { emit } from "../../writes/emit.ts";
import { createSession, type NewSession } from "../../writes/sessions.ts";
import { addUser } from "../accounts/addUser.ts";

export const acceptInput = z.strictObject({
  name: requiredLine(120).optional().describe("Your name (a new account)"),
  password: z.string().max(200).optional().describe("Your password (a new account)"),
});

export interface AcceptResult {
  workspace: string;
  userId: string;
  newAccount: boolean;
  /** A new account is signed in at once; someone who had one already is signed in. */
  session: NewSession | null;
}

/**
 * The invitee follows the link. Someone new chooses a name and a password and is signed in;
 * someone who has an account joins with it, signed in as that address. The link works once.
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  input: z.infer<typeof acceptInput>,
  actor: Actor | undefined,
  options: { now?: Date; sessionTtlHours: number },
): Promise<AcceptResult> {
  const now = options.now ?? new Date();
  if (token.length > 128) throw notFound("Invitation");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, sha256(token)))
      .for("update");
    if (!row) throw notFound("Invitation");
    assertUsable(row, now);
    const ws = await workspaceById(tx, row.workspaceId);
    const existing = await userByEmail(tx, row.email);
    let session: NewSession | null = null;
    let userId: string;
    if (existing) {
      // The link alone does not prove who holds the account: they sign in with it first.
      if (!actor || emailKey(actor.email) !== emailKey(row.email))
        throw new DomainError(
          "forbidden",
          "sign_in_to_accept",
          `Sign in as ${row.email} to join ${ws.name}`,
        );
      if (existing.deactivatedAt)
        throw new DomainError("forbidden", "deactivated", "This account is deactivated");
      await addUser(
        tx,
        { email: row.email, name: existing.name, role: row.role, workspaceSlug: ws.slug },
        existing.id,
      );
      userId = existing.id;
    } else {
      const name = input.name ?? row.name;
      if (!name) throw invalid("name", "is required");
      if (input.password === undefined) throw invalid("password", "is required");
      const problem = await passwordProblem(input.password, [row.email, name]);
      if (problem) throw invalid("password", problem);
      const added = await addUser(
        tx,
        {
          email: row.email,
          name,
          role: row.role,
          workspaceSlug: ws.slug,
          password: input.password,
        },
        null,
      );
      userId = added.userId;
      session = await createSession(tx, userId, now, options.sessionTtlHours);
    }
    await tx
      .update(invitations)
      .set({ acceptedAt: now, acceptedBy: userId, version: sql`${invitations.version} + 1` })
      .where(eq(invitations.id, row.id));
    await emit(tx, {
      name: "invitation.accepted",
      actorId: userId,
      workspaceId: ws.id,
      subjectId: row.id,
      data: { email: row.email, role: row.role, userId, newAccount: !existing },
    });
    return { workspace: ws.slug, userId, newAccount: !existing, session };
  });
}
