import { randomBytes } from "node:crypto";
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";

// PGlite's data folder belongs to one process: a second writer would corrupt it. The lock file
// also tells the CLI where the running server listens and the secret for its control channel.
export interface LockInfo {
  pid: number;
  startedAt: string;
  url?: string;
  controlSecret?: string;
}

export class DataDirLocked extends Error {
  readonly holder: LockInfo;
  constructor(dir: string, holder: LockInfo) {
    super(
      `The data folder ${dir} is in use by Baton process ${holder.pid}` +
        (holder.url ? ` (serving ${holder.url})` : "") +
        ". PGlite serves one process; stop that process first, or use PostgreSQL " +
        "(DATABASE_URL) to run several.",
    );
    this.holder = holder;
  }
}

/** The lock's file inside the data folder: never part of a backup of it. */
export const LOCK_FILE = "baton.lock";

const lockPath = (dir: string) => join(dir, LOCK_FILE);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  // After a crash and a reboot the pid may belong to an unrelated program: only node counts.
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("node");
  } catch {
    return true;
  }
}

export function readLock(dir: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(lockPath(dir), "utf8")) as LockInfo;
    return alive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

export interface DataDirLock {
  info: LockInfo;
  publish(url: string): void;
  release(): void;
}

/** Where a backup copies `dir` before archiving it: a hidden folder beside it, named from this. */
export const backupCopyPrefix = (dir: string) => join(dirname(dir), `.${basename(dir)}.backup-`);

/**
 * Removes the copies that backups of `dir` left beside it when their process stopped before it
 * could (a backup removes its own). Only for whoever has just taken the folder's lock: no backup
 * of it can be under way then.
 */
function removeLeftCopies(dir: string): void {
  const prefix = basename(backupCopyPrefix(dir));
  let names: string[];
  try {
    names = readdirSync(dirname(dir));
  } catch {
    return;
  }
  for (const name of names.filter((n) => n.startsWith(prefix)))
    rmSync(join(dirname(dir), name), { recursive: true, force: true });
}

export function acquireDataDir(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const path = lockPath(dir);
  const info: LockInfo = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    controlSecret: randomBytes(32).toString("base64url"),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o600);
      writeFileSync(fd, JSON.stringify(info));
      closeSync(fd);
      removeLeftCopies(dir);
      return {
        info,
        publish(url) {
          info.url = url;
          writeFileSync(path, JSON.stringify(info), { mode: 0o600 });
        },
        release() {
          rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readLock(dir);
      if (holder) throw new DataDirLocked(dir, holder);
      // The previous holder died without cleaning up: its lock is stale.
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not lock the data folder ${dir}`);
}
