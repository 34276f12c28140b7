import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { resolveApiToken } from "../auth/api-tokens.ts";
import { sameSecret } from "../auth/secrets.ts";
import { resolveSession } from "../auth/sessions.ts";
import type { Db } from "../db/client.ts";
import { mayUse } from "../domain/accounts/tokens.ts";
import { DomainError } from "../domain/errors.ts";

export const SESSION_COOKIE = "baton_session";
export const CSRF_HEADER = "x-csrf-token";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Resolves the actor from an API token or the session cookie. Cookie-authenticated writes must
 * echo the session's CSRF token in a header, which a cross-site form cannot do.
 */
export function registerAuthHook(app: FastifyInstance): void {
  app.decorateRequest("actor", undefined);
  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    // Probes carry no session, and a metrics scraper's bearer token is not an API token; a signed
    // link's token is all it needs (a mail service's one-click POST has no CSRF token to send).
    if (request.routeOptions.config?.probe || request.routeOptions.config?.signedLink) return;
    const db = app.baton.database.db;
    const now = new Date();
    const header = request.headers.authorization;
    if (header !== undefined) {
      const actor = await tokenActor(db, header, now);
      if (!actor)
        throw new DomainError(
          "unauthenticated",
          "invalid_token",
          "The API token is not valid (unknown, expired or revoked)",
        );
      if (actor.scope && !mayUse(actor.scope, request.method))
        throw new DomainError(
          "forbidden",
          "token_read_only",
          "This API token may only read; make a full token to change things",
        );
      request.actor = actor;
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const actor = await resolveSession(db, cookie, now);
    if (!actor) {
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return;
    }
    request.actor = actor;
    if (SAFE_METHODS.has(request.method)) return;
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== "string" || sent === "")
      throw new DomainError(
        "forbidden",
        "csrf_token_missing",
        `Cookie-authenticated writes need the ${CSRF_HEADER} header from sign-in`,
      );
    if (!actor.csrfToken || !sameSecret(sent, actor.csrfToken))
      throw new DomainError(
        "forbidden",
        "csrf_token_invalid",
        `The ${CSRF_HEADER} header does not match this session; reload the page or sign in again`,
      );
  });
}

/** The actor an `Authorization: Bearer …` header names, if its token is live. */
async function tokenActor(db: Db, header: string, now: Date) {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ? resolveApiToken(db, match[1], now) : undefined;
}

/** Whether the credential this request came with still resolves to someone (long-lived streams). */
export async function stillValid(db: Db, request: FastifyRequest, now: Date): Promise<boolean> {
  const header = request.headers.authorization;
  if (header !== undefined) return (await tokenActor(db, header, now)) !== undefined;
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? (await resolveSession(db, cookie, now)) !== undefined : false;
}
