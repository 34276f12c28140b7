import { execFile } from "node:child_process";
import { once } from "node:events";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { backupTo, restoreFrom } from "../../src/cli/backup.ts";
import { loadConfig } from "../../src/config.ts";
import { BackupRefused } from "../../src/db/backup.ts";
import { type Database, openPglite } from "../../src/db/client.ts";
import { rowsOf } from "../../src/db/rows.ts";
import { tarEntries } from "../../src/db/tar.ts";
import { DEMO_PASSWORD, seedDemo } from "../../src/demo/seed.ts";
import { type RunningServer, startServer } from "../../src/server.ts";

const run = promisify(execFile);
const journal = JSON.parse(readFileSync("drizzle/meta/_journal.json", "utf8")) as {
  entries: unknown[];
};

const scratch = mkdtempSync(join(tmpdir(), "baton-backup-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const folder = (name: string) => join(scratch, name);
const config = (dataDir: string, env: Record<string, string> = {}) =>
  loadConfig({
    BATON_DATA_DIR: dataDir,
    PORT: "0",
    LOG_LEVEL: "silent",
    BATON_INBOUND_SMTP: "off",
    ...env,
  });

async function facts(database: Database) {
  const [row] = rowsOf(
    await database.db.execute(sql`
      select (select count(*)::int from cases) as cases,
             (select count(*)::int from drizzle.__drizzle_migrations) as migrations,
             (select subject from cases order by id limit 1) as first`),
    z.object({ cases: z.number(), migrations: z.number(), first: z.string().nullable() }),
  );
  return row!;
}

async function factsOf(dataDir: string) {
  const database = await openPglite(dataDir);
  try {
    return await facts(database);
  } finally {
    await database.close();
  }
}

describe("baton backup and restore of the embedded database", () => {
  const original = folder("original");
  let before: Awaited<ReturnType<typeof facts>>;
  let archive: string;

  beforeAll(async () => {
    const database = await openPglite(original);
    await database.migrate();
    await seedDemo(database.db);
    before = await facts(database);
    await database.close();
  }, 120_000);

  it("with no server running: locks the folder, writes a named archive, restores it whole", async () => {
    const at = DateTime.fromISO("2026-03-01T09:30:05", { zone: "Europe/Berlin" });
    const made = await backupTo(config(original), scratch, at);
    expect(made.path).toBe(join(scratch, "baton-backup-20260301T083005Z.tar.gz"));
    expect(made.server).toBeUndefined();
    expect(made.bytes).toBeGreaterThan(100_000);
    archive = made.path;
    // Nothing half-written is left beside it, and the lock never travels with the data.
    expect(readdirSync(scratch).filter((n) => n.includes("partial"))).toEqual([]);
    const names = (await tarEntries(gunzipSync(readFileSync(archive)))).map((e) => e.name);
    expect(names).toContain("PG_VERSION");
    expect(names).not.toContain("baton.lock");
    expect(existsSync(join(original, "baton.lock"))).toBe(false);

    const restored = await restoreFrom(config(folder("fresh")), archive, false);
    expect(restored).toMatchObject({ cases: before.cases, pending: 0, setAside: undefined });
    expect(before.cases).toBeGreaterThan(10);
    expect(await factsOf(folder("fresh"))).toEqual(before);
  }, 120_000);

  it("refuses a non-empty folder without --force; with it, keeps the old folder aside", async () => {
    const target = folder("busy");
    const database = await openPglite(target);
    await database.migrate();
    await database.close();
    const was = readdirSync(target).sort();

    await expect(restoreFrom(config(target), archive, false)).rejects.toThrow(
      `${target} is not empty: restoring would replace it. Add --force to restore anyway`,
    );
    expect(readdirSync(target).sort()).toEqual(was);

    const at = DateTime.fromISO("2026-03-02T10:00:00Z");
    const restored = await restoreFrom(config(target), archive, true, at);
    const aside = `${target}.before-restore-20260302T100000Z`;
    expect(restored.setAside).toBe(aside);
    expect(readdirSync(aside).sort()).toEqual(was);
    expect((await factsOf(aside)).cases).toBe(0);
    expect((await factsOf(target)).first).toBe(before.first);
  }, 120_000);

  it("says how many migrations a backup from an older Baton lacks", async () => {
    const older = folder("older");
    const database = await openPglite(older);
    await database.migrate();
    // As if made before the newest migration was written.
    await database.db.execute(
      sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`,
    );
    await database.close();
    const made = await backupTo(config(older), join(scratch, "older.tar.gz"));
    const restored = await restoreFrom(config(folder("older-restored")), made.path, false);
    expect(restored).toMatchObject({ cases: 0, pending: 1 });
  }, 60_000);

  it("refuses a backup from a newer Baton, whose migrations this version does not know", async () => {
    const newer = folder("newer");
    const database = await openPglite(newer);
    await database.migrate();
    // As if a later version had added two migrations after the newest this code has.
    await database.db.execute(
      sql`insert into drizzle.__drizzle_migrations (hash, created_at)
          select 'later-' || n, (select max(created_at) from drizzle.__drizzle_migrations) + n
            from generate_series(1, 2) as n`,
    );
    await database.close();
    const made = await backupTo(config(newer), join(scratch, "newer.tar.gz"));
    const target = folder("newer-restored");
    await expect(restoreFrom(config(target), made.path, false)).rejects.toThrow(
      `${made.path} was made by a newer Baton: its database has 2 migrations this version does not know. Restore it with that version or a later one.`,
    );
    expect(existsSync(target) ? readdirSync(target) : []).toEqual([]);
  }, 60_000);

  it("refuses a damaged or foreign file in one line, changing nothing", async () => {
    const target = folder("untouched");
    const bytes = readFileSync(archive);
    const cases: [string, Buffer, RegExp][] = [
      ["notes.txt", Buffer.from("hello"), /notes\.txt is not a Baton backup: it is not gzip/],
      ["empty.tar.gz", Buffer.alloc(0), /empty\.tar\.gz is empty: not a Baton backup/],
      [
        "cut.tar.gz",
        bytes.subarray(0, bytes.length >> 1),
        /cut\.tar\.gz is damaged: its compressed data is cut short/,
      ],
    ];
    for (const [name, content, message] of cases) {
      const file = join(scratch, name);
      writeFileSync(file, content);
      const refusal = restoreFrom(config(target), file, true);
      await expect(refusal).rejects.toBeInstanceOf(BackupRefused);
      await expect(refusal).rejects.toThrow(message);
      await refusal.catch((error: Error) => expect(error.message).not.toContain("\n"));
    }
    await expect(
      restoreFrom(config(target), join(scratch, "nowhere.tar.gz"), false),
    ).rejects.toThrow("nowhere.tar.gz: there is no such file");
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(scratch).filter((n) => n.includes("restoring"))).toEqual([]);
  });

  it("says in one line when the server the lock names cannot be reached, and writes nothing", async () => {
    const dir = folder("gone");
    mkdirSync(dir);
    // A port nothing listens on: one just given up.
    const probe = createServer().listen(0, "127.0.0.1");
    await once(probe, "listening");
    const { port } = probe.address() as AddressInfo;
    await new Promise((done) => probe.close(done));
    // This process stands in for a server that stopped answering without letting go.
    writeFileSync(
      join(dir, "baton.lock"),
      JSON.stringify({ pid: process.pid, url: `http://127.0.0.1:${port}`, controlSecret: "s" }),
    );
    const out = join(scratch, "never.tar.gz");
    await expect(backupTo(config(dir), out)).rejects.toThrow(
      `The backup through the server at http://127.0.0.1:${port} failed (fetch failed: connect ECONNREFUSED 127.0.0.1:${port}); no file was written`,
    );
    expect(readdirSync(scratch).filter((n) => n.includes("never"))).toEqual([]);
  });

  describe("through a running server", () => {
    const live = folder("live");
    let server: RunningServer;

    beforeAll(async () => {
      server = await startServer(config(live));
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
    });

    it("makes the archive on the server while cases are written; it restores consistent", async () => {
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "agent@regional-cse.example", password: DEMO_PASSWORD }),
      });
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const headers = {
        cookie: login.headers.get("set-cookie")?.split(";")[0] ?? "",
        "content-type": "application/json",
        "x-csrf-token": csrfToken,
      };
      const start = await facts(server.database);
      let writing = true;
      let written = 0;
      const writer = (async () => {
        while (writing && written < 500) {
          const created = await fetch(`${server.url}/api/v1/cases`, {
            method: "POST",
            headers,
            body: JSON.stringify({ workspace: "regional-cse", subject: `Written ${written}` }),
          });
          expect(created.status).toBe(201);
          written++;
        }
      })();
      // Some writes land before the archive is asked for, and more while it is made.
      while (written < 3) await new Promise((r) => setTimeout(r, 20));
      const made = await backupTo(config(live), join(scratch, "live.tar.gz"));
      const writtenBy = written;
      writing = false;
      await writer;
      expect(made.server).toBe(server.url);
      expect(written).toBeGreaterThan(3);
      // The copy of the folder the archive was read from, beside it, goes once it is sent:
      // removing its files may take a few seconds on a loaded machine (1 s did not, in CI).
      await expect
        .poll(() => readdirSync(scratch).filter((name) => name.startsWith(".live.backup-")), {
          timeout: 20_000,
        })
        .toEqual([]);

      const restored = await restoreFrom(config(folder("from-live")), made.path, false);
      expect(restored.pending).toBe(0);
      // Every case the archive holds is whole: its activity is written in the same transaction.
      const copy = await openPglite(folder("from-live"));
      try {
        const got = await facts(copy);
        expect(got.migrations).toBe(journal.entries.length);
        expect(got.cases).toBeGreaterThanOrEqual(start.cases + 3);
        expect(got.cases).toBeLessThanOrEqual(start.cases + writtenBy + 1);
        const [whole] = rowsOf(
          await copy.db.execute(sql`
            select count(*)::int as written,
                   count(*) filter (where not exists (
                     select 1 from activities a where a.case_id = c.id))::int as without_activity
            from cases c where subject like 'Written %'`),
          z.object({ written: z.number(), without_activity: z.number() }),
        );
        expect(whole).toMatchObject({ without_activity: 0 });
        expect(whole?.written).toBe(got.cases - start.cases);
      } finally {
        await copy.close();
      }
    }, 180_000);

    it("refuses to restore into the folder the server holds", async () => {
      await expect(restoreFrom(config(live), archive, true)).rejects.toThrow(
        new RegExp(
          `Cannot restore into ${live}: Baton process ${process.pid} \\(serving .*\\) holds it`,
        ),
      );
      expect(existsSync(`${live}.restoring-${process.pid}`)).toBe(false);
    });
  });

  it("a server starts on a restored folder and serves its data", async () => {
    // What a backup's process stopped in the middle of left beside the folder goes at the start.
    const left = join(scratch, ".fresh.backup-Left01");
    mkdirSync(join(left, "base"), { recursive: true });
    const server = await startServer(config(folder("fresh"), { BATON_DEMO: "off" }));
    expect(existsSync(left)).toBe(false);
    try {
      const ready = await fetch(`${server.url.replace(/\/$/, "")}/readyz`);
      expect(ready.status).toBe(200);
      expect(await facts(server.database)).toEqual(before);
    } finally {
      await server.stop();
    }
  }, 120_000);

  // Two processes of the real CLI: the exit codes and the one line each prints.
  it("the CLI points to pg_dump on PostgreSQL (exit 2) and refuses a bad file (exit 1)", async () => {
    const baton = (args: string[], env: Record<string, string>) =>
      run(process.execPath, ["bin/baton.js", ...args], {
        env: { ...process.env, LOG_LEVEL: "silent", ...env },
      }).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code: number; stderr: string }) => error,
      );
    const [postgres, corrupt] = await Promise.all([
      baton(["backup"], { DATABASE_URL: "postgres://baton@127.0.0.1:5432/baton" }),
      baton(["restore", join(scratch, "notes.txt")], { BATON_DATA_DIR: folder("cli") }),
    ]);
    expect(postgres.code).toBe(2);
    expect(postgres.stderr).toBe(
      'Baton uses PostgreSQL here (DATABASE_URL): back it up with pg_dump -Fc -f baton.dump "$DATABASE_URL" (docs/backup.md)\n',
    );
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr.trim().split("\n")).toEqual([
      `${join(scratch, "notes.txt")} is not a Baton backup: it is not gzip-compressed (a backup is the .tar.gz that \`baton backup\` writes)`,
    ]);
  }, 60_000);
});
