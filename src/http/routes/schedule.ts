import { createHash } from "node:crypto";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { resolveCalendarKey } from "../../auth/calendar-keys.ts";
import { rotateCalendarKey } from "../../commands/accounts/rotateCalendarKey.ts";
import { getCalendarFeed } from "../../commands/schedule/getCalendarFeed.ts";
import { getHandoffBoard } from "../../commands/schedule/getHandoffBoard.ts";
import { getNextHolder } from "../../commands/schedule/getNextHolder.ts";
import { listMeetings } from "../../commands/schedule/listMeetings.ts";
import { listRegionsOnDuty } from "../../commands/schedule/listRegionsOnDuty.ts";
import { type Db, fromReplica } from "../../db/client.ts";
import { DomainError } from "../../domain/errors.ts";
import { code, ianaZone } from "../../domain/text.ts";
import { requireActor } from "../context.ts";
import { caseNumberParams } from "./params.ts";
import {
  asJson,
  boardSchema,
  instant,
  meetingsSchema,
  nextHolderSchema,
  onDutySchema,
  workspaceQuery,
} from "./schedule-schemas.ts";

const tags = ["follow the sun"];
const atQuery = instant.optional().describe("The instant to ask about (default: now)");

export const scheduleRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;
  // Reads that may lag a second or two: from the replica when there is one.
  const onReplica = <T>(read: (db: Db) => Promise<T>) => fromReplica(app.baton.database, read);

  app.get(
    "/regions/on-duty",
    {
      schema: {
        operationId: "listRegionsOnDuty",
        tags,
        summary: "Which regions are on duty at an instant, and when each next changes",
        querystring: z.strictObject({ workspace: workspaceQuery, at: atQuery }),
        response: { 200: onDutySchema },
      },
    },
    async (request) => {
      const { workspace, at } = request.query;
      return asJson(
        onDutySchema,
        await listRegionsOnDuty(db(), requireActor(request), {
          ...(workspace ? { workspace } : {}),
          at: at ?? new Date(),
        }),
      );
    },
  );

  app.get(
    "/cases/:number/next-holder",
    {
      schema: {
        operationId: "getNextHolder",
        tags,
        summary: "Who should hold the case next and from when",
        params: caseNumberParams,
        querystring: z.strictObject({
          at: atQuery,
          tz: ianaZone.optional().describe("Your time zone for local renderings (default: yours)"),
        }),
        response: { 200: nextHolderSchema },
      },
    },
    async (request) =>
      asJson(
        nextHolderSchema,
        await getNextHolder(db(), requireActor(request), request.params.number, {
          at: request.query.at ?? new Date(),
          viewerZone: request.query.tz,
        }),
      ),
  );

  app.get(
    "/handoff-board",
    {
      schema: {
        operationId: "getHandoffBoard",
        tags,
        summary: "A region's handoff board: shifts ending, cases waiting, customers not served",
        querystring: z.strictObject({ workspace: workspaceQuery, region: code, at: atQuery }),
        response: { 200: boardSchema },
      },
    },
    async (request) => {
      const { workspace, region, at } = request.query;
      return asJson(
        boardSchema,
        await getHandoffBoard(db(), requireActor(request), {
          ...(workspace ? { workspace } : {}),
          region,
          at: at ?? new Date(),
        }),
      );
    },
  );

  app.get(
    "/handover-meetings",
    {
      schema: {
        operationId: "listHandoverMeetings",
        tags,
        summary: "Handover meetings between two instants, with their agendas near now",
        querystring: z.strictObject({
          workspace: workspaceQuery,
          from: instant,
          to: instant,
          region: code.optional(),
          attendee: z
            .union([z.literal("me"), z.uuid()])
            .optional()
            .describe("Only the meetings this agent attends"),
        }),
        response: { 200: meetingsSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { workspace, from, to, region, attendee } = request.query;
      return asJson(
        meetingsSchema,
        await listMeetings(db(), actor, {
          ...(workspace ? { workspace } : {}),
          from,
          to,
          region,
          attendee: attendee === "me" ? actor.userId : attendee,
          now: new Date(),
        }),
      );
    },
  );

  app.post(
    "/calendar/key",
    {
      schema: {
        operationId: "createCalendarKey",
        tags,
        summary: "A new key for calendar subscriptions (the previous one stops working)",
        response: {
          201: z.object({
            key: z.string().describe("Add as ?key= to a calendar URL; it only reads meetings"),
          }),
        },
      },
    },
    async (request, reply) => {
      const made = await rotateCalendarKey(db(), requireActor(request));
      return reply.code(201).send(made);
    },
  );

  app.get(
    "/calendar/:kind/:file",
    {
      schema: {
        operationId: "getCalendarFeed",
        tags,
        summary: "iCalendar feed of handover meetings for a region or an agent (subscribable)",
        params: z.strictObject({
          kind: z.enum(["region", "agent"]),
          file: z
            .string()
            .regex(/^[A-Za-z0-9_-]{1,64}\.ics$/, "must be <region code or agent id>.ics"),
        }),
        querystring: z.strictObject({
          workspace: workspaceQuery,
          key: z
            .string()
            .max(128)
            .optional()
            .describe("Calendar key, for clients without a session"),
        }),
        produces: ["text/calendar"],
      },
    },
    async (request, reply) => {
      const { workspace, key } = request.query;
      const actor = request.actor ?? (key ? await resolveCalendarKey(db(), key) : undefined);
      if (!actor)
        throw new DomainError(
          "unauthenticated",
          "invalid_calendar_key",
          "Sign in, or subscribe with the URL that carries your calendar key",
        );
      const feed = await onReplica((db) =>
        getCalendarFeed(db, actor, {
          ...(workspace ? { workspace } : {}),
          kind: request.params.kind,
          id: request.params.file.slice(0, -".ics".length),
          now: new Date(),
          uidDomain: calendarHost(app.baton.config.publicUrl),
        }),
      );
      const etag = `"${createHash("sha256").update(feed.text).digest("base64url").slice(0, 27)}"`;
      reply.header("etag", etag).header("cache-control", "private, max-age=300");
      if (etagMatches(request.headers["if-none-match"], etag)) return reply.code(304).send();
      return reply
        .type("text/calendar; charset=utf-8")
        .header("content-disposition", `inline; filename="${feed.filename}"`)
        .send(feed.text);
    },
  );
};

/** If-None-Match holds this ETag (weak or strong, RFC 9110 §13.1.2), or is "*". */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === etag;
  });
}

function calendarHost(publicUrl: string | undefined): string {
  return publicUrl ? new URL(publicUrl).hostname : "baton.localhost";
}
