import type { Config } from "../config.ts";
import { type Database, openPglite, openPostgres } from "../db/client.ts";
import { acquireDataDir, readLock } from "../db/data-lock.ts";
import type { Progress } from "../domain/progress.ts";
import { CONTROL_HEADER } from "../http/routes/control.ts";
import { type OperationName, runOperation } from "./operations.ts";

export class OperationFailed extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

/**
 * PostgreSQL: open it directly. PGlite: if a Baton server holds the data folder, ask it through
 * its control channel; otherwise lock the folder ourselves for the length of the operation.
 * `onProgress` hears the migrations and the operation's own steps when run here; the server's
 * control channel answers only once done, so it hears nothing then.
 */
export async function perform(
  config: Config,
  name: OperationName,
  args: unknown,
  onProgress?: Progress,
): Promise<unknown> {
  if (config.databaseUrl) {
    // The session URL too: migrating takes a session's advisory lock, which a transaction-mode
    // pooler on DATABASE_URL would not keep.
    const database = await openPostgres(config.databaseUrl, 2, {
      sessionUrl: config.databaseSessionUrl,
      connectTimeoutMs: config.dbConnectTimeoutMs,
    });
    return direct(database, name, args, config, onProgress);
  }
  const holder = readLock(config.dataDir);
  if (holder?.url && holder.controlSecret) {
    const response = await fetch(`${holder.url}/api/v1/_control/${name}`, {
      method: "POST",
      headers: { "content-type": "application/json", [CONTROL_HEADER]: holder.controlSecret },
      body: JSON.stringify(args ?? {}),
    });
    const body = (await response.json()) as {
      result?: unknown;
      detail?: string;
      errors?: { field: string; message: string }[];
    };
    if (!response.ok) throw new OperationFailed(describe(body), response.status);
    return body.result;
  }
  const lock = acquireDataDir(config.dataDir);
  try {
    return await direct(await openPglite(config.dataDir), name, args, config, onProgress);
  } finally {
    lock.release();
  }
}

async function direct(
  database: Database,
  name: OperationName,
  args: unknown,
  config: Config,
  onProgress: Progress | undefined,
): Promise<unknown> {
  try {
    await database.migrate(onProgress);
    return await runOperation(database, name, args, config, onProgress);
  } finally {
    await database.close();
  }
}

function describe(body: { detail?: string; errors?: { field: string; message: string }[] }) {
  const fields = body.errors?.map((e) => `  ${e.field}: ${e.message}`).join("\n");
  return [body.detail ?? "The server refused the operation", fields].filter(Boolean).join("\n");
}
