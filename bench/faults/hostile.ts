// Drill e: hostile input for a while against one `baton serve` on PostgreSQL — malformed and
// random JSON, huge strings, bad ids, Unicode tricks, odd content types — on the endpoints people
// and scripts write to. No answer may be 5xx; the server's resident memory is sampled and must
// not keep growing (more than 1.5x what it was after the warm-up).
import { readMemory } from "../serve.ts";
import {
  createCase,
  type DrillOptions,
  type DrillResult,
  fmt,
  prepare,
  scratchDatabase,
  serve,
  sleep,
  TRANSFER,
  WORKSPACE,
} from "./support.ts";

/** mulberry32: a seeded PRNG, so a failing run can be replayed with FAULTS_SEED. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TRICKY_STRINGS = [
  "",
  " ",
  "\u0000",
  "nul\u0000inside",
  "\u202eevil\u202c",
  "zero\u200bwidth\u200d",
  "\ud800",
  "\udfff\ud800",
  "e\u0301".repeat(2_000),
  "👩‍👩‍👧‍👦".repeat(500),
  "𝕏".repeat(5_000),
  "\ufeffbom",
  "ａｄｍｉｎ",
  "../../../etc/passwd",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "%00%ff%2e%2e",
  "\r\nX-Injected: 1",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the log4j lookup text is the input
  "${jndi:ldap://x}",
  "{{constructor.constructor('1')()}}",
  "a".repeat(100_000),
  "long line ".repeat(50_000),
];

const BAD_IDS = [
  "0",
  "-1",
  "abc",
  "1e3",
  "1.5",
  "99999999999999999999999",
  "9007199254740993",
  "%ff",
  "%00",
  "..%2f..%2f",
  "%e2%80%ae",
  "00000000-0000-0000-0000-000000000000",
  "1;DROP TABLE cases",
  "x".repeat(190),
  "1".repeat(300),
  "%F0%9F%92%A9",
];

// Raw bodies JSON.stringify could never produce.
const RAW_BODIES = [
  "{",
  '{"subject":}',
  "[1,2,",
  '{"a":1,}',
  "\ufeff{}",
  "null",
  "true",
  "1e309",
  '"just a string"',
  '{"version":1e309}',
  '{"version":-0}',
  '{"version":NaN}',
  '{"subject":"a","subject":"b"}',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  `${"[".repeat(50_000)}${"]".repeat(50_000)}`,
  `{"a":${'{"a":'.repeat(5_000)}1${"}".repeat(5_001)}`,
  "\u00ff\u00fe\u0000{",
  `{"subject":"${"\\ud800".repeat(1_000)}"}`,
  `{"subject":"${"\\u0000".repeat(1_000)}"}`,
];

type Pick = <T>(items: readonly T[]) => T;

function randomValue(pick: Pick, random: () => number, depth = 0): unknown {
  const r = random();
  if (r < 0.35) return pick(TRICKY_STRINGS);
  if (r < 0.5) return pick([0, -1, 1.5, 2 ** 53 + 1, -(2 ** 31), 1e300, Number.MAX_SAFE_INTEGER]);
  if (r < 0.6) return pick([null, true, false]);
  if (r < 0.75 && depth < 4)
    return Array.from({ length: Math.floor(random() * 5) }, () =>
      randomValue(pick, random, depth + 1),
    );
  if (r < 0.85) return Array.from({ length: 5_000 }, (_, i) => i);
  if (depth < 4) return randomObject(pick, random, depth + 1);
  return pick(TRICKY_STRINGS);
}

const FIELDS = [
  "workspace",
  "subject",
  "description",
  "version",
  "status",
  "severity",
  "priority",
  "ownerId",
  "queue",
  "body",
  "visibility",
  "mentions",
  "kind",
  "target",
  "reason",
  "email",
  "password",
  "nextContactAt",
  "attachmentIds",
  "__proto__",
  "constructor",
];

function randomObject(pick: Pick, random: () => number, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const n = 1 + Math.floor(random() * 5);
  // defineProperty: a "__proto__" key must be sent as a key, not become the object's prototype.
  for (let i = 0; i < n; i++)
    Object.defineProperty(out, pick(FIELDS), {
      value: randomValue(pick, random, depth),
      enumerable: true,
      configurable: true,
      writable: true,
    });
  return out;
}

interface Attack {
  method: string;
  path: string;
  body?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
  auth: boolean;
}

function attack(random: () => number, cases: { number: number; version: number }[]): Attack {
  const pick: Pick = (items) => items[Math.floor(random() * items.length)]!;
  const kase = pick(cases);
  const id = random() < 0.5 ? String(kase.number) : pick(BAD_IDS);
  const jsonBody = (valid: Record<string, unknown>) => {
    const r = random();
    if (r < 0.3) return pick(RAW_BODIES);
    if (r < 0.6) return JSON.stringify({ ...valid, ...randomObject(pick, random) });
    if (r < 0.8) {
      const key = pick(Object.keys(valid));
      return JSON.stringify({ ...valid, [key]: randomValue(pick, random) });
    }
    return JSON.stringify(randomValue(pick, random));
  };
  const contentType = pick([
    "application/json",
    "application/json",
    "application/json",
    "application/json; charset=utf-16",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "APPLICATION/JSON;;;",
    "application/jsonx",
  ]);
  const r = random();
  if (r < 0.2)
    return {
      method: "POST",
      path: "/api/v1/cases",
      body: jsonBody({ workspace: WORKSPACE, subject: "hostile" }),
      contentType,
      auth: true,
    };
  if (r < 0.4)
    return {
      method: "PATCH",
      path: `/api/v1/cases/${id}`,
      body: jsonBody({ version: kase.version, subject: "hostile" }),
      contentType,
      auth: true,
    };
  if (r < 0.55)
    return {
      method: "POST",
      path: `/api/v1/cases/${id}/notes`,
      body: jsonBody({ body: "hostile", visibility: "private" }),
      contentType,
      auth: true,
    };
  if (r < 0.65)
    return {
      method: "POST",
      path: `/api/v1/cases/${id}/transfers`,
      body: jsonBody({ ...TRANSFER, version: kase.version, target: { queue: "l2-support" } }),
      contentType,
      auth: true,
    };
  if (r < 0.8) {
    const params = new URLSearchParams();
    for (const key of ["owner", "status", "queue", "q", "cursor", "limit", "sort", "severity"])
      if (random() < 0.4) {
        const value = randomValue(pick, random);
        params.set(
          key,
          (typeof value === "string" ? value : JSON.stringify(value)).slice(0, 3_000),
        );
      }
    return { method: "GET", path: `/api/v1/cases?${params}`, auth: true };
  }
  if (r < 0.88)
    return {
      method: pick(["GET", "DELETE", "PUT", "OPTIONS"]),
      path: `/api/v1/${pick(["cases", "transfers", "workspaces", "sheet", "agents"])}/${id}${pick(["", "/timeline", "/audit", "/../..", "?cursor=%ff"])}`,
      auth: random() < 0.8,
    };
  if (r < 0.95)
    return {
      method: "POST",
      path: "/api/v1/auth/login",
      body: jsonBody({ email: "lead@faults.example", password: "wrong but long enough" }),
      contentType,
      auth: false,
    };
  // Bytes that are not UTF-8 at all, or a body just over the 1 MB limit.
  return {
    method: "POST",
    path: "/api/v1/cases",
    body:
      random() < 0.5
        ? new Uint8Array(Array.from({ length: 2_000 }, () => Math.floor(random() * 256)))
        : JSON.stringify({ workspace: WORKSPACE, subject: "x".repeat(1_100_000) }),
    contentType,
    auth: true,
  };
}

export async function hostileDrill(options: DrillOptions): Promise<DrillResult> {
  const seconds = options.long ? 300 : 30;
  // The heap grows for the first tens of seconds of such input before it levels off (the long
  // form's samples: ~200 MB at start, ~350 MB from the first minute on, flat after); the short
  // form compares its second half with its first.
  const warmupS = options.long ? 60 : 15;
  const clients = 6;
  const seed = Number(process.env.FAULTS_SEED ?? Date.now() % 1_000_000);
  const failures: string[] = [];
  const scratch = await scratchDatabase(options.adminUrl);
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  try {
    const target = { kind: "postgres" as const, url: scratch.url };
    const { token } = await prepare(target);
    server = await serve(target);
    const live = server;
    const cases: { number: number; version: number }[] = [];
    for (let i = 0; i < 3; i++) cases.push(await createCase(live.url, token, `Target ${i}`));
    const random = prng(seed);
    const statuses: Record<string, number> = {};
    let requests = 0;
    let dropped = 0;
    let oversizedDropped = 0;
    const samples: { at: number; rssMb: number }[] = [];
    const started = Date.now();
    const until = started + seconds * 1000;
    const sampler = setInterval(() => {
      try {
        samples.push({ at: (Date.now() - started) / 1000, rssMb: readMemory(live.pid).rssMb });
      } catch {
        // the process is gone; the checks below say so
      }
    }, 1_000);
    const loop = async () => {
      while (Date.now() < until && live.child.exitCode === null) {
        const a = attack(random, cases);
        requests++;
        try {
          const response = await fetch(`${live.url}${a.path}`, {
            method: a.method,
            headers: {
              ...(a.auth ? { authorization: `Bearer ${token}` } : {}),
              ...(a.body !== undefined && a.contentType ? { "content-type": a.contentType } : {}),
            },
            ...(a.body !== undefined ? { body: a.body } : {}),
            signal: AbortSignal.timeout(20_000),
          });
          const text = await response.text();
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          if (response.status >= 500 && failures.length < 20)
            failures.push(
              `${response.status} for ${a.method} ${a.path.slice(0, 120)} ${a.contentType ?? ""} body ${typeof a.body === "string" ? JSON.stringify(a.body.slice(0, 120)) : `${a.body?.length ?? 0} bytes`}: ${text.slice(0, 200)}`,
            );
        } catch (error) {
          // A body over the limit may be refused before it is read: the socket closes under it.
          const size = typeof a.body === "string" ? a.body.length : (a.body?.length ?? 0);
          if (size > 1_000_000) oversizedDropped++;
          else {
            dropped++;
            if (failures.length < 20)
              failures.push(
                `no answer for ${a.method} ${a.path.slice(0, 120)}: ${error instanceof Error ? String(error.cause ?? error.message) : String(error)}`,
              );
          }
        }
      }
    };
    await Promise.all(Array.from({ length: clients }, loop));
    clearInterval(sampler);
    await sleep(1_000);
    samples.push({ at: (Date.now() - started) / 1000, rssMb: readMemory(live.pid).rssMb });
    if (live.child.exitCode !== null) failures.push(`the server exited ${live.child.exitCode}`);

    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
    const warm = samples.filter((s) => s.at <= warmupS).slice(-3);
    const baseline = median(warm.map((s) => s.rssMb));
    const final = median(samples.slice(-3).map((s) => s.rssMb));
    const peak = Math.max(...samples.map((s) => s.rssMb));
    if (baseline > 0 && final > baseline * 1.5)
      failures.push(`RSS grew from ${baseline} MB after the warm-up to ${final} MB (over 1.5x)`);
    const fivexx = Object.entries(statuses)
      .filter(([s]) => Number(s) >= 500)
      .reduce((n, [, c]) => n + c, 0);
    // Still answering ordinary requests after all that.
    const after = await fetch(`${live.url}/api/v1/cases/${cases[0]!.number}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await after.arrayBuffer();
    if (after.status !== 200) failures.push(`an ordinary read afterwards answered ${after.status}`);
    const every = Math.max(1, Math.floor(samples.length / 8));
    return {
      name: `e. hostile input for ${seconds} s, PostgreSQL`,
      figures: {
        seed,
        requests,
        "per second": Math.round(requests / seconds),
        answers: fmt(statuses),
        "5xx": fivexx,
        "dropped connections (bodies under the limit)": dropped,
        "dropped connections (bodies over 1 MB, refused unread)": oversizedDropped,
        "RSS MB after warm-up → end (peak)": `${baseline} → ${final} (${peak})`,
        "RSS samples, MB": samples
          .filter((_, i) => i % every === 0)
          .map((s) => `${Math.round(s.at)}s:${s.rssMb}`)
          .join(" "),
      },
      failures,
    };
  } finally {
    await server?.stop();
    await scratch.drop();
  }
}
