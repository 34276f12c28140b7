import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { DomainError } from "../domain/errors.ts";
import { duplicateKey } from "../domain/json-keys.ts";
import { setPublicUrl } from "../notify/in-app.ts";
import { AccessLog } from "./access-log.ts";
import { registerAuthHook } from "./auth-hook.ts";
import { CaseEventHub } from "./case-events.ts";
import type { HealthState } from "./context.ts";
import { guardText } from "./input-guard.ts";
import { appMetrics, recordRequests } from "./metrics.ts";
import { documentObject, documentRoute, withServer } from "./openapi.ts";
import "./schema-names.ts";
import { sendProblem, toProblem } from "./problem.ts";
import { agentRoutes } from "./routes/agents.ts";
import { analyticsRoutes } from "./routes/analytics.ts";
import { attachmentRoutes } from "./routes/attachments.ts";
import { authRoutes } from "./routes/auth.ts";
import { callRoutes } from "./routes/calls.ts";
import { cannedReplyRoutes } from "./routes/canned-replies.ts";
import { caseRoutes } from "./routes/cases.ts";
import { childCaseRoutes } from "./routes/child-cases.ts";
import { type ControlChannel, controlRoutes } from "./routes/control.ts";
import { customerRoutes } from "./routes/customers.ts";
import { deliveryRoutes } from "./routes/deliveries.ts";
import { developmentRoutes } from "./routes/development.ts";
import { eventRoutes } from "./routes/events.ts";
import { healthRoutes } from "./routes/health.ts";
import { inboundRoutes } from "./routes/inbound.ts";
import { leaveRoutes } from "./routes/leave.ts";
import { mailPreferenceRoutes } from "./routes/mail-preferences.ts";
import { notificationRoutes } from "./routes/notifications.ts";
import { offQueueRoutes } from "./routes/off-queue.ts";
import { peopleRoutes } from "./routes/people.ts";
import { policyRoutes } from "./routes/policy.ts";
import { probeRoutes } from "./routes/probes.ts";
import { projectRoutes } from "./routes/projects.ts";
import { queueRoutes } from "./routes/queues.ts";
import { reportRoutes } from "./routes/reports.ts";
import { scheduleRoutes } from "./routes/schedule.ts";
import { sheetRoutes } from "./routes/sheet.ts";
import { ssoRoutes } from "./routes/sso.ts";
import { teamHandoffRoutes } from "./routes/team-handoff.ts";
import { templateRoutes } from "./routes/templates.ts";
import { tokenRoutes } from "./routes/tokens.ts";
import { trainingRoutes } from "./routes/training.ts";
import { transferRoutes } from "./routes/transfers.ts";
import { viewRoutes } from "./routes/views.ts";
import { webRoutes } from "./routes/web.ts";
import { webhookRoutes } from "./routes/webhooks.ts";
import { workspaceRoutes } from "./routes/workspaces.ts";
import { addSecurityHeaders, securityOptions } from "./security-headers.ts";

export interface AppOptions {
  database: Database;
  config: Config;
  /** The local channel the CLI uses while this process owns the PGlite folder. */
  control?: ControlChannel;
  logger?: boolean | { level: string };
  /** The built web app to serve; web/dist unless given (tests build one of their own). */
  webDist?: string;
}

