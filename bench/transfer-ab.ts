// Server CPU per transfer of two checkouts of Baton, measured at the same time (issue 16).
//
//   node bench/transfer-ab.ts --other DIR [--clients 4] [--duration 8] [--rounds 3] [--cases 3000]
//     [--postgres-url URL]
//
// bench/transfer.ts measures one checkout, and on a shared virtual machine its figures move by
// half from one run to the next as the machine's speed changes, more than a change worth making
// saves. Here both servers — this checkout's and the one in DIR (e.g. a `git worktree` of the
// commit before; it must have the same migrations) — run on one scratch database at once, each
// driven by its own --clients connections on its own cases, so whatever speed the machine has
// at a moment, both have it. Each round reads both servers' CPU time (/proc) and transfers; the
// answer is each one's CPU per transfer and this checkout's against the other's. Each server's
// connections carry an application_name of their own (PGAPPNAME), so the CPU time of the
// PostgreSQL backends serving each is read too: what a change to the statements saves there.
import { fileURLToPath } from "node:url";
import pg from "pg";

import { benchFlags, DEFAULT_POSTGRES_URL } from "./flags.ts";
import { processTicks } from "./machine.ts";
import { type ServeChild, startServe } from "./serve.ts";
import { Dealer, driveTransfers, onScratchDatabase } from "./transfer-cases.ts";

const HERE = fileURLToPath(new URL("..", import.meta.url));

function parseFlags(argv: string[]) {
  const flags = benchFlags(argv, {
    numbers: { clients: 4, duration: 8, rounds: 3, cases: 3_000 },
    texts: { other: "", "postgres-url": DEFAULT_POSTGRES_URL },
    switches: [],
  });
  if (!flags.other) throw new Error("--other DIR: the checkout to compare with");
  return flags;
}

type Flags = ReturnType<typeof parseFlags>;

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Drives one server for `seconds`; answers how many transfers it completed. */
async function drive(
  server: ServeChild,
  token: string,
  dealer: Dealer,
  flags: Flags,
  seconds: number,
) {
  let ok = 0;
  let failed = "";
  await driveTransfers({
    url: server.url,
    token,
    dealer,
    clients: flags.clients,
    seconds,
    onResponse: (status, body) => {
      if (status === 201) ok++;
      else if (!failed) failed = `${status} ${body.slice(0, 300)}`;
    },
  });
  return { ok, failed };
}

/** utime + stime of each PostgreSQL backend whose connection is named `application`. */
async function backendTicks(admin: pg.Client, application: string): Promise<Map<number, number>> {
  const { rows } = await admin.query<{ pid: number }>(
    "select pid from pg_stat_activity where application_name = $1",
    [application],
  );
  return new Map(rows.map((r) => [r.pid, processTicks(r.pid)]));
}

/** The ticks the backends spent between two readings; one that started meanwhile, all of its. */
function spent(before: Map<number, number>, after: Map<number, number>): number {
  let ticks = 0;
  for (const [pid, now] of after) ticks += now - (before.get(pid) ?? 0);
  return ticks;
}

interface Side {
  name: string;
  application: string;
  postgresTicks: number;
  server: ServeChild;
  warm: Dealer;
  dealer: Dealer;
  transfers: number;
  ticks: number;
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const volume = { cases: flags.cases, agents: 50 };
  await onScratchDatabase(flags["postgres-url"], volume, async (database, { token, slots }) => {
    const servers: ServeChild[] = [];
    try {
      const sides: Side[] = [];
      for (const [i, root] of [flags.other, HERE].entries()) {
        const application = i === 0 ? "baton-ab-other" : "baton-ab-this";
        const env = {
          DATABASE_URL: database.url,
          BATON_DB_POOL: String(flags.clients),
          BATON_BACKGROUND: "off",
          PGAPPNAME: application,
        };
        const server = await startServe({ env, root });
        servers.push(server);
        sides.push({
          name: i === 0 ? `other (${root})` : "this checkout",
          application,
          postgresTicks: 0,
          server,
          // Cases of its own for the warm-up: autocannon drops the requests in flight when a run
          // ends, so the cases they were dealt may not have moved.
          warm: new Dealer(slots.filter((_, n) => n % 4 === i + 2)),
          dealer: new Dealer(slots.filter((_, n) => n % 4 === i)),
          transfers: 0,
          ticks: 0,
        });
      }
      // The servers' CPU per transfer keeps falling for 20-30 s after a start (the JIT).
      log("warming both up for 30 s…");
      await Promise.all(sides.map((s) => drive(s.server, token, s.warm, flags, 30)));
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      for (let round = 1; round <= flags.rounds; round++) {
        const backendsBefore = await Promise.all(
          sides.map((s) => backendTicks(admin, s.application)),
        );
        const before = sides.map((s) => processTicks(s.server.pid));
        const done = await Promise.all(
          sides.map((s) => drive(s.server, token, s.dealer, flags, flags.duration)),
        );
        const ticksAfter = sides.map((s) => processTicks(s.server.pid));
        const backendsAfter = await Promise.all(
          sides.map((s) => backendTicks(admin, s.application)),
        );
        const line: string[] = [];
        sides.forEach((s, i) => {
          const ticks = ticksAfter[i]! - before[i]!;
          const postgres = spent(backendsBefore[i]!, backendsAfter[i]!);
          const answer = done[i]!;
          if (answer.failed) log(`  ${s.name}: first non-201: ${answer.failed}`);
          s.transfers += answer.ok;
          s.ticks += ticks;
          s.postgresTicks += postgres;
          const ms = (n: number) => ((n * 10) / answer.ok).toFixed(2);
          line.push(
            `${answer.ok} transfers, server ${ms(ticks)} ms, PostgreSQL ${ms(postgres)} ms`,
          );
        });
        log(`round ${round}: other ${line[0]}; this ${line[1]}`);
      }
      await admin.end();
      const perTransfer = (s: Side) => (s.ticks * 10) / s.transfers;
      const postgresPerTransfer = (s: Side) => (s.postgresTicks * 10) / s.transfers;
      const [other, mine] = sides as [Side, Side];
      const figures = (s: Side) => ({
        transfers: s.transfers,
        serverCpuMs: round2(perTransfer(s)),
        postgresCpuMs: round2(postgresPerTransfer(s)),
      });
      const report = {
        clientsEach: flags.clients,
        durationS: flags.duration,
        rounds: flags.rounds,
        other: figures(other),
        this: figures(mine),
        thisOverOther: round2(perTransfer(mine) / perTransfer(other)),
        postgresThisOverOther: round2(postgresPerTransfer(mine) / postgresPerTransfer(other)),
      };
      console.log(JSON.stringify(report, null, 2));
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  });
}

const round2 = (n: number) => Math.round(n * 100) / 100;

await main();
