import type * as Oidc from "openid-client";
import type { OidcSettings } from "../domain/accounts/oidc-provision.ts";

// The relying party's side of OpenID Connect, on the certified `openid-client` library: discovery
// (cached per process), the authorization URL with PKCE and a nonce, and the code exchange with
// every check the specification asks (state, nonce, issuer, audience, signature, expiry). Loaded
// at the first sign-in, not at every start: most installations never configure a provider.
const library = () => import("openid-client");

const configs = new Map<string, Promise<Oidc.Configuration>>();

// Plain http is for a provider on this machine only (tests, a local Keycloak); never elsewhere.
const isLoopback = (url: URL) =>
  url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]";

function configuration(oidc: typeof Oidc, settings: OidcSettings): Promise<Oidc.Configuration> {
  const key = `${settings.issuer} ${settings.clientId}`;
  let found = configs.get(key);
  if (!found) {
    const issuer = new URL(settings.issuer);
    found = oidc.discovery(
      issuer,
      settings.clientId,
      settings.clientSecret,
      settings.clientSecret ? undefined : oidc.None(),
      issuer.protocol === "http:" && isLoopback(issuer)
        ? { execute: [oidc.allowInsecureRequests] }
        : undefined,
    );
    // A failed discovery (provider down) is tried again next time, not remembered.
    found.catch(() => configs.delete(key));
    configs.set(key, found);
  }
  return found;
}

export interface Started {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Where to send the browser, and the secrets to keep until it comes back. */
export async function authorizationUrl(
  settings: OidcSettings,
  redirectUri: string,
): Promise<Started> {
  const oidc = await library();
  const config = await configuration(oidc, settings);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: settings.scopes.join(" "),
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { url: url.href, state, nonce, codeVerifier };
}

export interface ProviderIdentity {
  issuer: string;
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
  name: string | undefined;
  /** Every claim of the ID token and the userinfo answer, for provisioning rules. */
  claims: Record<string, unknown>;
}

/** Exchanges the code the browser brought back, checks it, and reads who signed in. */
export async function identityFrom(
  settings: OidcSettings,
  callbackUrl: URL,
  expected: { state: string; nonce: string; codeVerifier: string },
): Promise<ProviderIdentity> {
  const oidc = await library();
  const config = await configuration(oidc, settings);
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    expectedState: expected.state,
    expectedNonce: expected.nonce,
    pkceCodeVerifier: expected.codeVerifier,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  if (!idClaims) throw new Error("the provider sent no ID token");
  // Many providers put email and groups only in userinfo, not in the ID token.
  const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
  const claims: Record<string, unknown> = { ...info, ...idClaims };
  const email = typeof claims.email === "string" ? claims.email : undefined;
  return {
    issuer: idClaims.iss,
    subject: idClaims.sub,
    email,
    emailVerified: claims.email_verified === true,
    name: typeof claims.name === "string" ? claims.name : undefined,
    claims,
  };
}
