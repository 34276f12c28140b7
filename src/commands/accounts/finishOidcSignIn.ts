import { and, eq, gt } from "drizzle-orm";
import type { Actor } from "../../auth/actor.ts";
import { loadActor, userByEmail } from "../../auth/load-actor.ts";
import { identityFrom, type ProviderIdentity } from "../../auth/oidc-client.ts";
import { sameSecret, sha256 } from "../../auth/secrets.ts";
import type { Db } from "../../db/client.ts";
import { oidcSignIns, userIdentities, users } from "../../db/schema.ts";
import { grantsFor, type OidcSettings } from "../../domain/accounts/oidc-provision.ts";
import type { SsoRefusal } from "../../domain/accounts/sso-refusals.ts";
import { DomainError } from "../../domain/errors.ts";
import { lineFromOutside } from "../../domain/text.ts";
import { emit } from "../../writes/emit.ts";
import { createSession, type NewSession } from "../../writes/sessions.ts";
import { addUser, NAME_MAX } from "./addUser.ts";

export interface FinishInput {
  /** The state the provider sent back, and the one the browser's cookie holds. */
  state: string;
  cookieState: string | undefined;
  /** The callback as the provider called it: the redirect URI with the code and state. */
  callbackUrl: URL;
  sessionTtlHours: number;
  now?: Date;
}

export interface Finished {
  actor: Actor;
  session: NewSession;
  returnTo: string;
  created: boolean;
}

const refused = (message: string, code: SsoRefusal) =>
  new DomainError("unauthenticated", code, message);

/**
 * The browser is back from the identity provider. The person is found by the provider's subject,
 * else by a verified email (and the two are linked), else created with the memberships the
 * configuration grants. Deactivated people and people nothing grants are refused.
 */
export async function finishOidcSignIn(
  db: Db,
  settings: OidcSettings,
  input: FinishInput,
): Promise<Finished> {
  const now = input.now ?? new Date();
  if (!input.cookieState || !sameSecret(input.cookieState, input.state))
    throw refused(
      "This sign-in was not started in this browser; start again",
      "sso_not_this_browser",
    );
  // Single use: whoever deletes the row finishes the sign-in.
  const [pending] = await db
    .delete(oidcSignIns)
    .where(and(eq(oidcSignIns.stateHash, sha256(input.state)), gt(oidcSignIns.expiresAt, now)))
    .returning();
  if (!pending)
    throw refused("This sign-in has expired or was already used; start again", "sso_expired");
  let who: ProviderIdentity;
  try {
    who = await identityFrom(settings, input.callbackUrl, {
      state: input.state,
      nonce: pending.nonce,
      codeVerifier: pending.codeVerifier,
    });
  } catch {
    throw refused(`${settings.name} did not confirm who you are; try again`, "sso_failed");
  }
  const { userId, created } = await db.transaction(async (tx) => {
    const [linked] = await tx
      .select({ userId: userIdentities.userId, id: userIdentities.id })
      .from(userIdentities)
      .where(and(eq(userIdentities.issuer, who.issuer), eq(userIdentities.subject, who.subject)));
    if (linked) {
      await tx
        .update(userIdentities)
        .set({ lastSignInAt: now, email: who.email ?? null })
        .where(eq(userIdentities.id, linked.id));
      return { userId: linked.userId, created: false };
    }
    if (!who.email)
      throw refused(`${settings.name} did not tell Baton your email address`, "sso_no_email");
    const existing = await userByEmail(tx, who.email);
    if (existing && !who.emailVerified)
      throw refused(
        `${settings.name} has not verified ${who.email}, so it cannot sign in to the Baton account with that address`,
        "sso_unverified",
      );
    let userId = existing?.id;
    let made = false;
    if (!userId) {
      const grants = grantsFor(settings.provision, who.claims);
      if (grants.length === 0)
        throw refused(
          `${who.email} has no access to Baton; ask an administrator to invite you`,
          "sso_no_access",
        );
      // The provider's name is theirs to send, not the person's to fix: neutralised, not refused.
      const name = lineFromOutside(who.name ?? "", NAME_MAX) || who.email;
      for (const g of grants) {
        const added = await addUser(
          tx,
          { email: who.email, name, role: g.role, workspaceSlug: g.workspace, external: true },
          null,
        );
        userId = added.userId;
        made ||= added.created;
      }
    }
    if (!userId) throw refused(`${who.email} could not be signed in`, "sso_failed");
    const [link] = await tx
      .insert(userIdentities)
      .values({
        userId,
        issuer: who.issuer,
        subject: who.subject,
        email: who.email,
        createdAt: now,
        lastSignInAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: userIdentities.id });
    if (link)
      await emit(tx, {
        name: "user.identity_linked",
        actorId: userId,
        workspaceId: null,
        subjectId: userId,
        data: { issuer: who.issuer, email: who.email, newAccount: made },
      });
    return { userId, created: made };
  });
  const session = await db.transaction(async (tx) => {
    const [user] = await tx
      .select({ deactivatedAt: users.deactivatedAt })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!user || user.deactivatedAt)
      throw refused("This account is deactivated", "sso_deactivated");
    const made = await createSession(tx, userId, now, input.sessionTtlHours);
    await emit(tx, {
      name: "user.signed_in",
      actorId: userId,
      workspaceId: null,
      subjectId: userId,
      data: { via: "oidc", expiresAt: made.expiresAt.toISOString() },
    });
    return made;
  });
  const actor = await loadActor(db, userId, "session");
  if (!actor) throw refused("This account no longer exists", "sso_deactivated");
  return {
    actor: { ...actor, sessionId: sha256(session.token), csrfToken: session.csrfToken },
    session,
    returnTo: pending.returnTo ?? "/",
    created,
  };
}
