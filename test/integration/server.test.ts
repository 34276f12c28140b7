import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { DataDirLocked } from "../../src/db/data-lock.ts";
import { presets } from "../../src/presets/index.ts";
import { type RunningServer, startServer } from "../../src/server.ts";

const run = promisify(execFile);
const baton = (args: string[], env: Record<string, string>) =>
  run(process.execPath, ["bin/baton.js", ...args], {
    env: { ...process.env, ...env, LOG_LEVEL: "silent" },
  });

describe("the embedded server and the CLI beside it", () => {
  let dir: string;
  let server: RunningServer;
  const env = () => ({ BATON_DATA_DIR: dir });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "baton-server-"));
    server = await startServer(loadConfig({ BATON_DATA_DIR: dir, PORT: "0", LOG_LEVEL: "silent" }));
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers health with the database it uses and seeded the demo", async () => {
    const health = await fetch(`${server.url}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: "pglite" });
    expect(server.demo?.workspaces.map((w) => w.slug).sort()).toEqual([
      "follow-the-sun",
      "helpdesk-transfer",
      "ps-escalation",
      "regional-cse",
      "shift-lead",
    ]);
  });

  it("signs a demo agent in, creates a case and shows it in the timeline", async () => {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "agent@regional-cse.example", password: "baton-demo-2026" }),
    });
    expect(login.status).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
    expect(login.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    const headers = { cookie, "content-type": "application/json", "x-csrf-token": csrfToken };
    const created = await fetch(`${server.url}/api/v1/cases`, {
      method: "POST",
      headers,
      body: JSON.stringify({ workspace: "regional-cse", subject: "Printer on fire" }),
    });
    expect(created.status).toBe(201);
    const { number } = (await created.json()) as { number: number };
    const note = await fetch(`${server.url}/api/v1/cases/${number}/notes`, {
      method: "POST",
      headers,
      body: JSON.stringify({ body: "Extinguisher applied.", visibility: "private" }),
    });
    expect(note.status).toBe(201);
    const timeline = await fetch(`${server.url}/api/v1/cases/${number}/timeline`, { headers });
    const items = ((await timeline.json()) as { items: { body: string }[] }).items;
    expect(items.at(-1)?.body).toBe("Extinguisher applied.");
  });

  it("refuses a second server on the same data folder with a clear message", async () => {
    await expect(
      startServer(loadConfig({ BATON_DATA_DIR: dir, PORT: "0", LOG_LEVEL: "silent" })),
    ).rejects.toBeInstanceOf(DataDirLocked);
    await expect(baton(["serve"], { ...env(), PORT: "0" })).rejects.toMatchObject({
      stderr: expect.stringMatching(/in use by Baton process/),
    });
  });

  // Three CLI processes, each starting Node and loading Baton: slow on a busy 2-core machine.
  it("runs CLI commands through the running server", async () => {
    const added = await baton(
      [
        "user",
        "add",
        "--email",
        "new.agent@example.org",
        "--name",
        "Noa Ben-David",
        "--role",
        "agent",
        "--workspace",
        "follow-the-sun",
        "--password",
        "a long enough secret",
      ],
      env(),
    );
    expect(JSON.parse(added.stdout)).toMatchObject({ created: true });
    const { stdout } = await baton(["token", "create", "--email", "new.agent@example.org"], env());
    const token = stdout.trim();
    expect(token).toMatch(/^bt_[A-Za-z0-9_-]+$/);
    const me = await fetch(`${server.url}/api/v1/auth/session`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await me.json()).toMatchObject({ email: "new.agent@example.org" });
    await expect(
      baton(
        [
          "user",
          "add",
          "--email",
          "x@example.org",
          "--name",
          "X",
          "--role",
          "emperor",
          "--workspace",
          "follow-the-sun",
          "--password",
          "a long enough secret",
        ],
        env(),
      ),
    ).rejects.toMatchObject({ stderr: expect.stringMatching(/role/) });
  }, 90_000);

  it("validates policy files and names the field at fault", async () => {
    const good = join(dir, "good.json");
    writeFileSync(good, JSON.stringify(presets["follow-the-sun"]));
    const ok = await baton(["policy", "validate", good], {});
    expect(ok.stdout).toMatch(/valid policy/);
    const bad = join(dir, "bad.json");
    writeFileSync(
      bad,
      JSON.stringify({
        ...presets["follow-the-sun"],
        regions: [{ ...presets["follow-the-sun"].regions[0], timeZone: "UTC+1" }],
      }),
    );
    await expect(baton(["policy", "validate", bad], {})).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/regions\.0\.timeZone/),
    });
    // A key written twice is refused, not the last one taken, as the API refuses it in a body.
    const twice = join(dir, "twice.json");
    writeFileSync(
      twice,
      JSON.stringify(presets["follow-the-sun"]).replace(/^\{/, '{"name":"Overridden",'),
    );
    await expect(baton(["policy", "validate", twice], {})).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/ {2}name: appears twice in the file/),
    });
    // Three CLI processes, each starting Node and loading the policy code: seconds apiece on a
    // busy machine, like the test above.
  }, 120_000);

  it("exports a workspace's policy, imports an edited file as the next version, lists history", async () => {
    const exported = await baton(["policy", "export", "--workspace", "helpdesk-transfer"], env());
    const document = JSON.parse(exported.stdout) as Record<string, unknown>;
    const file = join(dir, "exported.json");
    writeFileSync(file, exported.stdout);
    // What export prints is what validate accepts, and importing it unchanged writes nothing.
    expect((await baton(["policy", "validate", file], {})).stdout).toMatch(/valid policy/);
    const same = await baton(
      ["policy", "import", "--workspace", "helpdesk-transfer", "--file", file],
      env(),
    );
    expect(same.stdout).toMatch(/^helpdesk-transfer: unchanged, still version (\d+)/);
    const version = Number(same.stdout.match(/version (\d+)/)?.[1]);
    writeFileSync(file, JSON.stringify({ ...document, name: "Edited at the command line" }));
    const imported = await baton(
      [
        "policy",
        "import",
        "--workspace",
        "helpdesk-transfer",
        "--file",
        file,
        "--summary",
        "Renamed",
      ],
      env(),
    );
    expect(imported.stdout).toBe(
      `helpdesk-transfer: published version ${version + 1} (1 change)\n`,
    );
    const history = await baton(["policy", "history", "--workspace", "helpdesk-transfer"], env());
    expect(history.stdout.split("\n")[0]).toMatch(
      new RegExp(`^v${version + 1}\t.*\t\\(preset or command line\\)\tRenamed$`),
    );
    // A stale version or a broken file is refused, naming the field.
    writeFileSync(file, JSON.stringify({ ...document, regions: [] }));
    await expect(
      baton(["policy", "import", "--workspace", "helpdesk-transfer", "--file", file], env()),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/policy\.regions/) });
    // Six CLI processes one after another: on a busy 2-core machine each start takes seconds.
  }, 180_000);
});

describe("the first `baton serve` on an empty folder", () => {
  /** Starts `baton serve`, waits for its banner, and answers what it printed and where it runs. */
  const serve = async (dir: string) => {
    const child = spawn(process.execPath, ["bin/baton.js", "serve"], {
      env: { ...process.env, BATON_DATA_DIR: dir, PORT: "0", LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const open = /Open {4}(\S+)/.exec(stdout);
        // The banner is one write: once its last line is there, all of it is.
        if (open?.[1] && stdout.includes("on that case")) resolve(open[1]);
      });
      child.once("exit", (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
    });
    const stop = () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      });
    return { url, stop, output: () => ({ stdout, stderr }) };
  };

  it("seeds the demo in a process of its own, then serves and names every demo login", async () => {
    const dir = mkdtempSync(join(tmpdir(), "baton-first-"));
    try {
      const first = await serve(dir);
      try {
        expect((await fetch(`${first.url}/api/v1/health`)).status).toBe(200);
        const { stdout, stderr } = first.output();
        // Only `baton seed-demo` reports progress: the serving process seeds without it.
        expect(stderr).toMatch(/^seed-demo: workspaces 5\/5 \(100%\)/m);
        expect(stdout).toContain("Demo data loaded. Every demo login uses the password:");
        for (const preset of Object.keys(presets))
          expect(stdout).toContain(`admin@${preset}.example`);
      } finally {
        await first.stop();
      }
      // The folder holds a database now: no seeding, no logins to list.
      const second = await serve(dir);
      try {
        expect((await fetch(`${second.url}/api/v1/health`)).status).toBe(200);
        expect(second.output().stderr).not.toMatch(/seed-demo/);
        expect(second.output().stdout).not.toContain("Demo data loaded");
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
