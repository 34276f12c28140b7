import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { changePassword } from "../../commands/accounts/changePassword.ts";
import { createToken } from "../../commands/accounts/createToken.ts";
import { listMyTokens } from "../../commands/accounts/listMyTokens.ts";
import { revokeToken } from "../../commands/accounts/revokeToken.ts";
import { signIn } from "../../commands/accounts/signIn.ts";
import { signOut } from "../../commands/accounts/signOut.ts";
import { DomainError, notFound } from "../../domain/errors.ts";
import { safeText } from "../../domain/text.ts";
import { SESSION_COOKIE } from "../auth-hook.ts";
import { requireActor } from "../context.ts";
import { setSessionCookie } from "../session-cookie.ts";
import { sessionUser } from "./session-schemas.ts";
import {
  changePasswordBody,
  createdToken,
  createTokenBody,
  tokenList,
  tokenParams,
} from "./token-schemas.ts";

const present = (actor: Actor) => ({
  id: actor.userId,
  email: actor.email,
  name: actor.name,
  workspaces: actor.memberships.map((m) => ({
    id: m.workspaceId,
    slug: m.workspaceSlug,
    role: m.role,
  })),
  csrfToken: actor.csrfToken ?? null,
});

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;

  app.post(
    "/auth/login",
    {
      config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: {
        operationId: "signIn",
        tags: ["auth"],
        summary: "Sign in with email and password; sets the session cookie",
        security: [],
        // The email is looked up and counted in login_failures: PostgreSQL cannot hold NUL.
        body: z.strictObject({ email: safeText(320), password: z.string().max(200) }),
        response: { 200: sessionUser },
      },
    },
    async (request, reply) => {
      if (!app.baton.config.passwordSignIn)
        throw new DomainError(
          "forbidden",
          "password_sign_in_off",
          "Sign in with single sign-on here; passwords are turned off",
        );
      const { actor, session } = await signIn(db(), {
        email: request.body.email,
        password: request.body.password,
        now: new Date(),
        sessionTtlHours: app.baton.config.sessionHours,
        client: request.ip,
      });
      setSessionCookie(request, reply, session.token, session.expiresAt);
      return present(actor);
    },
  );

  app.post(
    "/auth/logout",
    {
      schema: {
        operationId: "signOut",
        tags: ["auth"],
        summary: "End this session",
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await signOut(db(), { token, now: new Date() });
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/auth/session",
    {
      schema: {
        operationId: "getSession",
        tags: ["auth"],
        summary: "Who am I",
        response: { 200: sessionUser },
      },
    },
    async (request) => present(requireActor(request)),
  );

  app.post(
    "/auth/password",
    {
      schema: {
        operationId: "changePassword",
        tags: ["auth"],
        summary: "Change my password; ends all my sessions and, unless kept, my API tokens",
        body: changePasswordBody,
        response: { 200: z.object({ revokedSessions: z.number(), revokedTokens: z.number() }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const result = await changePassword(db(), {
        userId: actor.userId,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        keepTokens: request.body.keepTokens,
        client: request.ip,
        now: new Date(),
      });
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return result;
    },
  );

  app.get(
    "/auth/tokens",
    {
      schema: {
        operationId: "listMyTokens",
        tags: ["auth"],
        summary: "My API tokens, newest first (never their secrets)",
        response: { 200: tokenList },
      },
    },
    async (request) => listMyTokens(db(), requireActor(request)),
  );

  app.post(
    "/auth/tokens",
    {
      schema: {
        operationId: "createToken",
        tags: ["auth"],
        summary: "Create an API token for scripts; its secret is shown once",
        body: createTokenBody,
        response: { 201: createdToken },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const created = await createToken(db(), {
        email: actor.email,
        name: request.body.name,
        scope: request.body.scope,
        ...(request.body.days !== undefined ? { days: request.body.days } : {}),
        lifetime: app.baton.config.tokens,
        actorId: actor.userId,
      });
      return reply.code(201).send(created);
    },
  );

  app.delete(
    "/auth/tokens/:id",
    {
      schema: {
        operationId: "revokeMyToken",
        tags: ["auth"],
        summary: "Revoke one of my API tokens at once",
        params: tokenParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const revoked = await revokeToken(db(), {
        tokenId: request.params.id,
        actorId: actor.userId,
        by: "owner",
        userId: actor.userId,
      });
      if (!revoked) throw notFound(`Token ${request.params.id}`);
      return reply.code(204).send(null);
    },
  );
};
