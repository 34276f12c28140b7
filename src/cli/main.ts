import { readFileSync } from "node:fs";
import { Command, InvalidArgumentError } from "commander";
import { loadConfig, VERSION } from "../config.ts";
import { BackupRefused } from "../db/backup.ts";
import { DataDirLocked } from "../db/data-lock.ts";
import { PoolerRefused } from "../db/pooling.ts";
import { DomainError } from "../domain/errors.ts";
import { duplicateKey } from "../domain/json-keys.ts";
import { parsePolicy } from "../domain/policy/parse.ts";
import { PRESET_SLUGS, presetBySlug } from "../presets/index.ts";
import { startServer } from "../server.ts";
import { backupTo, fileSize, restoreFrom, UsePostgresTools } from "./backup.ts";
import { printBanner } from "./banner.ts";
import { OperationFailed, perform } from "./control-client.ts";
import { withProgress } from "./progress.ts";
import { SeedApartFailed, seedApart } from "./seed-apart.ts";
import { startFailure } from "./start-failure.ts";

const count = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("must be a whole number");
  return n;
};

const program = new Command()
  .name("baton")
  .description(
    "Baton moves support cases between engineers, queues, regions and teams.\n" +
      "Database: DATABASE_URL (PostgreSQL) or the PGlite folder BATON_DATA_DIR (default ./data).\n" +
      "Backups: `baton backup` and `baton restore` (PGlite), pg_dump and pg_restore (PostgreSQL): docs/backup.md.",
  )
  .version(VERSION, "-v, --version", "print Baton's version")
  .showHelpAfterError();

