import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  listNotifications,
  notificationsQuery,
} from "../../commands/notifications/listNotifications.ts";
import { readAllNotifications } from "../../commands/notifications/readAllNotifications.ts";
import { readNotification } from "../../commands/notifications/readNotification.ts";
import { requireActor } from "../context.ts";
import { notificationPage } from "./notification-schemas.ts";

const tags = ["notifications"];
const idParams = z.strictObject({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, "must be a notification id")
    .transform(Number),
});

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;

  app.get(
    "/notifications",
    {
      schema: {
        operationId: "listNotifications",
        tags,
        summary: "My in-app notifications, newest first, with how many are unread",
        querystring: notificationsQuery,
        response: {
          200: notificationPage,
        },
      },
    },
    async (request) => listNotifications(db(), requireActor(request), request.query),
  );

  app.post(
    "/notifications/:id/read",
    {
      schema: {
        operationId: "markNotificationRead",
        tags,
        summary: "Mark one of my notifications read",
        params: idParams,
        response: { 200: z.object({ id: z.number(), readAt: z.string().nullable() }) },
      },
    },
    async (request) => readNotification(db(), requireActor(request), request.params.id),
  );

  app.post(
    "/notifications/read-all",
    {
      schema: {
        operationId: "markAllNotificationsRead",
        tags,
        summary: "Mark all my notifications read",
        response: { 200: z.object({ read: z.number() }) },
      },
    },
    async (request) => readAllNotifications(db(), requireActor(request)),
  );
};
