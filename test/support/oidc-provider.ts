import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

// A real OpenID provider (panva's certified `oidc-provider`) on loopback for the single sign-on
// tests. Its interaction step (the login page) is answered by the test: whoever `signInAs` names
// logs in and consents, as if they had typed their password at the provider.

export interface TestAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who logs in at the provider's next interaction; null: the person refuses (access_denied). */
  signInAs(account: TestAccount | null): void;
  close(): Promise<void>;
}

interface Details {
  uid: string;
  prompt: { name: string; details: Record<string, unknown> };
  params: Record<string, unknown>;
  session?: { accountId?: string };
}

export async function startTestProvider(redirectUris: string[]): Promise<TestProvider> {
  const accounts = new Map<string, TestAccount>();
  let next: TestAccount | null = null;
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server: Server = createServer((req, res) => handler?.(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "baton-test";
  const clientSecret = randomBytes(24).toString("base64url");
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "groups"],
    },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    // A signing key of its own, as a real provider has (and no warning about development keys).
    jwks: {
      keys: [
        {
          ...generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
            format: "jwk",
          }),
          use: "sig",
          alg: "RS256",
          kid: randomBytes(8).toString("hex"),
        },
      ],
    },
    features: { devInteractions: { enabled: false } },
    findAccount: async (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ ...account }) };
    },
  });
  // The provider's own log of expected warnings (in-memory storage, http on loopback) is noise here.
  provider.on("server_error", () => {});
  const callback = provider.callback();

  const interact = async (req: IncomingMessage, res: ServerResponse) => {
    const details = (await provider.interactionDetails(req, res)) as unknown as Details;
    if (details.prompt.name === "login") {
      if (!next) {
        await provider.interactionFinished(req, res, {
          error: "access_denied",
          error_description: "The person did not sign in",
        });
        return;
      }
      accounts.set(next.sub, next);
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: next.sub } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    // Consent: grant what the client asked for.
    const accountId = details.session?.accountId ?? "";
    const grant = new provider.Grant({ accountId, clientId });
    const missingScope = details.prompt.details.missingOIDCScope;
    if (Array.isArray(missingScope)) grant.addOIDCScope(missingScope.join(" "));
    const missingClaims = details.prompt.details.missingOIDCClaims;
    if (Array.isArray(missingClaims)) grant.addOIDCClaims(missingClaims as string[]);
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
  };

  handler = (req, res) => {
    if (req.url?.startsWith("/interaction/")) {
      interact(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    callback(req, res);
  };

  return {
    issuer,
    clientId,
    clientSecret,
    signInAs(account) {
      next = account;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Cookies per origin, as a browser keeps them, for following redirects across two servers. */
export class CookieJar {
  private readonly jars = new Map<string, Map<string, string>>();

  header(url: string): string {
    const jar = this.jars.get(new URL(url).origin);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join("; ") : "";
  }

  take(url: string, response: Response): void {
    const origin = new URL(url).origin;
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/max-age=0|expires=Thu, 01 Jan 1970/i.test(line) || value === "") jar.delete(name);
      else jar.set(name, value);
    }
    this.jars.set(origin, jar);
  }

  get(url: string, name: string): string | undefined {
    return this.jars.get(new URL(url).origin)?.get(name);
  }

  set(url: string, name: string, value: string): void {
    const origin = new URL(url).origin;
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    jar.set(name, value);
    this.jars.set(origin, jar);
  }
}

/**
 * Follows redirects from `start` like a browser, cookies included, and stops at the first answer
 * that is not a redirect or that lands back on `home` outside the API. Returns the last hop.
 */
export async function followSignIn(
  start: string,
  home: string,
  jar: CookieJar,
): Promise<{ url: string; status: number; location: string | null; hops: string[] }> {
  let url = start;
  const hops: string[] = [];
  for (let hop = 0; hop < 20; hop++) {
    hops.push(url);
    const response = await fetch(url, {
      redirect: "manual",
      headers: { cookie: jar.header(url) },
    });
    jar.take(url, response);
    const location = response.headers.get("location");
    await response.body?.cancel();
    if (response.status < 300 || response.status >= 400 || !location)
      return { url, status: response.status, location, hops };
    const nextUrl = new URL(location, url).href;
    if (nextUrl.startsWith(home) && !new URL(nextUrl).pathname.startsWith("/api/"))
      return { url, status: response.status, location: nextUrl, hops };
    url = nextUrl;
  }
  throw new Error(`too many redirects: ${hops.join(" → ")}`);
}
