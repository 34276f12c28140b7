import { lt } from "drizzle-orm";
import { DateTime } from "luxon";
import { authorizationUrl } from "../../auth/oidc-client.ts";
import { sha256 } from "../../auth/secrets.ts";
import type { Db } from "../../db/client.ts";
import { oidcSignIns } from "../../db/schema.ts";
import type { OidcSettings } from "../../domain/accounts/oidc-provision.ts";
import { safeReturnTo } from "../../domain/accounts/return-path.ts";
import { DomainError } from "../../domain/errors.ts";

/** Minutes a sign-in may take at the provider. */
export const OIDC_SIGN_IN_MINUTES = 10;

/**
 * Starts a sign-in at the identity provider: the state, nonce and PKCE verifier are kept in the
 * database (so any process can finish it), and the state also goes to the browser in a cookie,
 * so only the browser that started a sign-in can finish it.
 */
export async function startOidcSignIn(
  db: Db,
  settings: OidcSettings,
  input: { redirectUri: string; returnTo?: string | undefined; now?: Date },
): Promise<{ url: string; state: string; expiresAt: Date }> {
  const now = input.now ?? new Date();
  let started: Awaited<ReturnType<typeof authorizationUrl>>;
  try {
    started = await authorizationUrl(settings, input.redirectUri);
  } catch {
    throw new DomainError(
      "unauthenticated",
      "sso_unavailable",
      `${settings.name} cannot be reached just now; try again in a moment`,
    );
  }
  const expiresAt = DateTime.fromJSDate(now).plus({ minutes: OIDC_SIGN_IN_MINUTES }).toJSDate();
  // Sign-ins nobody finished are of no use to anyone.
  await db.delete(oidcSignIns).where(lt(oidcSignIns.expiresAt, now));
  await db.insert(oidcSignIns).values({
    stateHash: sha256(started.state),
    nonce: started.nonce,
    codeVerifier: started.codeVerifier,
    returnTo: safeReturnTo(input.returnTo),
    createdAt: now,
    expiresAt,
  });
  return { url: started.url, state: started.state, expiresAt };
}
