import type { FastifyPluginAsync } from "fastify";
import { DomainError } from "../../domain/errors.ts";
import type { CaseEvent } from "../../events/emit.ts";
import { stillValid } from "../auth-hook.ts";
import type { CaseEventHub } from "../case-events.ts";
import { requireActor } from "../context.ts";

/**
 * Server-sent events: `case` events name a case that changed (number, version-free), so a page
 * refetches what it shows. Only cases of the caller's workspaces are sent. `notification` events
 * go to their recipient only: one arrived or some were read, so the bell refetches.
 */
export const eventRoutes: FastifyPluginAsync<{ hub: CaseEventHub }> = async (app, { hub }) => {
  // Each stream holds a socket and two subscriptions: one leaked token must not hold thousands.
  const open = new Map<string, number>();
  const limit = app.baton.config.streamsPerPerson;
  const heartbeatMs = app.baton.config.streamHeartbeatSeconds * 1000;
  app.get(
    "/events",
    {
      // Too many live streams open for one person (too_many_streams).
      config: { problems: [429] },
      schema: {
        operationId: "streamEvents",
        produces: ["text/event-stream"],
        tags: ["events"],
        summary:
          "Live stream (text/event-stream) of changes to cases in my workspaces and of my notifications",
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const held = open.get(actor.userId) ?? 0;
      if (held >= limit)
        throw new DomainError(
          "rate_limited",
          "too_many_streams",
          `You already have ${held} live streams open; close a tab or wait for one to end`,
          { details: { retryAfterSeconds: 30 } },
        );
      open.set(actor.userId, held + 1);
      const workspaces = new Map(actor.memberships.map((m) => [m.workspaceId, m.workspaceSlug]));
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        connection: "keep-alive",
        "x-content-type-options": "nosniff",
        // Proxies that buffer would hold events back until the buffer fills.
        "x-accel-buffering": "no",
      });
      res.write("retry: 2000\n\n: connected\n\n");
      const send = (event: CaseEvent) => {
        const workspace = workspaces.get(event.workspaceId);
        if (!workspace) return;
        const data = {
          number: event.number,
          workspace,
          action: event.action,
          actorId: event.actorId,
        };
        res.write(`event: case\ndata: ${JSON.stringify(data)}\n\n`);
      };
      const unsubscribe = hub.subscribe(send);
      // My notifications only: a new one, or some marked read (on another tab, or answered).
      const unsubscribeMine = hub.subscribeNotifications(actor.userId, (signal) => {
        const data = {
          id: signal.id,
          kind: signal.kind,
          caseNumber: signal.caseNumber,
          change: signal.change,
        };
        res.write(`event: notification\ndata: ${JSON.stringify(data)}\n\n`);
      });
      // Each heartbeat asks again who this is: a session that ended (sign-out, password change,
      // deactivation) or a token revoked or expired closes its stream within one beat.
      const heartbeat = setInterval(() => {
        void stillValid(app.baton.database.db, request, new Date()).then(
          (valid) => {
            if (closed) return;
            if (valid) res.write("event: ping\ndata: {}\n\n");
            else {
              res.write("event: ended\ndata: {}\n\n");
              res.end();
              close();
            }
          },
          () => res.write("event: ping\ndata: {}\n\n"),
        );
      }, heartbeatMs);
      let closed = false;
      const close = () => {
        if (closed) return;
        closed = true;
        const left = (open.get(actor.userId) ?? 1) - 1;
        if (left > 0) open.set(actor.userId, left);
        else open.delete(actor.userId);
        clearInterval(heartbeat);
        unsubscribe();
        unsubscribeMine();
      };
      // On shutdown the stream ends cleanly and the page reconnects to another process.
      const release = hub.hold(() => {
        if (closed) return;
        res.end();
        close();
      });
      request.raw.on("close", () => {
        release();
        close();
      });
      res.on("error", close);
    },
  );
};
