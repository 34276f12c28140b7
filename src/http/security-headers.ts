import type { FastifyInstance } from "fastify";
import helmet, { type HelmetOptions } from "helmet";

/**
 * Helmet's headers on every response. @fastify/helmet built Helmet's middleware again for each
 * request (parsing the Content-Security-Policy's directives each time: 3 % of a transfer's
 * server CPU, docs/performance.md); the options here do not depend on the request, so it is
 * built once and run on each request's raw response, as that plugin does.
 */
export function addSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const middleware = helmet(options);
  app.addHook("onRequest", (request, reply, done) => {
    middleware(request.raw, reply.raw, (error?: unknown) =>
      done(error instanceof Error ? error : undefined),
    );
  });
}
