import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { cp, mkdtemp, open, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { DateTime } from "luxon";
import type { Database, Db } from "./client.ts";
import {
  acquireDataDir,
  backupCopyPrefix,
  DataDirLocked,
  LOCK_FILE,
  type LockInfo,
  readLock,
} from "./data-lock.ts";
import { driverOf } from "./driver.ts";
import { migrationState } from "./migrations.ts";
import { extractTo, TarDamaged, TarRefused, tarOfFolder, tarWithout } from "./tar.ts";

// A Baton backup of the embedded database is PGlite's own archive of its data folder, a
// .tar.gz that `PGlite.create(dir, { loadDataDir })` takes back, less the lock file (which
// names the process and holds its control secret). docs/backup.md.

export class BackupRefused extends Error {}

/** A UTC time for file and folder names: sorts as text, and has no ':' for Windows to refuse. */
export const fileStamp = (at: DateTime = DateTime.utc()) =>
  at.toUTC().toFormat("yyyyLLdd'T'HHmmss'Z'");

/**
 * The gzipped archive of an embedded database that this process has open, while it serves. The
 * copy is taken at once; the stream compresses it as it is read.
 */
export async function archiveDatabase(database: Database): Promise<Readable> {
  const driver = driverOf(database.db);
  const pglite = driver.kind === "pglite" ? driver.instance : undefined;
  if (!pglite) throw new Error("Only the embedded (PGlite) database is archived by Baton");
  // Flushes what the WAL holds into the tables, so the copy opens without much replay.
  await pglite.exec("CHECKPOINT");
  const dir = pglite.dataDir;
  // PGlite's transaction lock: taken, a transaction under way has ended and no statement or
  // other transaction starts until the copy is made, so the files hold only whole transactions.
  const exclusively = <T>(copy: () => Promise<T>) => pglite._runExclusiveTransaction(copy);
  // Compressed off the main thread as the reader takes it, in large steps: each step is a trip
  // through the event loop, and with 16 kB ones (the default) a server busy with writes took
  // about three times as long to send the archive.
  const gzip = () => createGzip({ chunkSize: 1 << 20 });
  if (!dir || dir.startsWith("memory://")) {
    // An in-memory database (tests) has no folder: PGlite's own dump, built in memory.
    const dump = await exclusively(() => pglite.dumpDataDir("none"));
    return tarWithout(await dump.bytes(), [LOCK_FILE]).pipe(gzip());
  }
  // A copy of the folder on disk beside it, taken in the time a file copy takes, is archived
  // after the lock is let go, as it is read, then removed. PGlite's dump built the whole archive
  // in memory: 1.9 GB resident to back up 100,000 cases (docs/performance.md, "Backups").
  const snapshot = await mkdtemp(backupCopyPrefix(dir));
  const lockFile = join(dir, LOCK_FILE);
  try {
    await exclusively(() =>
      cp(dir, snapshot, { recursive: true, filter: (source) => source !== lockFile }),
    );
  } catch (error) {
    await rm(snapshot, { recursive: true, force: true });
    throw error;
  }
  const archive = gzip();
  // A file that cannot be read fails the archive (its reader sees the error); however it ends,
  // the copy goes.
  pipeline(tarOfFolder(snapshot), archive)
    .catch(() => {})
    .finally(() => rm(snapshot, { recursive: true, force: true }).catch(() => {}));
  return archive;
}

/**
 * Extracts the archive into `staging` as it is read, once its first bytes say it is gzip, and
 * checks it held a PostgreSQL data folder. Memory stays flat: the archive is never held whole.
 */
async function unpack(file: string, staging: string): Promise<void> {
  let head: Buffer;
  try {
    const handle = await open(file, "r");
    try {
      head = Buffer.alloc(2);
      const { bytesRead } = await handle.read(head, 0, 2, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BackupRefused(
      code === "ENOENT"
        ? `Cannot read ${file}: there is no such file`
        : `Cannot read ${file}: ${(error as Error).message}`,
    );
  }
  if (head.length === 0) throw new BackupRefused(`${file} is empty: not a Baton backup`);
  if (head[0] !== 0x1f || head[1] !== 0x8b)
    throw new BackupRefused(
      `${file} is not a Baton backup: it is not gzip-compressed (a backup is the .tar.gz that \`baton backup\` writes)`,
    );
  mkdirSync(staging, { recursive: true });
  try {
    await extractTo(createReadStream(file).pipe(createGunzip()), staging);
  } catch (error) {
    if (error instanceof TarRefused)
      throw new BackupRefused(`${file} is not a Baton backup: ${error.message}`);
    if (error instanceof TarDamaged)
      throw new BackupRefused(`${file} is damaged: ${error.message}`);
    throw new BackupRefused(
      `${file} is damaged: its compressed data is cut short or corrupt (${(error as Error).message})`,
    );
  }
  if (!existsSync(join(staging, "PG_VERSION")) || !existsSync(join(staging, "global/pg_control")))
    throw new BackupRefused(
      `${file} is not a Baton backup: it holds no PostgreSQL data folder (no PG_VERSION or global/pg_control)`,
    );
}

/** What a folder holds besides a lock file, [] when it does not exist. */
function contentsOf(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => name !== LOCK_FILE);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return [];
    if (code === "ENOTDIR") throw new BackupRefused(`${dir} is a file, not a data folder`);
    throw error;
  }
}

interface Probe {
  cases: number;
  /** Migrations of this code the backup lacks: Baton applies them when it starts on it. */
  pending: number;
}

/** Opens the extracted folder and checks it is Baton's: migrated, with its cases table. */
async function probe(dir: string, file: string): Promise<Probe> {
  let pglite: PGlite | undefined;
  try {
    pglite = await PGlite.create(dir);
    const found = await pglite.query<{ migrations: boolean; cases: boolean }>(
      `select to_regclass('drizzle.__drizzle_migrations') is not null as migrations,
              to_regclass('public.cases') is not null as cases`,
    );
    const tables = found.rows[0];
    if (!tables?.migrations || !tables.cases)
      throw new BackupRefused(
        `${file} is not a Baton backup: its database has no ${tables?.migrations ? "cases table" : "Baton migrations"}`,
      );
    const counts = await pglite.query<{ cases: number }>(
      "select count(*)::int as cases from cases",
    );
    const { pending, unknown } = await migrationState(drizzle({ client: pglite }) as unknown as Db);
    // This version would run on tables it does not know, and its migrator cannot go back.
    if (unknown > 0)
      throw new BackupRefused(
        `${file} was made by a newer Baton: its database has ${unknown} migration${unknown === 1 ? "" : "s"} this version does not know. Restore it with that version or a later one.`,
      );
    return { cases: counts.rows[0]?.cases ?? 0, pending: pending.length };
  } catch (error) {
    if (error instanceof BackupRefused) throw error;
    throw new BackupRefused(
      `${file} is damaged or from another PostgreSQL version: PGlite cannot open it (${(error as Error).message.split("\n")[0]})`,
    );
  } finally {
    await pglite?.close().catch(() => {});
  }
}

const held = (dir: string, holder: LockInfo) =>
  new BackupRefused(
    `Cannot restore into ${dir}: Baton process ${holder.pid}${holder.url ? ` (serving ${holder.url})` : ""} holds it. Stop it first.`,
  );

export interface Restored extends Probe {
  dataDir: string;
  /** Where the folder that was there before now is, if there was one. */
  setAside: string | undefined;
}

/**
 * Restores an archive into a data folder. Everything is checked in a folder beside it first: a
 * bad archive, a held folder or a refusal leaves the data folder as it was. The old folder, if
 * any, is moved aside rather than deleted.
 */
export async function restoreArchive(
  file: string,
  dataDir: string,
  options: { force: boolean; now?: DateTime },
): Promise<Restored> {
  const target = resolve(dataDir);
  const holder = readLock(target);
  if (holder) throw held(target, holder);
  const before = contentsOf(target);
  if (before.length > 0 && !options.force)
    throw new BackupRefused(
      `${target} is not empty: restoring would replace it. Add --force to restore anyway (the old folder is kept beside it as ${basename(target)}.before-restore-<time>)`,
    );
  // Beside the target, so that moving it into place is a rename within one file system.
  mkdirSync(dirname(target), { recursive: true });
  const staging = `${target}.restoring-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    await unpack(file, staging);
    const found = await probe(staging, file);
    // An archive made with PGlite's dumpDataDir directly may carry its process's lock.
    rmSync(join(staging, LOCK_FILE), { force: true });
    const stamp = fileStamp(options.now);
    const aside = before.length > 0 ? `${target}.before-restore-${stamp}` : undefined;
    // A server that started since the check above is refused here, before anything moves.
    let lock: ReturnType<typeof acquireDataDir>;
    try {
      lock = acquireDataDir(target);
    } catch (error) {
      if (error instanceof DataDirLocked) throw held(target, error.holder);
      throw error;
    }
    if (aside) {
      try {
        renameSync(target, aside);
      } catch (error) {
        lock.release();
        throw error;
      }
      rmSync(join(aside, LOCK_FILE), { force: true });
    } else {
      lock.release();
      rmSync(target, { recursive: true, force: true });
    }
    try {
      renameSync(staging, target);
    } catch (error) {
      // Something took the name in between (a server started on the missing folder): the old
      // folder goes back where it was rather than being left under another name.
      const back = aside !== undefined && !existsSync(target);
      if (back) renameSync(aside, target);
      throw new BackupRefused(
        `Could not put the restored folder in place as ${target} (${(error as Error).message}).` +
          (back ? " The data folder is as it was." : aside ? ` The old folder is ${aside}.` : ""),
      );
    }
    return { dataDir: target, setAside: aside, ...found };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
