import type { FastifyPluginAsync } from "fastify";
import { sameSecret } from "../../auth/secrets.ts";
import { DomainError, notFound } from "../../domain/errors.ts";

export const CONTROL_HEADER = "x-baton-control";
const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * The CLI's way in while this process owns the PGlite folder. Only callers on this machine that
 * can read the lock file (mode 0600) know the secret.
 */
export interface ControlChannel {
  secret: string;
  operations: readonly string[];
  run(operation: string, args: unknown): Promise<unknown>;
}

export const controlRoutes: FastifyPluginAsync<ControlChannel> = async (app, options) => {
  app.post<{ Params: { operation: string }; Body: unknown }>(
    "/_control/:operation",
    { schema: { hide: true } },
    async (request) => {
      const sent = request.headers[CONTROL_HEADER];
      if (!LOOPBACK.test(request.socket.remoteAddress ?? "") || typeof sent !== "string")
        throw notFound("Route");
      if (!sameSecret(sent, options.secret))
        throw new DomainError("forbidden", "forbidden", "Wrong control secret");
      const name = request.params.operation;
      if (!options.operations.includes(name)) throw notFound(`Operation ${name}`);
      return { result: await options.run(name, request.body) };
    },
  );
};