export const API = "/api/v1";

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    logController: new AccessLog(),
    bodyLimit: 1024 * 1024,
    trustProxy: options.config.trustProxy,
    routerOptions: { maxParamLength: 200 },
    // On close, keep-alive connections with nothing in flight are closed at once; requests under
    // way finish first. Event streams never go idle: preClose below ends them.
    forceCloseConnections: "idle",
    // A URL Fastify cannot decode (e.g. /cases/%ff) is answered as problem+json like any other.
    frameworkErrors: (error, request, reply) => {
      sendProblem(reply, toProblem(error, request));
    },
  }).withTypeProvider<ZodTypeProvider>();
  const health: HealthState = {
    stopping: false,
    worker: () =>
      options.config.background
        ? { ok: false, detail: "the background worker has not started" }
        : { ok: true, detail: "background work is off in this process (BATON_BACKGROUND=off)" },
  };
  app.decorate("baton", { database: options.database, config: options.config, health });
  app.setValidatorCompiler(guardText(validatorCompiler));
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a text/plain body is refused with 415 rather than half-understood.
  app.removeContentTypeParser("text/plain");
  // Fastify's own parser (with its __proto__ and constructor checks), after a check that no key
  // appears twice in one object: JSON.parse would silently act on the last one.
  const json = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    json(request, text, (error, value) => {
      if (error) return done(error, undefined);
      const twice = duplicateKey(text);
      if (twice === undefined) return done(null, value);
      return done(
        new DomainError("validation", "duplicate_key", `${twice}: appears twice in the JSON body`, {
          issues: [{ field: twice, message: "appears twice in the JSON body" }],
        }),
        undefined,
      );
    });
  });

  app.setErrorHandler((error, request, reply) => sendProblem(reply, toProblem(error, request)));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      type: "https://baton.example/problems/not_found",
      title: "Not Found",
      status: 404,
      detail: `No route ${request.method} ${request.url.split("?")[0]}`,
      code: "not_found",
    }),
  );

  await app.register(cookie);
  addSecurityHeaders(app, securityOptions(options.config.trustProxy));
  await app.register(rateLimit, {
    global: false,
    // Thrown, so the answer is Baton's problem+json with the wait in seconds, as sign-in's is.
    errorResponseBuilder: (_request, context) =>
      new DomainError("rate_limited", "rate_limited", "Too many requests; wait and try again", {
        details: { retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) },
      }),
  });
  await app.register(swagger, {
    openapi: {
      // 3.1: JSON Schema proper, where a nullable reference to a named schema can be written.
      openapi: "3.1.0",
      info: {
        title: "Baton API",
        version: "1",
        license: { name: "Apache-2.0", url: "https://www.apache.org/licenses/LICENSE-2.0" },
        description:
          "Cases, notes, agents and their availability. Authenticate with a session cookie " +
          "(send the x-csrf-token header on writes) or `Authorization: Bearer <token>`.",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          session: { type: "apiKey", in: "cookie", name: "baton_session" },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: documentRoute,
    transformObject: documentObject,
  });
  await app.register(swaggerUi, {
    routePrefix: "/docs",
    staticCSP: true,
    transformSpecification: (document, request) =>
      withServer(document, options.config.publicUrl, request),
    // The docs page must not be framed either (clickjacking), like every other page.
    transformStaticCSP: (header) =>
      header.replace("frame-ancestors 'self'", "frame-ancestors 'none'"),
  });

  const hub = new CaseEventHub();
  await hub.start(options.database);
  app.addHook("preClose", async () => {
    health.stopping = true;
    hub.endStreams();
  });
  app.addHook("onClose", () => hub.stop());
  const metrics = appMetrics(options.database, hub);
  recordRequests(app, metrics);
  await app.register(probeRoutes, { metrics });
  registerAuthHook(app);
  await app.register(healthRoutes, { prefix: API });
  await app.register(authRoutes, { prefix: API });
  await app.register(tokenRoutes, { prefix: API });
  await app.register(mailPreferenceRoutes, { prefix: API });
  await app.register(peopleRoutes, { prefix: API });
  await app.register(ssoRoutes, { prefix: API });
  await app.register(caseRoutes, { prefix: API });
  await app.register(agentRoutes, { prefix: API });
  await app.register(offQueueRoutes, { prefix: API });
  await app.register(leaveRoutes, { prefix: API });
  await app.register(callRoutes, { prefix: API });
  await app.register(trainingRoutes, { prefix: API });
  await app.register(childCaseRoutes, { prefix: API });
  await app.register(projectRoutes, { prefix: API });
  await app.register(developmentRoutes, { prefix: API });
  await app.register(workspaceRoutes, { prefix: API });
  await app.register(queueRoutes, { prefix: API });
  await app.register(policyRoutes, { prefix: API });
  await app.register(customerRoutes, { prefix: API });
  await app.register(transferRoutes, { prefix: API });
  await app.register(scheduleRoutes, { prefix: API });
  await app.register(deliveryRoutes, { prefix: API });
  await app.register(webhookRoutes, { prefix: API });
  await app.register(inboundRoutes, { prefix: API });
  await app.register(attachmentRoutes, { prefix: API });
  await app.register(templateRoutes, { prefix: API });
  await app.register(cannedReplyRoutes, { prefix: API });
  await app.register(viewRoutes, { prefix: API });
  await app.register(notificationRoutes, { prefix: API });
  await app.register(teamHandoffRoutes, { prefix: API });
  await app.register(sheetRoutes, { prefix: API });
  await app.register(reportRoutes, { prefix: API });
  await app.register(analyticsRoutes, { prefix: API });
  // Links in in-app and email notifications point at the public address, when one is set.
  setPublicUrl(options.config.publicUrl);

  await app.register(eventRoutes, { prefix: API, hub });
  if (options.control) await app.register(controlRoutes, { prefix: API, ...options.control });
  await app.register(webRoutes, {
    dist: options.webDist,
    publicSourceMaps: options.config.publicSourceMaps,
  });
  app.get(`${API}/openapi.json`, { schema: { hide: true } }, async (request) =>
    withServer(app.swagger(), options.config.publicUrl, request),
  );
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
