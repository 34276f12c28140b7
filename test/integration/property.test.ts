import { eq, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  activities,
  apiTokens,
  auditEvents,
  cases,
  contacts,
  customers,
  sessions,
  users,
} from "../../src/db/schema.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import { databaseKinds } from "../support/db.ts";
import {
  buildAgent,
  buildWorkspace,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// Generated input thrown at every write endpoint. Whatever arrives, the answer is 2xx or 4xx,
// never 5xx; a 4xx is problem+json without database text, and leaves every table as it was.

const API = "/api/v1";
const PASSWORD = "correct horse battery";
const RUNS = 60;
const LEAK =
  /(\bat\s+\S+\.(ts|js):\d+)|\bstack\b|postgres|pglite|drizzle|violates|syntax error|relation "|duplicate key|invalid input syntax|failed query/i;
// JSON.stringify cannot write 1e400; these strings are swapped for the literals afterwards.
const HUGE = "@@1e400@@";
const NEG_HUGE = "@@-1e400@@";

// ---- arbitraries -------------------------------------------------------------------------

const oddChar = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "\u007f",
      "\u200f",
      "\u202e",
      "\ufeff",
      "\u0301",
      "🔥",
      "👩🏽‍💻",
      "مرحبا",
      "日本",
      "<script>",
      "'",
      '"',
      "\\",
      "%",
      "@",
    ),
  },
);

const oddString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: oddChar, maxLength: 40 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "",
      "\u0000",
      "a\u0000b@example.test",
      "ring\u0007",
      "\ud800",
      "x\udfffy",
      " ",
      "null",
      "NaN",
      "Infinity",
      "-1",
      "0",
      "1e400",
      "2026-02-30T10:00:00Z",
      "0000-01-01T00:00:00Z",
      "+275760-09-13T00:00:00Z",
      "2026-12-01T09:00:00Z",
      "+05:30",
      "UTC+1",
      "Asia/Kolkata",
      "premium",
      "cse-emea",
      "critical",
      "closed",
      "on_leave",
      "me",
      "../../etc/passwd",
      "'; drop table cases; --",
      "a".repeat(400),
      "x".repeat(20_001),
    ),
  },
  { weight: 1, arbitrary: fc.uuid() },
);

const edgeNumber = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    1,
    -1,
    1.5,
    1440,
    1441,
    2 ** 31 - 1,
    2 ** 31,
    -(2 ** 31),
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 53),
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    HUGE,
    NEG_HUGE,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: oddString },
  { weight: 3, arbitrary: edgeNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(oddString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(oddString, oddString, { maxKeys: 3 }) },
);

const strangerKey = fc.oneof(
  fc.constantFrom(
    "owner",
    "role",
    "version",
    "number",
    "id",
    "createdBy",
    "workspaceId",
    "handoffCount",
    "status",
    "__proto__",
    "constructor",
    "prototype",
  ),
  oddString,
);

const contentType = fc.oneof(
  { weight: 12, arbitrary: fc.constant("application/json") },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "application/json; charset=utf-8",
      "application/json; charset=latin1",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/xml",
      "APPLICATION/JSON",
    ),
  },
);

type Shape =
  | { kind: "mutation"; drop: string[]; replace: [string, unknown][]; extra: [string, unknown][] }
  | { kind: "whole"; value: unknown }
  | { kind: "raw"; text: string };

function shapes(known: string[], pointed: unknown[]): fc.Arbitrary<Shape> {
  const value = pointed.length
    ? fc.oneof(
        { weight: 1, arbitrary: oddValue },
        { weight: 1, arbitrary: fc.constantFrom(...pointed) },
      )
    : oddValue;
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant("mutation" as const),
        // Mostly near-valid bodies: one dropped key already makes most of them a plain 400.
        drop: fc.oneof(
          { weight: 3, arbitrary: fc.constant<string[]>([]) },
          { weight: 1, arbitrary: fc.subarray(known, { maxLength: Math.min(2, known.length) }) },
        ),
        replace: fc.oneof(
          { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...known), value).map((r) => [r]) },
          {
            weight: 1,
            arbitrary: fc.array(fc.tuple(fc.constantFrom(...known), value), { maxLength: 3 }),
          },
        ),
        extra: fc.oneof(
          { weight: 3, arbitrary: fc.constant<[string, unknown][]>([]) },
          { weight: 1, arbitrary: fc.array(fc.tuple(strangerKey, oddValue), { maxLength: 2 }) },
        ),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant("whole" as const), value: fc.jsonValue() }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("raw" as const), text: oddString }) },
  );
}

