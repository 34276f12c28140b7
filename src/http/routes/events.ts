import type { FastifyPluginAsync } from "fastify";
import type { CaseEvent } from "../../commands/audit.ts";
import type { CaseEventHub } from "../case-events.ts";
import { requireActor } from "../context.ts";

const HEARTBEAT_MS = 25_000;

/**
 * Server-sent events: `case` events name a case that changed (number, version-free), so a page
 * refetches what it shows. Only cases of the caller's workspaces are sent.
 */
export const eventRoutes: FastifyPluginAsync<{ hub: CaseEventHub }> = async (app, { hub }) => {
  app.get(
    "/events",
    {
      schema: {
        tags: ["events"],
        summary: "Live stream (text/event-stream) of changes to cases in my workspaces",
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
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
      const heartbeat = setInterval(() => res.write("event: ping\ndata: {}\n\n"), HEARTBEAT_MS);
      const close = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      request.raw.on("close", close);
      res.on("error", close);
    },
  );
};
