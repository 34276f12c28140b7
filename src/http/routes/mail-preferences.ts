import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listMyMailPreferences } from "../../commands/accounts/listMyMailPreferences.ts";
import { readUnsubscribeLink } from "../../commands/accounts/readUnsubscribeLink.ts";
import {
  mailPreferencesParams,
  setMailPreferencesInput,
  setMyMailPreferences,
} from "../../commands/accounts/setMyMailPreferences.ts";
import { unsubscribeByLink, unsubscribeParams } from "../../commands/accounts/unsubscribeByLink.ts";
import { requireActor } from "../context.ts";
import {
  mailPreferenceList,
  mailPreferences,
  unsubscribeLinkAnswer,
} from "./mail-preference-schemas.ts";

const tags = ["auth"];

// The link's token is its authority: no session, and so no CSRF token, is asked for (RFC 8058:
// the receiving mail service POSTs with no cookies), nor used if the browser sends one.
const signedLink = { signedLink: true, problems: [403] } as const;

/** Team mail by topic, per person and workspace: the account page's switches and mail's links. */
export const mailPreferenceRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;

  // RFC 8058's one-click POST is a form ("List-Unsubscribe=One-Click"); its content says nothing
  // the link does not, so it is read and set aside.
  app.addContentTypeParser(
    ["application/x-www-form-urlencoded", "multipart/form-data"],
    { parseAs: "string", bodyLimit: 4096 },
    (_request, _body, done) => done(null, undefined),
  );

  app.get(
    "/me/mail-preferences",
    {
      schema: {
        operationId: "listMyMailPreferences",
        tags,
        summary: "My team mail in each of my workspaces, topic by topic",
        response: { 200: mailPreferenceList },
      },
    },
    async (request) => listMyMailPreferences(db(), requireActor(request)),
  );

  app.put(
    "/me/mail-preferences/:workspace",
    {
      schema: {
        operationId: "setMyMailPreferences",
        tags,
        summary: "Turn team mail topics off or on in one workspace (version-checked)",
        params: mailPreferencesParams,
        body: setMailPreferencesInput,
        response: { 200: mailPreferences },
      },
    },
    async (request) =>
      setMyMailPreferences(db(), requireActor(request), request.params, request.body),
  );

  app.post(
    "/mail/unsubscribe/:token",
    {
      config: signedLink,
      schema: {
        operationId: "unsubscribeByLink",
        tags,
        summary:
          "One-click unsubscribe (RFC 8058): the link's person stops getting its topic by email in its workspace; again changes nothing",
        security: [],
        params: unsubscribeParams,
        response: { 200: unsubscribeLinkAnswer },
      },
    },
    async (request) => unsubscribeByLink(db(), request.params),
  );

  app.get(
    "/mail/unsubscribe/:token",
    {
      config: signedLink,
      schema: {
        operationId: "readUnsubscribeLink",
        tags,
        summary:
          "What an unsubscribe link turns off, and whether it already is; a browser is sent on to the page that asks first. Nothing changes",
        security: [],
        params: unsubscribeParams,
        response: {
          200: unsubscribeLinkAnswer,
          303: unsubscribeLinkAnswer.describe("A browser: to /unsubscribe/{token} in the web app"),
        },
      },
    },
    async (request, reply) => {
      const answer = await readUnsubscribeLink(db(), request.params);
      // A person opening the link from their mail reads the web app's page, in their language.
      if (request.headers.accept?.includes("text/html"))
        return reply.redirect(`/unsubscribe/${encodeURIComponent(request.params.token)}`, 303);
      return answer;
    },
  );
};