program
  .command("serve")
  .description("Run the server (migrates, and seeds demo data into an empty database)")
  .action(async () => {
    const config = loadConfig();
    const seeded = await seedApart(config).catch((error: unknown) => {
      if (error instanceof SeedApartFailed) fail(error.message);
      throw error;
    });
    const server = await startServer(config).catch((error: unknown) => {
      const line = startFailure(error, config);
      if (line) fail(line);
      throw error;
    });
    printBanner(server, seeded ?? server.demo);
    let stopping = false;
    const stop = async (signal: NodeJS.Signals) => {
      // A second signal while draining means "now": the operator has waited long enough.
      if (stopping) process.exit(1);
      stopping = true;
      server.app.log.info({ signal }, "stopping: finishing requests and jobs in hand");
      const deadline = setTimeout(() => {
        server.app.log.error("stop took over 25 s; exiting with work left to retry");
        process.exit(1);
      }, 25_000);
      deadline.unref();
      await server.stop();
      process.exit(0);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });

program
  .command("migrate")
  .description("Apply database migrations")
  .action(async () =>
    print(await withProgress("migrate", (p) => perform(loadConfig(), "migrate", {}, p))),
  );

program
  .command("seed-demo")
  .description("Load the five demo workspaces into an empty database")
  .action(async () =>
    print(await withProgress("seed-demo", (p) => perform(loadConfig(), "seed-demo", {}, p))),
  );

const postgresWay =
  "\nWith DATABASE_URL (PostgreSQL) use pg_dump -Fc and pg_restore --clean --if-exists instead: docs/backup.md";

program
  .command("backup")
  .description(
    "Write the embedded database to a .tar.gz archive, through the running server if one holds the folder",
  )
  .option(
    "--out <file>",
    "the archive to write, or a folder to write it in (default: baton-backup-<UTC time>.tar.gz here)",
  )
  .addHelpText("after", postgresWay)
  .action(async (o: { out?: string }) => {
    const done = await backupTo(loadConfig(), o.out);
    console.log(
      `${done.path}  ${fileSize(done.bytes)}` +
        (done.server ? `  (made by the server at ${done.server})` : ""),
    );
  });

program
  .command("restore")
  .description(
    "Replace the embedded database's folder with a backup; Baton must be stopped (migrates on its next start)",
  )
  .argument("<file>", "an archive from `baton backup`")
  .option(
    "--force",
    "restore over a folder that holds data, keeping it as <folder>.before-restore-<UTC time>",
    false,
  )
  .addHelpText("after", postgresWay)
  .action(async (file: string, o: { force: boolean }) => {
    const done = await restoreFrom(loadConfig(), file, o.force);
    console.log(
      `Restored ${file} into ${done.dataDir} (${done.cases} cases${done.pending ? `; ${done.pending} newer migrations, applied when Baton starts` : ""}).` +
        (done.setAside ? ` The folder that was there is now ${done.setAside}.` : "") +
        " Start Baton with `baton serve`.",
    );
  });

const user = program.command("user").description("Manage users");
user
  .command("add")
  .description("Create a user (or add an existing one to another workspace)")
  .requiredOption("--email <email>", "sign-in email")
  .requiredOption("--name <name>", "display name")
  .requiredOption(
    "--role <role>",
    "agent, shift_lead, supervisor, triage, project_manager or admin",
  )
  .requiredOption("--workspace <slug>", "workspace slug, e.g. follow-the-sun")
  .option("--password <password>", "at least 10 characters; needed for a new user")
  .option("--time-zone <zone>", "IANA time zone, e.g. Europe/Berlin")
  .option("--region <code>", "region code from the workspace policy, e.g. EMEA")
  .action(async (o: Record<string, string>) =>
    print(
      await perform(loadConfig(), "user-add", {
        email: o.email,
        name: o.name,
        role: o.role,
        workspace: o.workspace,
        ...(o.password ? { password: o.password } : {}),
        ...(o.timeZone ? { timeZone: o.timeZone } : {}),
        ...(o.region ? { region: o.region } : {}),
      }),
    ),
  );

user
  .command("list")
  .description("List a workspace's people and pending invitations")
  .requiredOption("--workspace <slug>", "workspace slug")
  .action(async (o: { workspace: string }) => {
    const answer = (await perform(loadConfig(), "user-list", o)) as {
      people: { email: string; name: string; role: string; active: boolean; openCases: number }[];
      invitations: { email: string; role: string; state: string; expiresAt: string }[];
    };
    for (const p of answer.people)
      console.log(
        `${p.email}  ${p.name}  ${p.role}  ${p.active ? "active" : "deactivated"}  ${p.openCases} open cases`,
      );
    for (const i of answer.invitations.filter((x) => x.state === "pending"))
      console.log(`${i.email}  (invited as ${i.role}, link valid until ${i.expiresAt})`);
  });
user
  .command("invite")
  .description("Invite someone by email: mails a single-use link that expires, and prints it")
  .requiredOption("--workspace <slug>", "workspace slug")
  .requiredOption("--email <email>", "their email")
  .requiredOption(
    "--role <role>",
    "agent, shift_lead, supervisor, triage, project_manager or admin",
  )
  .option("--name <name>", "their name, for the greeting")
  .action(async (o: { workspace: string; email: string; role: string; name?: string }) => {
    const answer = (await perform(loadConfig(), "user-invite", o)) as { link: string };
    console.log(answer.link);
  });
user
  .command("role")
  .description("Give a member another role in a workspace")
  .requiredOption("--workspace <slug>", "workspace slug")
  .requiredOption("--email <email>", "whose role")
  .requiredOption("--role <role>", "the new role")
  .action(async (o: { workspace: string; email: string; role: string }) =>
    print(await perform(loadConfig(), "user-role", o)),
  );
user
  .command("deactivate")
  .description("Deactivate someone: no sign-in, every session and API token ends at once")
  .requiredOption("--email <email>", "who")
  .action(async (o: { email: string }) => print(await perform(loadConfig(), "user-deactivate", o)));
user
  .command("reactivate")
  .description("Let someone deactivated sign in again")
  .requiredOption("--email <email>", "who")
  .action(async (o: { email: string }) => print(await perform(loadConfig(), "user-reactivate", o)));
user
  .command("remove")
  .description("Take someone out of a workspace; lists the open cases they still hold there")
  .requiredOption("--workspace <slug>", "workspace slug")
  .requiredOption("--email <email>", "who")
  .action(async (o: { workspace: string; email: string }) =>
    print(await perform(loadConfig(), "user-remove", o)),
  );
user
  .command("reset-password")
  .description("Set a new password for someone; ends their sessions and API tokens")
  .requiredOption("--email <email>", "whose password")
  .option(
    "--password <password>",
    "the new password; a strong one is made up and printed if left out",
  )
  .option("--keep-tokens", "leave their API tokens working", false)
  .action(async (o: { email: string; password?: string; keepTokens: boolean }) =>
    print(await perform(loadConfig(), "user-reset-password", o)),
  );

const token = program.command("token").description("Manage API tokens");
token
  .command("create")
  .description("Create an API token and print only the token (for scripts)")
  .requiredOption("--email <email>", "the user the token acts as")
  .option("--name <name>", "what the token is for", "cli")
  .option("--scope <scope>", "read (may only read) or full", "full")
  .option("--days <n>", "days until it expires (default: BATON_TOKEN_DAYS)", count)
  .action(async (o: { email: string; name: string; scope: string; days?: number }) => {
    const created = (await perform(loadConfig(), "token-create", o)) as { token: string };
    process.stdout.write(`${created.token}\n`);
  });
token
  .command("list")
  .description("List the API tokens of a person (--email) or of a workspace's members")
  .option("--email <email>", "whose tokens")
  .option("--workspace <slug>", "the tokens of this workspace's members")
  .action(async (o: { email?: string; workspace?: string }) => {
    const { items } = (await perform(loadConfig(), "token-list", o)) as {
      items: {
        id: string;
        name: string;
        scope: string;
        state: string;
        expiresAt: string | null;
        lastUsedAt: string | null;
        owner: { email: string };
      }[];
    };
    if (items.length === 0) console.log("No tokens.");
    for (const t of items)
      console.log(
        [
          t.id,
          t.owner.email,
          t.name,
          t.scope,
          t.state,
          `expires ${t.expiresAt ?? "never"}`,
          `last used ${t.lastUsedAt ?? "never"}`,
        ].join("  "),
      );
  });
token
  .command("revoke")
  .description("End an API token at once")
  .argument("<id>", "the token's id, from `baton token list`")
  .action(async (id: string) => print(await perform(loadConfig(), "token-revoke", { id })));

/** A policy file's JSON; a key written twice is refused, as the API refuses it in a body. */
function readPolicyFile(file: string): unknown {
  let text: string;
  let json: unknown;
  try {
    text = readFileSync(file, "utf8");
    json = JSON.parse(text);
  } catch (error) {
    fail(`${file}: cannot read it as JSON (${(error as Error).message})`);
  }
  const twice = duplicateKey(text);
  if (twice !== undefined)
    fail(`${file} is not a valid policy:\n  ${twice}: appears twice in the file`);
  return json;
}

const policy = program.command("policy").description("Workspace policies");
policy
  .command("validate")
  .description("Check a policy JSON file; prints each problem with its field")
  .argument("<file>", "policy as JSON")
  .action((file: string) => {
    const result = parsePolicy(readPolicyFile(file));
    if (!result.ok)
      fail(
        `${file} is not a valid policy:\n` +
          result.issues.map((i) => `  ${i.field}: ${i.message}`).join("\n"),
      );
    const p = result.policy;
    console.log(
      `${file}: valid policy "${p.name}" — ${p.regions.length} regions, ${p.queues.length} queues, ` +
        `${p.roles.length} roles`,
    );
  });
policy
  .command("show")
  .description(`Print a preset policy as JSON (${PRESET_SLUGS.join(", ")})`)
  .argument("<preset>", "preset slug")
  .action((slug: string) => {
    const found = presetBySlug(slug);
    if (!found) fail(`No preset ${slug}; presets: ${PRESET_SLUGS.join(", ")}`);
    console.log(JSON.stringify(found, null, 2));
  });

const positive = (value: string) => {
  const n = count(value);
  if (n < 1) throw new InvalidArgumentError("must be 1 or more");
  return n;
};

policy
  .command("import")
  .description("Publish a policy JSON file as the workspace's next version (checked first)")
  .requiredOption("--workspace <slug>", "workspace slug")
  .requiredOption("--file <file>", "policy as JSON, e.g. from `baton policy export`")
  .option("--summary <text>", "what changed, for the version history")
  .option("--version <n>", "the version you exported from; refused if it changed since", positive)
  .action(async (o: { workspace: string; file: string; summary?: string; version?: number }) => {
    const json = readPolicyFile(o.file);
    const result = (await perform(loadConfig(), "policy-import", {
      workspace: o.workspace,
      policy: json,
      ...(o.summary !== undefined ? { summary: o.summary } : {}),
      ...(o.version !== undefined ? { version: o.version } : {}),
    })) as { version: number; changed: boolean; changes: { path: string }[] };
    console.log(
      result.changed
        ? `${o.workspace}: published version ${result.version} (${result.changes.length} ${result.changes.length === 1 ? "change" : "changes"})`
        : `${o.workspace}: unchanged, still version ${result.version}`,
    );
  });
policy
  .command("export")
  .description("Print a workspace's policy as JSON, as `baton policy validate` and import take it")
  .requiredOption("--workspace <slug>", "workspace slug")
  .option("--version <n>", "an earlier version (default: the current one)", positive)
  .action(async (o: { workspace: string; version?: number }) =>
    print(
      await perform(loadConfig(), "policy-export", {
        workspace: o.workspace,
        ...(o.version !== undefined ? { version: o.version } : {}),
      }),
    ),
  );
policy
  .command("history")
  .description("List a workspace's policy versions, newest first")
  .requiredOption("--workspace <slug>", "workspace slug")
  .action(async (o: { workspace: string }) => {
    const list = (await perform(loadConfig(), "policy-history", { workspace: o.workspace })) as {
      items: {
        version: number;
        at: string;
        by: { name: string } | null;
        summary: string | null;
        restoredFrom: number | null;
      }[];
    };
    for (const v of list.items)
      console.log(
        [
          `v${v.version}`,
          v.at,
          v.by?.name ?? "(preset or command line)",
          v.restoredFrom ? `restores v${v.restoredFrom}` : "",
          v.summary ?? "",
        ]
          .filter(Boolean)
          .join("\t"),
      );
  });

program
  .command("analytics")
  .description("Handoff analytics (docs/analytics.md)")
  .command("refresh")
  .description(
    "Bring the handoff facts, scores, rollups and today's capacity snapshot up to date now, as the schedule does every 10 minutes",
  )
  .option("--full", "recompute every transfer, not only what changed since the last run")
  .action(async (o: { full?: boolean }) =>
    print(await perform(loadConfig(), "analytics-refresh", { full: o.full === true })),
  );

program
  .command("generate")
  .description("Load volume for benchmarks: agents and cases into an existing workspace")
  .requiredOption("--workspace <slug>", "workspace slug")
  .option("--cases <n>", "cases to add", count, 100_000)
  .option("--agents <n>", "agents to add", count, 200)
  .action(async (o: { workspace: string; cases: number; agents: number }) =>
    print(await withProgress("generate", (p) => perform(loadConfig(), "generate", o, p))),
  );

program
  .command("generate-history")
  .description(
    "Play weeks of handoff history into a workspace through Baton's own commands, then refresh the analytics",
  )
  .requiredOption("--workspace <slug>", "workspace slug")
  .option("--weeks <n>", "weeks of history before today", count, 6)
  .option("--cases-per-week <n>", "cases that change hands per week", count, 20)
  .option("--seed <n>", "the same seed plays the same history", count, 1)
  .action(async (o: { workspace: string; weeks: number; casesPerWeek: number; seed: number }) =>
    print(
      await withProgress("generate-history", (p) =>
        perform(loadConfig(), "generate-history", o, p),
      ),
    ),
  );

function print(value: unknown) {
  console.log(JSON.stringify(value, null, 2));
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof DomainError)
    fail(
      [error.message, ...error.issues.map((i) => `  ${i.field}: ${i.message}`)]
        .filter((line, i, all) => all.indexOf(line) === i)
        .join("\n"),
    );
  if (
    error instanceof DataDirLocked ||
    error instanceof PoolerRefused ||
    error instanceof OperationFailed ||
    error instanceof BackupRefused
  )
    fail(error.message);
  if (error instanceof UsePostgresTools) {
    console.error(error.message);
    process.exit(2);
  }
  if (error instanceof Error && error.message.startsWith("Invalid configuration"))
    fail(error.message);
  throw error;
}
