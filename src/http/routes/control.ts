import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { sameSecret } from "../../auth/secrets.ts";
import { archiveDatabase } from "../../db/backup.ts";
import { DomainError, notFound } from "../../domain/errors.ts";

export const CONTROL_HEADER = "x-baton-control";
/** `baton backup`'s way in: its answer is the archive itself, not JSON. */
export const BACKUP_ROUTE = "/_control/backup";
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
  const admit = (request: FastifyRequest) => {
    const sent = request.headers[CONTROL_HEADER];
    if (!LOOPBACK.test(request.socket.remoteAddress ?? "") || typeof sent !== "string")
      throw notFound("Route");
    if (!sameSecret(sent, options.secret))
      throw new DomainError("forbidden", "forbidden", "Wrong control secret");
  };

  // Made by this process on its one PGlite instance, between transactions, while it goes on
  // serving: a second process may not open the folder, and a copy of the files taken from
  // outside could catch a transaction half written.
  app.post(BACKUP_ROUTE, { schema: { hide: true } }, async (request, reply) => {
    admit(request);
    const archive = await archiveDatabase(app.baton.database);
    return reply.header("content-type", "application/gzip").send(archive);
  });

  app.post<{ Params: { operation: string }; Body: unknown }>(
    "/_control/:operation",
    { schema: { hide: true } },
    async (request) => {
      admit(request);
      const name = request.params.operation;
      if (!options.operations.includes(name)) throw notFound(`Operation ${name}`);
      return { result: await options.run(name, request.body) };
    },
  );
};