const put = (target: Record<string, unknown>, key: string, value: unknown) =>
  // defineProperty, so that "__proto__" becomes an ordinary key that JSON.stringify writes.
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });

function render(shape: Shape, base: Record<string, unknown>): string {
  if (shape.kind === "raw") return shape.text;
  let value: unknown;
  if (shape.kind === "whole") value = shape.value;
  else {
    const body: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(base)) if (!shape.drop.includes(key)) put(body, key, v);
    for (const [key, v] of [...shape.replace, ...shape.extra]) put(body, key, v);
    value = body;
  }
  return (JSON.stringify(value) ?? "null")
    .replaceAll(JSON.stringify(HUGE), "1e400")
    .replaceAll(JSON.stringify(NEG_HUGE), "-1e400");
}

// ---- the world ---------------------------------------------------------------------------

/** Row counts and version sums in one query: any insert or update shows up as a difference. */
async function snapshot(world: World) {
  const count = (table: PgTable) => sql<number>`(select count(*) from ${table})::int`;
  const [row] = await world.database.db
    .select({
      cases: count(cases),
      activities: count(activities),
      auditEvents: count(auditEvents),
      customers: count(customers),
      contacts: count(contacts),
      apiTokens: count(apiTokens),
      sessions: count(sessions),
      caseVersions: sql<number>`(select coalesce(sum(${cases.version}), 0) from ${cases})::int`,
      userVersions: sql<number>`(select coalesce(sum(${users.version}), 0) from ${users})::int`,
    })
    .from(sql`(select 1) as one`);
  if (!row) throw new Error("the snapshot query returned no row");
  return row;
}

interface Team {
  slug: string;
  agent: TestAgent;
  lead: TestAgent;
  caseNumber: number;
}

interface Target {
  name: string;
  method: "POST" | "PATCH" | "PUT";
  url: (t: Team) => string;
  anonymous?: boolean;
  /** Every field the endpoint knows, valid or not in the base. */
  known: string[];
  /** Values aimed at this endpoint's edges, mixed in with the generic ones. */
  pointed?: unknown[];
  base: (t: Team, world: World) => Promise<Record<string, unknown>>;
}

async function caseVersion(world: World, number: number): Promise<number> {
  const [row] = await world.database.db
    .select({ version: cases.version })
    .from(cases)
    .where(eq(cases.number, number));
  return row?.version ?? 1;
}

async function userVersion(world: World, id: string): Promise<number> {
  const [row] = await world.database.db
    .select({ version: users.version })
    .from(users)
    .where(eq(users.id, id));
  return row?.version ?? 1;
}

