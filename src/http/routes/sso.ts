import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { finishOidcSignIn } from "../../commands/accounts/finishOidcSignIn.ts";
import { OIDC_SIGN_IN_MINUTES, startOidcSignIn } from "../../commands/accounts/startOidcSignIn.ts";
import { DomainError, notFound } from "../../domain/errors.ts";
import { setSessionCookie } from "../session-cookie.ts";
import { authProviders } from "./session-schemas.ts";

const tags = ["auth"];
const CALLBACK = "/api/v1/auth/oidc/callback";
// Holds the sign-in's state in the browser that started it; read back only by the callback.
const STATE_COOKIE = "baton_oidc_state";
const COOKIE_PATH = "/api/v1/auth/oidc";

/** Single sign-on with OpenID Connect (docs/sso.md), and what the sign-in page may offer. */
export const ssoRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;
  const { config } = app.baton;
  const redirectUri = (request: FastifyRequest) =>
    config.oidc?.redirectUrl ??
    `${config.publicUrl?.replace(/\/+$/, "") ?? `${request.protocol}://${request.host}`}${CALLBACK}`;
  // Only a code travels in the address: the page says it in its own words, so a crafted link
  // cannot put someone else's text on Baton's sign-in page.
  const toSignIn = (code: string) => `/sign-in?sso_error=${encodeURIComponent(code)}`;

  app.get(
    "/auth/providers",
    {
      schema: {
        operationId: "listSignInProviders",
        tags,
        summary: "How people may sign in here: password, single sign-on, or both",
        security: [],
        response: { 200: authProviders },
      },
    },
    async () => ({
      password: config.passwordSignIn,
      sso: config.oidc ? { name: config.oidc.name, startUrl: "/api/v1/auth/oidc/start" } : null,
    }),
  );

  app.get(
    "/auth/oidc/start",
    {
      config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: {
        operationId: "startOidcSignIn",
        tags,
        summary: "Go to the identity provider to sign in (redirects)",
        response: { 302: z.null().describe("To the identity provider's sign-in page") },
        security: [],
        querystring: z.strictObject({
          returnTo: z.string().max(2_000).optional().describe("A path here to come back to"),
        }),
      },
    },
    async (request, reply) => {
      const settings = config.oidc;
      if (!settings) throw notFound("Single sign-on");
      try {
        const started = await startOidcSignIn(db(), settings, {
          redirectUri: redirectUri(request),
          returnTo: request.query.returnTo,
        });
        reply.setCookie(STATE_COOKIE, started.state, {
          path: COOKIE_PATH,
          httpOnly: true,
          sameSite: "lax",
          secure: request.protocol === "https",
          maxAge: OIDC_SIGN_IN_MINUTES * 60,
        });
        return reply.redirect(started.url, 302);
      } catch (error) {
        if (error instanceof DomainError) return reply.redirect(toSignIn(error.code), 302);
        throw error;
      }
    },
  );

  app.get(
    "/auth/oidc/callback",
    {
      config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: {
        operationId: "finishOidcSignIn",
        tags,
        summary: "Where the identity provider sends the browser back (redirects)",
        response: { 302: z.null().describe("Into Baton, signed in, or to the sign-in page") },
        security: [],
        querystring: z.object({
          code: z.string().max(4_000).optional(),
          state: z.string().max(500).optional(),
          error: z.string().max(200).optional(),
          error_description: z.string().max(1_000).optional(),
        }),
      },
    },
    async (request, reply) => {
      const settings = config.oidc;
      if (!settings) throw notFound("Single sign-on");
      reply.clearCookie(STATE_COOKIE, { path: COOKIE_PATH });
      const q = request.query;
      if (q.error)
        return reply.redirect(
          toSignIn(q.error === "access_denied" ? "sso_denied" : "sso_provider_error"),
          302,
        );
      if (!q.state || !q.code) return reply.redirect(toSignIn("sso_incomplete"), 302);
      const callbackUrl = new URL(redirectUri(request));
      callbackUrl.search = new URL(request.url, "http://x").search;
      try {
        const done = await finishOidcSignIn(db(), settings, {
          state: q.state,
          cookieState: request.cookies[STATE_COOKIE],
          callbackUrl,
          sessionTtlHours: config.sessionHours,
        });
        setSessionCookie(request, reply, done.session.token, done.session.expiresAt);
        return reply.redirect(done.returnTo, 302);
      } catch (error) {
        if (error instanceof DomainError) return reply.redirect(toSignIn(error.code), 302);
        throw error;
      }
    },
  );
};
