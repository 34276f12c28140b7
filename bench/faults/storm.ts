// Drill a: many writers on one case through three `baton serve` processes on one PostgreSQL.
// Each round every writer sends the version it read, half as a PATCH, half as a transfer to the
// other queue: exactly one may win, the others get 409, and the winner's change is what every
// process reads afterwards.
import type { ServeChild } from "../serve.ts";
import {
  type Answer,
  call,
  createCase,
  type DrillOptions,
  type DrillResult,
  fmt,
  prepare,
  QUEUES,
  scratchDatabase,
  serve,
  TRANSFER,
  tally,
} from "./support.ts";

export async function stormDrill(options: DrillOptions): Promise<DrillResult> {
  const rounds = options.long ? 60 : 12;
  const writers = options.long ? 48 : 24;
  const failures: string[] = [];
  const scratch = await scratchDatabase(options.adminUrl);
  const servers: ServeChild[] = [];
  try {
    const target = { kind: "postgres" as const, url: scratch.url };
    const { token } = await prepare(target);
    // One after the other: the first migrates, the others find it done.
    for (let i = 0; i < 3; i++) servers.push(await serve(target, { BATON_DB_POOL: "6" }));
    const urls = servers.map((s) => s.url);
    const first = await createCase(urls[0]!, token, "Storm: everyone writes at once");
    const initial = first.version;
    const statuses: number[] = [];
    let winners = 0;
    let patchWins = 0;
    let transferWins = 0;
    const started = performance.now();
    for (let round = 0; round < rounds; round++) {
      const read = await call(urls[round % 3]!, token, "GET", `/api/v1/cases/${first.number}`);
      const version = Number(read.body.version);
      const otherQueue = read.body.queue === QUEUES[0] ? QUEUES[1] : QUEUES[0];
      const sent = Array.from({ length: writers }, (_, i) => {
        const url = urls[i % 3]!;
        const subject = `round ${round} writer ${i}`;
        const request: Promise<Answer> =
          i % 2 === 0
            ? call(url, token, "PATCH", `/api/v1/cases/${first.number}`, { version, subject })
            : call(url, token, "POST", `/api/v1/cases/${first.number}/transfers`, {
                ...TRANSFER,
                version,
                target: { queue: otherQueue },
              });
        return request.then((answer) => ({ i, subject, answer }));
      });
      const answers = await Promise.all(sent);
      statuses.push(...answers.map((a) => a.answer.status));
      const won = answers.filter((a) => a.answer.status === 200 || a.answer.status === 201);
      const other = answers.filter(
        (a) => a.answer.status !== 409 && a.answer.status !== 200 && a.answer.status !== 201,
      );
      winners += won.length;
      if (won.length !== 1) failures.push(`round ${round}: ${won.length} winners, expected 1`);
      for (const o of other.slice(0, 2))
        failures.push(
          `round ${round}: writer ${o.i} got ${o.answer.status} ${JSON.stringify(o.answer.body).slice(0, 200)}`,
        );
      const winner = won[0];
      if (!winner) continue;
      if (winner.i % 2 === 0) patchWins++;
      else transferWins++;
      // Every process must read the winner's change: nothing lost, nothing from a loser.
      for (const url of urls) {
        const after = await call(url, token, "GET", `/api/v1/cases/${first.number}`);
        const lost =
          winner.i % 2 === 0
            ? after.body.subject !== winner.subject
            : after.body.queue !== otherQueue;
        if (lost)
          failures.push(
            `round ${round}: ${url} reads subject ${String(after.body.subject)}, queue ${String(after.body.queue)} after writer ${winner.i} won`,
          );
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const final = await call(urls[2]!, token, "GET", `/api/v1/cases/${first.number}`);
    const finalVersion = Number(final.body.version);
    if (finalVersion !== initial + winners)
      failures.push(
        `final version ${finalVersion}, expected initial ${initial} + winners ${winners} = ${initial + winners}`,
      );
    const counts = tally(statuses);
    return {
      name: "a. same-case storm, 3 processes, PostgreSQL",
      figures: {
        requests: statuses.length,
        rounds,
        "writers per round": writers,
        winners,
        "winners by PATCH / transfer": `${patchWins} / ${transferWins}`,
        conflicts: counts["409"] ?? 0,
        answers: fmt(counts),
        lost: failures.filter((f) => f.includes("reads subject")).length,
        "initial → final version": `${initial} → ${finalVersion}`,
        seconds: Number(seconds.toFixed(1)),
      },
      failures,
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await scratch.drop();
  }
}