const targets: Target[] = [
  {
    name: "POST /cases",
    method: "POST",
    url: () => `${API}/cases`,
    known: [
      "workspace",
      "subject",
      "description",
      "internalTitle",
      "customerId",
      "contactId",
      "product",
      "severity",
      "priority",
      "impact",
      "plan",
      "is24x7",
      "queue",
      "region",
      "brand",
      "ownerId",
      "secondaryOwnerId",
      "parentCaseNumber",
      "partnerTicket",
      "incidentId",
      "stepsToReproduce",
    ],
    pointed: [true, "premium", "standard", "critical", "cse-emea", "EMEA", 9_000_000_000_000],
    base: async (t) => ({ workspace: t.slug, subject: "Fuzzed case", plan: "premium" }),
  },
  {
    name: "PATCH /cases/:number",
    method: "PATCH",
    url: (t) => `${API}/cases/${t.caseNumber}`,
    known: [
      "version",
      "subject",
      "description",
      "status",
      "severity",
      "priority",
      "plan",
      "is24x7",
      "region",
      "queue",
      "ownerId",
      "secondaryOwnerId",
      "partnerTicket",
      "nextContactAt",
    ],
    pointed: ["closed", "resolved", "active", true, "premium", null, 0, 2 ** 31],
    base: async (t, world) => ({
      version: await caseVersion(world, t.caseNumber),
      subject: "Fuzzed subject",
    }),
  },
  {
    name: "POST /cases/:number/notes",
    method: "POST",
    url: (t) => `${API}/cases/${t.caseNumber}/notes`,
    known: ["body", "visibility", "mentions"],
    pointed: ["public", ["00000000-0000-4000-8000-000000000000"], [], "@nobody hello"],
    base: async () => ({ body: "Fuzzed note", visibility: "private" }),
  },
  {
    name: "POST /cases/:number/calls",
    method: "POST",
    url: (t) => `${API}/cases/${t.caseNumber}/calls`,
    known: ["body", "visibility", "direction", "durationMinutes", "contactName", "mentions"],
    base: async () => ({ body: "Fuzzed call", direction: "outbound", durationMinutes: 7 }),
  },
  {
    name: "PUT /workspaces/:ws/agents/me/availability",
    method: "PUT",
    url: (t) => `${API}/workspaces/${t.slug}/agents/me/availability`,
    known: ["version", "status", "leaveFrom", "leaveUntil", "backupUserId", "callDiversion"],
    pointed: [
      "0000-01-01T00:00:00Z",
      "0001-01-01T00:00:00+14:00",
      "-000001-01-01T00:00:00Z",
      "+275760-09-13T00:00:00Z",
      "9999-12-31T23:59:59Z",
      "2026-02-30T10:00:00Z",
      "2026-12-01T09:00:00",
      "available",
      "off_queue",
    ],
    base: async (t, world) => ({
      version: await userVersion(world, t.agent.userId),
      status: "on_leave",
      leaveFrom: "2026-12-01T09:00:00Z",
      leaveUntil: "2026-12-24T17:00:00-05:00",
      backupUserId: t.lead.userId,
    }),
  },
  {
    name: "POST /workspaces/:ws/customers",
    method: "POST",
    url: (t) => `${API}/workspaces/${t.slug}/customers`,
    known: ["name", "timeZone", "language", "plan", "region", "contacts"],
    pointed: ["Asia/Kolkata", "+05:30", "GMT-3", "premium", "IST", "pt-BR", [{ name: "\u0000" }]],
    base: async () => ({
      name: "Fuzz GmbH",
      timeZone: "Europe/Berlin",
      language: "de",
      contacts: [{ name: "Jonas", email: "jonas@example.test" }],
    }),
  },
  {
    name: "POST /auth/login",
    method: "POST",
    url: () => `${API}/auth/login`,
    anonymous: true,
    known: ["email", "password"],
    pointed: ["a\u0000b@example.test", "\ud800@example.test", "", "x".repeat(321)],
    base: async (t) => ({ email: t.agent.email, password: PASSWORD }),
  },
  {
    name: "POST /auth/tokens",
    method: "POST",
    url: () => `${API}/auth/tokens`,
    known: ["name"],
    base: async () => ({ name: "fuzzed token" }),
  },
];

// Each request comes from its own address, so the login route's per-address limit does not
// turn the whole run into 429s.
let address = 0;
const nextAddress = () => {
  address += 1;
  return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
};

