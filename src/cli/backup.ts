import { createWriteStream, existsSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream } from "node:stream/web";
import type { DateTime } from "luxon";
import type { Config } from "../config.ts";
import {
  archiveDatabase,
  BackupRefused,
  fileStamp,
  type Restored,
  restoreArchive,
} from "../db/backup.ts";
import { openPglite } from "../db/client.ts";
import { acquireDataDir, readLock } from "../db/data-lock.ts";
import { BACKUP_ROUTE, CONTROL_HEADER } from "../http/routes/control.ts";

/** PostgreSQL has its own tools, which Baton does not imitate: the exit code says so (2). */
export class UsePostgresTools extends Error {}

export function postgresTools(command: "backup" | "restore", file?: string): UsePostgresTools {
  return new UsePostgresTools(
    command === "backup"
      ? 'Baton uses PostgreSQL here (DATABASE_URL): back it up with pg_dump -Fc -f baton.dump "$DATABASE_URL" (docs/backup.md)'
      : `Baton uses PostgreSQL here (DATABASE_URL): restore with pg_restore --clean --if-exists -d "$DATABASE_URL" ${file ?? "baton.dump"} (docs/backup.md)`,
  );
}

export interface Backup {
  path: string;
  bytes: number;
  /** The running server's address when it made the archive, else undefined (the folder). */
  server: string | undefined;
}

/**
 * Writes the embedded database to an archive: through the server that holds the folder, or, with
 * none running, by locking and opening the folder here. `out` may name a file or a folder.
 */
export async function backupTo(
  config: Config,
  out: string | undefined,
  now?: DateTime,
): Promise<Backup> {
  if (config.databaseUrl) throw postgresTools("backup");
  const named = `baton-backup-${fileStamp(now)}.tar.gz`;
  const path = resolve(
    out === undefined
      ? named
      : existsSync(out) && statSync(out).isDirectory()
        ? join(out, named)
        : out,
  );
  if (!existsSync(dirname(path)))
    throw new BackupRefused(`Cannot write ${path}: the folder ${dirname(path)} does not exist`);
  const holder = readLock(config.dataDir);
  if (holder?.url && holder.controlSecret) {
    const { url, controlSecret } = holder;
    try {
      await writeAtomically(path, async () => {
        // The archive comes as the response body rather than being written by the server to a
        // path given to it: the server never writes where a caller says, and the file belongs to
        // whoever runs this command, with their permissions, wherever they may write.
        const response = await fetch(`${url}/api/v1${BACKUP_ROUTE}`, {
          method: "POST",
          headers: { [CONTROL_HEADER]: controlSecret },
        });
        if (!response.ok || !response.body) {
          const body = (await response.json().catch(() => ({}))) as { detail?: string };
          throw new BackupRefused(
            `The server at ${url} did not make the backup: ${body.detail ?? `HTTP ${response.status}`}`,
          );
        }
        return Readable.fromWeb(response.body as ReadableStream<Uint8Array>);
      });
    } catch (error) {
      if (error instanceof BackupRefused) throw error;
      throw new BackupRefused(
        `The backup through the server at ${url} failed (${reason(error as Error)}); no file was written`,
      );
    }
    return { path, bytes: statSync(path).size, server: url };
  }
  if (!existsSync(join(config.dataDir, "PG_VERSION")))
    throw new BackupRefused(
      `${resolve(config.dataDir)} holds no Baton database: nothing to back up (is BATON_DATA_DIR right?)`,
    );
  const lock = acquireDataDir(config.dataDir);
  try {
    const database = await openPglite(config.dataDir);
    try {
      await writeAtomically(path, () => archiveDatabase(database));
    } finally {
      await database.close();
    }
  } finally {
    lock.release();
  }
  return { path, bytes: statSync(path).size, server: undefined };
}

// fetch says only "fetch failed"; what failed is in its cause.
const reason = (error: Error): string =>
  error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;

/** Written beside the target and renamed over it once whole: no half-written backup is left. */
async function writeAtomically(path: string, source: () => Promise<Readable>): Promise<void> {
  const partial = join(dirname(path), `.${basename(path)}.partial-${process.pid}`);
  try {
    // flush: on disk before the rename, or a crash could leave a whole name over missing bytes.
    await pipeline(await source(), createWriteStream(partial, { mode: 0o600, flush: true }));
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

export async function restoreFrom(
  config: Config,
  file: string,
  force: boolean,
  now?: DateTime,
): Promise<Restored> {
  if (config.databaseUrl) throw postgresTools("restore", file);
  return restoreArchive(file, config.dataDir, { force, ...(now ? { now } : {}) });
}

export function fileSize(bytes: number): string {
  if (bytes < 1_000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${(bytes / 1_000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
