import { sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { sameSecret } from "../../auth/secrets.ts";
import { VERSION } from "../../config.ts";
import { migrationState } from "../../db/migrations.ts";
import { DomainError } from "../../domain/errors.ts";
import type { AppMetrics } from "../metrics.ts";

const check = z.object({ ok: z.boolean(), detail: z.string() });
const readiness = z.object({
  status: z.enum(["ready", "not_ready"]),
  version: z.string(),
  checks: z.object({ database: check, migrations: check, worker: check, shutdown: check }),
});

/** Gives up on a check that hangs, so a probe answers within its own timeout. */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref(),
    ),
  ]);
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Probes for the orchestrator and Prometheus, outside /api/v1 and without sign-in: liveness (the
 * process answers), readiness (database reachable, migrations current, background worker alive,
 * not shutting down) and metrics. They log at warn only: a probe every few seconds would otherwise
 * fill the access log.
 */
export const probeRoutes: FastifyPluginAsyncZod<{ metrics: AppMetrics }> = async (
  app,
  { metrics },
) => {
  const quiet = { logLevel: "warn" as const, config: { probe: true } };
  app.get(
    "/healthz",
    {
      ...quiet,
      schema: {
        operationId: "getLiveness",
        tags: ["system"],
        summary: "Liveness: the process answers (no database call)",
        security: [],
        response: { 200: z.object({ status: z.literal("ok"), version: z.string() }) },
      },
    },
    async () => ({ status: "ok" as const, version: VERSION }),
  );

  app.get(
    "/readyz",
    {
      ...quiet,
      schema: {
        operationId: "getReadiness",
        tags: ["system"],
        summary: "Readiness: database reachable, migrations current, background worker alive",
        security: [],
        response: { 200: readiness, 503: readiness },
      },
    },
    async (_request, reply) => {
      const { database, health } = app.baton;
      const db = await within(2_000, database.db.execute(sql`select 1`)).then(
        () => ({ ok: true, detail: `${database.kind} answers` }),
        (error: unknown) => ({ ok: false, detail: `database unreachable: ${message(error)}` }),
      );
      const migrations = db.ok
        ? await within(2_000, migrationState(database.db)).then(
            (s) =>
              s.pending.length === 0
                ? { ok: true, detail: `all ${s.known} applied` }
                : { ok: false, detail: `${s.pending.length} not applied: ${s.pending.join(", ")}` },
            (error: unknown) => ({ ok: false, detail: message(error) }),
          )
        : { ok: false, detail: "not checked: the database is unreachable" };
      const worker = health.worker();
      const shutdown = health.stopping
        ? { ok: false, detail: "shutting down; send traffic elsewhere" }
        : { ok: true, detail: "serving" };
      const checks = { database: db, migrations, worker, shutdown };
      const ready = Object.values(checks).every((c) => c.ok);
      // 503 takes the process out of a load balancer's rotation, and says why in the body.
      void reply.code(ready ? 200 : 503);
      return {
        status: ready ? ("ready" as const) : ("not_ready" as const),
        version: VERSION,
        checks,
      };
    },
  );

  app.get("/metrics", { ...quiet, schema: { hide: true } }, async (request, reply) => {
    const token = app.baton.config.metricsToken;
    if (token) {
      const sent = request.headers.authorization?.replace(/^Bearer\s+/i, "") ?? "";
      if (!sameSecret(sent, token))
        throw new DomainError(
          "unauthenticated",
          "metrics_token",
          "Send the metrics token as Authorization: Bearer <token>",
        );
    }
    const { contentType, body } = await metrics.exposition();
    return reply.type(contentType).send(body);
  });
};