describe.each(databaseKinds)("generated input never breaks the API (%s)", (kind) => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world?.dispose());

  async function team(): Promise<Team> {
    const ws = await buildWorkspace(world);
    const agent = await buildAgent(world, ws.slug, "agent", { region: "EMEA" });
    const lead = await buildAgent(world, ws.slug, "shift_lead");
    const created = await agent.api.post<CaseDetail>(`${API}/cases`, {
      subject: "Fuzz target",
      ownerId: agent.userId,
    });
    if (created.status !== 201) throw new Error(`fixture case: ${created.status}`);
    return { slug: ws.slug, agent, lead, caseNumber: created.body.number };
  }

  async function check(
    method: "GET" | "POST" | "PATCH" | "PUT",
    url: string,
    headers: Record<string, string>,
    payload?: string,
  ): Promise<number> {
    const before = await snapshot(world);
    const response = await world.app.inject({
      method,
      url,
      headers,
      remoteAddress: nextAddress(),
      ...(payload === undefined ? {} : { payload }),
    });
    const where = `${method} ${url} ${payload?.slice(0, 300) ?? ""} → ${response.body.slice(0, 300)}`;
    expect(response.statusCode, where).toBeGreaterThanOrEqual(200);
    expect(response.statusCode, where).toBeLessThan(500);
    expect(response.body, where).not.toMatch(LEAK);
    if (response.statusCode >= 400) {
      expect(response.headers["content-type"], where).toMatch(/^application\/problem\+json/);
      expect(await snapshot(world), where).toEqual(before);
    }
    return response.statusCode;
  }

  for (const target of targets) {
    it(`${target.name}: 2xx or 4xx, and a 4xx stores nothing`, async () => {
      const t = await team();
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(
          shapes(target.known, target.pointed ?? []),
          contentType,
          async (shape, type) => {
            const base = await target.base(t, world);
            const headers: Record<string, string> = { "content-type": type };
            if (!target.anonymous) headers.authorization = `Bearer ${t.agent.token}`;
            statuses.add(await check(target.method, target.url(t), headers, render(shape, base)));
          },
        ),
        { numRuns: RUNS },
      );
      // The generator reaches past the schema into refusals; a run of only 2xx or only 400
      // would mean it tested less than it claims.
      expect([...statuses].some((s) => s >= 400)).toBe(true);
    });
  }

  it("GET /cases with generated query strings and cursors: 2xx or 4xx", async () => {
    const t = await team();
    const key = fc.oneof(
      fc.constantFrom(
        "workspace",
        "owner",
        "queue",
        "status",
        "region",
        "severity",
        "is24x7",
        "q",
        "cursor",
        "limit",
      ),
      oddString,
    );
    const cursor = fc
      .oneof(
        fc.jsonValue(),
        fc.record({
          u: fc.oneof(
            oddString,
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          ),
          n: fc.oneof(edgeNumber, oddValue),
        }),
      )
      .map((v) => Buffer.from(JSON.stringify(v) ?? "").toString("base64url"));
    const pairs = fc.array(
      fc.oneof(
        fc.tuple(
          key,
          oddString.map((s) => s.toWellFormed()),
        ),
        fc.tuple(fc.constant("cursor"), cursor),
      ),
      { minLength: 1, maxLength: 4 },
    );
    await fc.assert(
      fc.asyncProperty(pairs, async (list) => {
        const query = new URLSearchParams();
        for (const [k, v] of list) query.append(k, v);
        await check("GET", `${API}/cases?${query.toString()}`, {
          authorization: `Bearer ${t.agent.token}`,
        });
      }),
      { numRuns: RUNS },
    );
  });

  it("case routes with generated case numbers: 2xx or 4xx", async () => {
    const t = await team();
    const segment = fc.oneof(
      oddString.map((s) => encodeURIComponent(s.toWellFormed())),
      fc.constantFrom(
        "%ff",
        "%00",
        "%",
        "0x10",
        "1e3",
        "-0",
        "00100001",
        "%2e%2e",
        "9".repeat(400),
      ),
      fc.integer().map(String),
    );
    const route = fc.constantFrom("", "/timeline", "/audit", "/notes", "/calls");
    await fc.assert(
      fc.asyncProperty(segment, route, async (n, suffix) => {
        const writes = suffix === "/notes" || suffix === "/calls";
        await check(
          writes ? "POST" : "GET",
          `${API}/cases/${n}${suffix}`,
          {
            authorization: `Bearer ${t.agent.token}`,
            ...(writes ? { "content-type": "application/json" } : {}),
          },
          writes
            ? JSON.stringify({
                body: "x",
                visibility: "public",
                direction: "inbound",
                durationMinutes: 1,
              })
            : undefined,
        );
      }),
      { numRuns: RUNS },
    );
  });
});
