import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { acceptInput, acceptInvitation } from "../../commands/people/acceptInvitation.ts";
import { changeRole, changeRoleInput } from "../../commands/people/changeRole.ts";
import { deactivatePerson } from "../../commands/people/deactivatePerson.ts";
import { inviteInput, invitePerson } from "../../commands/people/invitePerson.ts";
import { listPeople } from "../../commands/people/listPeople.ts";
import { reactivatePerson } from "../../commands/people/reactivatePerson.ts";
import { readInvitation } from "../../commands/people/readInvitation.ts";
import { personVersionInput, removeMember } from "../../commands/people/removeMember.ts";
import {
  invitationVersionInput,
  resendInvitation,
} from "../../commands/people/resendInvitation.ts";
import { revokeInvitation } from "../../commands/people/revokeInvitation.ts";
import { slug } from "../../domain/text.ts";
import { requireActor } from "../context.ts";
import { setSessionCookie } from "../session-cookie.ts";
import {
  deactivated,
  invitationAccepted,
  invitationOffer,
  invitationSent,
  invitationView,
  peopleList,
  personView,
  removed,
} from "./people-schemas.ts";

const tags = ["people"];
const ws = z.strictObject({ workspace: slug });
const person = z.strictObject({ workspace: slug, userId: z.string().max(64) });
const invitation = z.strictObject({ workspace: slug, id: z.string().max(64) });
const token = z.strictObject({ token: z.string().min(1).max(128) });

/** A workspace's people, managed by its admins; the invitation link's own two routes are public. */
export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;
  const settings = (request: FastifyRequest) => ({
    // Links in mail must be absolute: the configured address, else the one the admin is using.
    baseUrl: app.baton.config.publicUrl ?? `${request.protocol}://${request.host}`,
    days: app.baton.config.invitationDays,
  });

  app.get(
    "/workspaces/:workspace/people",
    {
      schema: {
        operationId: "listPeople",
        tags,
        summary: "The workspace's people and invitations (admins)",
        params: ws,
        response: { 200: peopleList },
      },
    },
    async (request) => listPeople(db(), requireActor(request), request.params.workspace),
  );

  app.post(
    "/workspaces/:workspace/invitations",
    {
      schema: {
        operationId: "createInvitation",
        tags,
        summary: "Invite someone by email: a single-use link that expires (admins)",
        params: ws,
        body: inviteInput,
        response: { 201: invitationSent },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await invitePerson(
            db(),
            requireActor(request),
            request.params.workspace,
            request.body,
            settings(request),
          ),
        ),
  );

  app.post(
    "/workspaces/:workspace/invitations/:id/resend",
    {
      schema: {
        operationId: "resendInvitation",
        tags,
        summary: "Mail a new link; the old one stops working (admins)",
        params: invitation,
        body: invitationVersionInput,
        response: { 200: invitationSent },
      },
    },
    async (request) =>
      resendInvitation(
        db(),
        requireActor(request),
        request.params.workspace,
        request.params.id,
        request.body,
        settings(request),
      ),
  );

  app.post(
    "/workspaces/:workspace/invitations/:id/revoke",
    {
      schema: {
        operationId: "revokeInvitation",
        tags,
        summary: "Withdraw an invitation; its link stops working (admins)",
        params: invitation,
        body: invitationVersionInput,
        response: { 200: invitationView },
      },
    },
    async (request) =>
      revokeInvitation(
        db(),
        requireActor(request),
        request.params.workspace,
        request.params.id,
        request.body,
      ),
  );

  app.put(
    "/workspaces/:workspace/people/:userId/role",
    {
      schema: {
        operationId: "setPersonRole",
        tags,
        summary: "Give a member another role (admins); the workspace always keeps an admin",
        params: person,
        body: changeRoleInput,
        response: { 200: personView },
      },
    },
    async (request) =>
      changeRole(
        db(),
        requireActor(request),
        request.params.workspace,
        request.params.userId,
        request.body,
      ),
  );

  app.post(
    "/workspaces/:workspace/people/:userId/deactivate",
    {
      schema: {
        operationId: "deactivatePerson",
        tags,
        summary:
          "Deactivate someone: they cannot sign in, their sessions and tokens end at once (admins)",
        params: person,
        body: personVersionInput,
        response: { 200: deactivated },
      },
    },
    async (request) =>
      deactivatePerson(
        db(),
        requireActor(request),
        request.params.workspace,
        request.params.userId,
        request.body,
      ),
  );

  app.post(
    "/workspaces/:workspace/people/:userId/reactivate",
    {
      schema: {
        operationId: "reactivatePerson",
        tags,
        summary: "Let someone deactivated sign in again (admins)",
        params: person,
        body: personVersionInput,
        response: { 200: personView },
      },
    },
    async (request) =>
      reactivatePerson(
        db(),
        requireActor(request),
        request.params.workspace,
        request.params.userId,
        request.body,
      ),
  );

  app.post(
    "/workspaces/:workspace/people/:userId/remove",
    {
      schema: {
        operationId: "removePerson",
        tags,
        summary: "Take someone out of this workspace; their account stays (admins)",
        params: person,
        body: personVersionInput,
        response: { 200: removed },
      },
    },
    async (request) =>
      removeMember(
        db(),
        requireActor(request),
        request.params.workspace,
        request.params.userId,
        request.body,
      ),
  );

  app.get(
    "/invitations/:token",
    {
      config: { rateLimit: { max: 60, timeWindow: "1 minute" }, problems: [410] },
      schema: {
        operationId: "getInvitation",
        tags,
        summary: "What an invitation link offers (no sign-in: the link is the key)",
        security: [],
        params: token,
        response: { 200: invitationOffer },
      },
    },
    async (request) => readInvitation(db(), request.params.token),
  );

  app.post(
    "/invitations/:token/accept",
    {
      config: { rateLimit: { max: 30, timeWindow: "1 minute" }, problems: [403, 409, 410] },
      schema: {
        operationId: "acceptInvitation",
        tags,
        summary:
          "Join with the link: a new account (name, password) is signed in; an existing one signs in first",
        security: [],
        params: token,
        body: acceptInput,
        response: { 200: invitationAccepted },
      },
    },
    async (request, reply) => {
      const result = await acceptInvitation(
        db(),
        request.params.token,
        request.body,
        request.actor,
        {
          sessionTtlHours: app.baton.config.sessionHours,
        },
      );
      if (result.session)
        setSessionCookie(request, reply, result.session.token, result.session.expiresAt);
      return {
        workspace: result.workspace,
        newAccount: result.newAccount,
        signedIn: result.session !== null,
      };
    },
  );
};
