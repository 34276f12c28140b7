import type { FastifyInstance } from "fastify";
import { OPERATION_NAMES, type OperationName, runOperation } from "./cli/operations.ts";
import { receiveMessage } from "./commands/inbound/receiveMessage.ts";
import type { Config } from "./config.ts";
import { type Database, openPglite, openPostgres } from "./db/client.ts";
import { acquireDataDir, type DataDirLock } from "./db/data-lock.ts";
import { type DemoSummary, seedDemo } from "./demo/seed.ts";
import { buildApp } from "./http/app.ts";
import {
  type InboundListener,
  inboundSettings,
  startInboundSmtp,
} from "./inbound/smtp-listener.ts";
import { startBackground } from "./jobs/background.ts";
import { setPublicUrl } from "./notify/in-app.ts";

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  /** What the demo seed loaded, when this start seeded an empty database. */
  demo: Extract<DemoSummary, { seeded: true }> | undefined;
  /** The inbound SMTP listener, when this process runs background work and it is on. */
  inbound: InboundListener | undefined;
  stop(): Promise<void>;
}

/**
 * Opens the configured database, migrates it, seeds the demo on an empty one, and listens.
 * `step` is told as each part of the start ends (bench/startup.ts times them).
 */
export async function startServer(
  config: Config,
  step: (done: string) => void = () => {},
): Promise<RunningServer> {
  let lock: DataDirLock | undefined;
  let database: Database;
  if (config.databaseUrl) {
    database = await openPostgres(config.databaseUrl, config.dbPoolSize, {
      sessionUrl: config.databaseSessionUrl,
      readUrl: config.databaseReadUrl,
      connectTimeoutMs: config.dbConnectTimeoutMs,
    });
  } else {
    lock = acquireDataDir(config.dataDir);
    try {
      database = await openPglite(config.dataDir);
    } catch (error) {
      lock.release();
      throw error;
    }
  }
  step("database open");
  try {
    await database.migrate();
    step("migrate");
    const demo = config.demo === "auto" ? await seedDemo(database.db) : undefined;
    step("demo seed (or check)");
    const app = await buildApp({
      database,
      config,
      ...(lock?.info.controlSecret
        ? {
            control: {
              secret: lock.info.controlSecret,
              operations: OPERATION_NAMES,
              run: (name: string, args: unknown) =>
                runOperation(database, name as OperationName, args, config),
            },
          }
        : {}),
      logger: { level: config.logLevel },
    });
    step("buildApp");
    // Inbound mail binds first: a port it cannot have stops the start before HTTP answers anyone.
    const inbound =
      config.background && config.inbound.smtp
        ? await startInbound(database, config, app).catch(async (error: unknown) => {
            await app.close();
            throw error;
          })
        : undefined;
    step("inbound SMTP");
    await app.listen({ host: config.host, port: config.port }).catch(async (error: unknown) => {
      await inbound?.stop();
      await app.close();
      throw error;
    });
    step("listen");
    const background = config.background
      ? await startBackground({
          database,
          mail: config.mail,
          log: app.log,
          publicUrl: config.publicUrl,
          retentionDays: config.deliveryRetentionDays,
        }).catch(async (error: unknown) => {
          await inbound?.stop();
          await app.close();
          throw error;
        })
      : undefined;
    step("background work");
    if (background) app.baton.health.worker = () => background.health();
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const host = config.host.includes(":") ? `[${config.host}]` : config.host;
    const url = config.publicUrl ?? `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
    lock?.publish(`http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`);
    // Links in messages need an address; without BATON_PUBLIC_URL the one just taken is it.
    if (!config.publicUrl) setPublicUrl(url);
    return {
      app,
      database,
      url,
      demo: demo?.seeded ? demo : undefined,
      inbound,
      // Graceful: readiness turns 503 and new requests are refused with 503, requests under way
      // finish, event streams end (pages reconnect elsewhere), then background work finishes its
      // jobs in hand (or leaves them to be retried) before the database closes.
      stop: async () => {
        app.baton.health.stopping = true;
        await inbound?.stop();
        await app.close();
        await background?.stop();
        await database.close();
        lock?.release();
      },
    };
  } catch (error) {
    await database.close().catch(() => {});
    lock?.release();
    throw error;
  }
}

/**
 * The inbound SMTP listener. Set explicitly, a port that cannot be bound stops the start; the
 * demo default (127.0.0.1:2525) only warns, so a second local Baton still starts.
 */
async function startInbound(
  database: Database,
  config: Config,
  app: FastifyInstance,
): Promise<InboundListener | undefined> {
  const smtp = config.inbound.smtp;
  if (!smtp) return undefined;
  try {
    return await startInboundSmtp({
      host: smtp.host,
      port: smtp.port,
      settings: inboundSettings(config),
      receive: (raw, envelope, settings) => receiveMessage(database.db, raw, envelope, settings),
      log: app.log,
    });
  } catch (error) {
    if (smtp.explicit) throw error;
    app.log.warn({ err: error }, `inbound SMTP not started on ${smtp.host}:${smtp.port}`);
    return undefined;
  }
}
