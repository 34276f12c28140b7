import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
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
import type { CaseDetail, Page, TimelineItem } from "../../src/http/routes/case-schemas.ts";
import { databaseKinds } from "../support/db.ts";
import { expectBatonWording } from "../support/wording.ts";
import {
  buildAgent,
  buildWorkspace,
  client,
  type Problem,
  type Reply,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// Every write endpoint is sent a valid body with one thing wrong. Each answer must be
// problem+json naming the field, and no row may be added or changed anywhere.

const API = "/api/v1";
const PASSWORD = "correct horse battery";
const OMIT = Symbol("omit");
/** Replaced by the calling agent's own id, known only at run time. */
const SELF = Symbol("self");
const MiB = 1024 * 1024;
// Signs that a database error or a stack trace reached the client.
const LEAK =
  /(\bat\s+\S+\.(ts|js):\d+)|\bstack\b|postgres|pglite|drizzle|violates|syntax error|relation "|duplicate key|invalid input syntax|failed query/i;

interface Fixture {
  ws: { id: string; slug: string };
  agent: TestAgent;
  lead: TestAgent;
  caseNumber: number;
  caseVersion: number;
  agentVersion: number;
}

type Method = "POST" | "PATCH" | "PUT" | "GET";

interface Sent {
  method: Method;
  url: string;
  token?: string | undefined;
  body?: unknown;
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

async function send(world: World, request: Sent): Promise<Reply<Problem> & { text: string }> {
  const headers: Record<string, string> = { ...(request.headers ?? {}) };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  let payload: string | undefined;
  if (request.raw !== undefined) payload = request.raw;
  else if (request.body !== undefined) payload = JSON.stringify(request.body);
  if (payload !== undefined) headers["content-type"] = request.contentType ?? "application/json";
  const response = await world.app.inject({
    method: request.method,
    url: request.url,
    headers,
    ...(payload === undefined ? {} : { payload }),
  });
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    body = undefined;
  }
  return {
    status: response.statusCode,
    body: body as Problem,
    headers: response.headers,
    text: response.body,
  };
}

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

const fieldsOf = (problem: Problem | undefined) => (problem?.errors ?? []).map((e) => e.field);
const names = (problem: Problem | undefined, field: string) =>
  fieldsOf(problem).some((f) => f === field || f.endsWith(`.${field}`));

interface Bad {
  name: string;
  /** Merged into the endpoint's valid body; OMIT removes a key. */
  change?: Record<string, unknown>;
  /** The whole body instead of a change. */
  body?: unknown;
  /** Raw request text (sent as application/json unless contentType says otherwise). */
  raw?: string | ((valid: Record<string, unknown>) => string);
  contentType?: string;
  /** Replaces the endpoint's URL. */
  url?: (f: Fixture) => string;
  status: number;
  /** The field errors[] must name; null when the whole body is refused (413, 415). */
  field: string | null | ((valid: Record<string, unknown>) => string);
  code?: string;
}

interface Endpoint {
  name: string;
  method: Method;
  url: (f: Fixture) => string;
  /** Unauthenticated endpoints (login) are sent without a token. */
  anonymous?: boolean;
  valid: (f: Fixture) => Record<string, unknown>;
  bad: Bad[];
}

function bodyFor(
  bad: Bad,
  valid: Record<string, unknown>,
  self: string,
): { body?: unknown; raw?: string } {
  if (bad.raw !== undefined)
    return { raw: typeof bad.raw === "function" ? bad.raw(valid) : bad.raw };
  if ("body" in bad) return { body: bad.body };
  const body: Record<string, unknown> = { ...valid };
  for (const [key, value] of Object.entries(bad.change ?? {})) {
    if (value === OMIT) delete body[key];
    else body[key] = value === SELF ? self : value;
  }
  return { body };
}

const deepArrays = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
const withRaw = (valid: Record<string, unknown>, key: string, rawValue: string) =>
  `${JSON.stringify(valid).slice(0, -1)},${JSON.stringify(key)}:${rawValue}}`;

/** What every JSON write endpoint must refuse, whatever its fields. */
const common: Bad[] = [
  { name: "an empty body", raw: "", status: 400, field: "body" },
  { name: "JSON null", body: null, status: 400, field: "body" },
  { name: "an array", body: [], status: 400, field: "body" },
  { name: "a string", body: "hello", status: 400, field: "body" },
  { name: "broken JSON", raw: '{"a":', status: 400, field: "body" },
  { name: "a __proto__ key", raw: '{"__proto__":{"admin":true}}', status: 400, field: "body" },
  { name: "100k nested arrays as the body", raw: deepArrays(100_000), status: 400, field: "body" },
  {
    name: "100k nested arrays in an unknown field",
    raw: (valid) => withRaw(valid, "junk", deepArrays(100_000)),
    status: 400,
    field: "junk",
  },
  {
    name: "a body over 1 MiB",
    raw: (valid) => withRaw(valid, "padding", JSON.stringify("x".repeat(MiB))),
    status: 413,
    field: null,
    code: "body_too_large",
  },
  {
    name: "text/plain",
    raw: (valid) => JSON.stringify(valid),
    contentType: "text/plain",
    status: 415,
    field: null,
    code: "unsupported_media_type",
  },
  {
    name: "a form",
    raw: "subject=hello&name=x",
    contentType: "application/x-www-form-urlencoded",
    status: 415,
    field: null,
    code: "unsupported_media_type",
  },
  { name: "an unknown field", change: { surprise: true }, status: 400, field: "surprise" },
  {
    // JSON.parse keeps the last one: the second value must not silently win.
    name: "a key sent twice",
    raw: (valid) => {
      const [key, value] = Object.entries(valid)[0] ?? ["x", 1];
      return withRaw(valid, key, JSON.stringify(value));
    },
    status: 400,
    field: (valid) => Object.keys(valid)[0] ?? "x",
    code: "duplicate_key",
  },
  {
    name: "a field name with NUL",
    raw: (valid) => withRaw(valid, "a\u0000b", "1"),
    status: 400,
    field: "(a field name)",
  },
];

/** Text rules shared by every free-text field. */
const textRules = (field: string, max: number, required: boolean): Bad[] => [
  ...(required
    ? [
        { name: `${field} empty`, change: { [field]: "" }, status: 400, field },
        { name: `${field} missing`, change: { [field]: OMIT }, status: 400, field },
      ]
    : []),
  { name: `${field} too long`, change: { [field]: "é".repeat(max + 1) }, status: 400, field },
  { name: `${field} with NUL`, change: { [field]: "a\u0000b" }, status: 400, field },
  { name: `${field} with BEL`, change: { [field]: "ring\u0007" }, status: 400, field },
  { name: `${field} with a lone surrogate`, change: { [field]: "a\ud800b" }, status: 400, field },
  // Direction overrides and isolates can make "gpj.exe" read as "exe.jpg" in a list or a mail.
  { name: `${field} with RLO`, change: { [field]: "invoice\u202Egpj.exe" }, status: 400, field },
  { name: `${field} with LRI`, change: { [field]: "a\u2066b\u2069" }, status: 400, field },
  { name: `${field} with a BOM`, change: { [field]: "\uFEFFhello" }, status: 400, field },
  { name: `${field} a number`, change: { [field]: 42 }, status: 400, field },
  { name: `${field} an object`, change: { [field]: { text: "x" } }, status: 400, field },
];

const numberRules = (field: string, values: unknown[]): Bad[] =>
  values.map((value) => ({
    name: `${field} = ${JSON.stringify(value)}`,
    change: { [field]: value },
    status: 400,
    field,
  }));

const rawNumber = (field: string, literal: string): Bad => ({
  name: `${field} = ${literal}`,
  raw: (valid) => {
    const { [field]: _dropped, ...rest } = valid;
    return withRaw(rest, field, literal);
  },
  status: 400,
  field,
});

const endpoints: Endpoint[] = [
  {
    name: "POST /cases",
    method: "POST",
    url: () => `${API}/cases`,
    valid: (f) => ({ workspace: f.ws.slug, subject: "Printer on fire", plan: "standard" }),
    bad: [
      ...common,
      ...textRules("subject", 300, true),
      { name: "subject blank", change: { subject: "   " }, status: 400, field: "subject" },
      { name: "subject two lines", change: { subject: "a\nb" }, status: 400, field: "subject" },
      ...textRules("description", 50_000, false),
      { name: "is24x7 a string", change: { is24x7: "yes" }, status: 400, field: "is24x7" },
      ...numberRules("parentCaseNumber", [0, -1, 1.5, 2 ** 53, "7", "NaN"]),
      rawNumber("parentCaseNumber", "1e400"),
      ...[
        "owner",
        "version",
        "number",
        "id",
        "createdBy",
        "workspaceId",
        "handoffCount",
        "role",
      ].map(
        (key): Bad => ({
          name: `the server-set field ${key}`,
          change: { [key]: key === "owner" || key === "createdBy" ? randomUUID() : 1 },
          status: 400,
          field: key,
        }),
      ),
      { name: "ownerId not a uuid", change: { ownerId: "me" }, status: 400, field: "ownerId" },
      {
        name: "workspace not a slug",
        change: { workspace: "A B" },
        status: 400,
        field: "workspace",
      },
      { name: "an unknown queue", change: { queue: "nope" }, status: 422, field: "queue" },
      { name: "an unknown severity", change: { severity: "sev0" }, status: 422, field: "severity" },
      { name: "an unknown plan", change: { plan: "gold" }, status: 422, field: "plan" },
      { name: "an unknown region", change: { region: "MARS" }, status: 422, field: "region" },
      {
        name: "24x7 on a plan without it",
        change: { is24x7: true },
        status: 422,
        field: "is24x7",
      },
      {
        name: "an unknown agent",
        change: { ownerId: randomUUID() },
        status: 422,
        field: "ownerId",
      },
      {
        name: "an unknown customer",
        change: { customerId: randomUUID() },
        status: 422,
        field: "customerId",
      },
      {
        name: "an unknown parent case",
        change: { parentCaseNumber: 9_000_000_000_000 },
        status: 422,
        field: "parentCaseNumber",
      },
    ],
  },
  {
    name: "PATCH /cases/:number",
    method: "PATCH",
    url: (f) => `${API}/cases/${f.caseNumber}`,
    valid: (f) => ({ version: f.caseVersion, subject: "Printer still on fire" }),
    bad: [
      ...common,
      ...numberRules("version", [0, -1, 1.5, 2 ** 31, "1", "NaN", null, true]),
      rawNumber("version", "1e400"),
      rawNumber("version", "-1e400"),
      { name: "version missing", change: { version: OMIT }, status: 400, field: "version" },
      { name: "nothing to change", change: { subject: OMIT }, status: 400, field: "version" },
      ...textRules("subject", 300, false),
      { name: "subject empty", change: { subject: "" }, status: 400, field: "subject" },
      { name: "an unknown status", change: { status: "done" }, status: 400, field: "status" },
      ...["number", "handoffCount", "createdBy", "workspaceId", "owner"].map(
        (key): Bad => ({
          name: `the server-set ${key}`,
          change: { [key]: 2 },
          status: 400,
          field: key,
        }),
      ),
      { name: "an unknown queue", change: { queue: "nope" }, status: 422, field: "queue" },
      { name: "an unknown severity", change: { severity: "sev0" }, status: 422, field: "severity" },
      {
        name: "an unknown agent",
        change: { ownerId: randomUUID() },
        status: 422,
        field: "ownerId",
      },
      { name: "24x7 without a plan", change: { is24x7: true }, status: 422, field: "is24x7" },
      ...["tomorrow", "2026-11-24T10:00", "2026-13-01T10:00Z", 1_800_000_000_000].map(
        (value): Bad => ({
          name: `next contact ${JSON.stringify(value)}`,
          change: { nextContactAt: value },
          status: 400,
          field: "nextContactAt",
        }),
      ),
      {
        name: "case number 0",
        url: () => `${API}/cases/0`,
        status: 400,
        field: "number",
      },
      {
        name: "case number not a number",
        url: () => `${API}/cases/abc`,
        status: 400,
        field: "number",
      },
      {
        name: "case number beyond 2^53",
        url: () => `${API}/cases/99999999999999999999`,
        status: 400,
        field: "number",
      },
    ],
  },
  {
    name: "POST /cases/:number/notes",
    method: "POST",
    url: (f) => `${API}/cases/${f.caseNumber}/notes`,
    valid: () => ({ body: "Called the customer back", visibility: "private" }),
    bad: [
      ...common,
      ...textRules("body", 20_000, true),
      { name: "body blank", change: { body: " \n\t " }, status: 400, field: "body" },
      {
        name: "an unknown visibility",
        change: { visibility: "secret" },
        status: 400,
        field: "visibility",
      },
      {
        name: "visibility missing",
        change: { visibility: OMIT },
        status: 400,
        field: "visibility",
      },
      {
        name: "a mention not a uuid",
        change: { mentions: ["ana"] },
        status: 400,
        field: "mentions.0",
      },
      {
        name: "a mention of an unknown agent",
        change: { mentions: [randomUUID()] },
        status: 422,
        field: "mentions.0",
      },
      ...["kind", "authorId", "caseId", "createdAt"].map(
        (key): Bad => ({
          name: `the server-set ${key}`,
          change: { [key]: "x" },
          status: 400,
          field: key,
        }),
      ),
    ],
  },
  {
    name: "POST /workspaces/:ws/canned-replies",
    method: "POST",
    url: (f) => `${API}/workspaces/${f.ws.slug}/canned-replies`,
    valid: () => ({ scope: "personal", title: "Logs, please", body: "Hi {{contactName}}" }),
    bad: [
      ...common,
      ...textRules("title", 200, true),
      ...textRules("body", 20_000, true),
      { name: "title blank", change: { title: "  " }, status: 400, field: "title" },
      { name: "title two lines", change: { title: "a\nb" }, status: 400, field: "title" },
      { name: "body blank", change: { body: " \n\t " }, status: 400, field: "body" },
      {
        name: "an unknown placeholder",
        change: { body: "Hallo {{kundenName}}" },
        status: 400,
        field: "body",
      },
      { name: "an unknown scope", change: { scope: "team" }, status: 400, field: "scope" },
      { name: "scope missing", change: { scope: OMIT }, status: 400, field: "scope" },
      ...["ownerId", "version", "createdBy"].map(
        (key): Bad => ({
          name: `the server-set ${key}`,
          change: { [key]: "x" },
          status: 400,
          field: key,
        }),
      ),
    ],
  },
  {
    name: "POST /cases/:number/calls",
    method: "POST",
    url: (f) => `${API}/cases/${f.caseNumber}/calls`,
    valid: () => ({ body: "Spoke with Ana", direction: "inbound", durationMinutes: 12 }),
    bad: [
      ...common,
      ...textRules("body", 20_000, true),
      {
        name: "an unknown direction",
        change: { direction: "sideways" },
        status: 400,
        field: "direction",
      },
      { name: "direction missing", change: { direction: OMIT }, status: 400, field: "direction" },
      ...numberRules("durationMinutes", [-1, 1441, 1.5, "5", 2 ** 31, null]),
      rawNumber("durationMinutes", "1e400"),
      {
        name: "contactName two lines",
        change: { contactName: "A\nB" },
        status: 400,
        field: "contactName",
      },
    ],
  },
  {
    name: "PUT /workspaces/:ws/agents/me/availability",
    method: "PUT",
    url: (f) => `${API}/workspaces/${f.ws.slug}/agents/me/availability`,
    valid: (f) => ({
      version: f.agentVersion,
      status: "on_leave",
      leaveFrom: "2026-12-01T09:00:00Z",
      leaveUntil: "2026-12-05T17:00:00+01:00",
      backupUserId: f.lead.userId,
      callDiversion: "+44 20 7946 0000",
    }),
    bad: [
      ...common,
      ...numberRules("version", [0, -1, 2 ** 31, "1"]),
      rawNumber("version", "1e400"),
      { name: "an unknown status", change: { status: "gone" }, status: 400, field: "status" },
      {
        name: "an impossible date",
        change: { leaveFrom: "2026-02-30T10:00:00Z" },
        status: 400,
        field: "leaveFrom",
      },
      {
        name: "a date without an offset",
        change: { leaveFrom: "2026-12-01T09:00:00" },
        status: 400,
        field: "leaveFrom",
      },
      {
        name: "a date that is no date",
        change: { leaveFrom: "soon" },
        status: 400,
        field: "leaveFrom",
      },
      {
        name: "year 0, which PostgreSQL cannot store",
        change: { leaveFrom: "0000-01-01T00:00:00Z" },
        status: 400,
        field: "leaveFrom",
      },
      {
        name: "a six-digit year",
        change: { leaveUntil: "+275760-09-13T00:00:00Z" },
        status: 400,
        field: "leaveUntil",
      },
      {
        name: "leave ending before it starts",
        change: { leaveUntil: "2026-11-30T09:00:00Z" },
        status: 400,
        field: "leaveUntil",
      },
      {
        name: "leave without an end",
        change: { leaveUntil: OMIT },
        status: 400,
        field: "leaveUntil",
      },
      {
        name: "leave dates while available",
        change: { status: "available" },
        status: 400,
        field: "leaveFrom",
      },
      {
        name: "a backup not a uuid",
        change: { backupUserId: "bob" },
        status: 400,
        field: "backupUserId",
      },
      {
        name: "an unknown backup",
        change: { backupUserId: randomUUID() },
        status: 422,
        field: "backupUserId",
      },
      {
        name: "oneself as backup",
        change: { backupUserId: SELF },
        status: 422,
        field: "backupUserId",
      },
      {
        name: "callDiversion with NUL",
        change: { callDiversion: "0\u0000" },
        status: 400,
        field: "callDiversion",
      },
      ...["role", "availability", "userId", "timeZone"].map(
        (key): Bad => ({
          name: `the field ${key}`,
          change: { [key]: "admin" },
          status: 400,
          field: key,
        }),
      ),
      {
        name: "an agent id that is not one",
        url: (f) => `${API}/workspaces/${f.ws.slug}/agents/nobody/availability`,
        status: 400,
        field: "agentId",
      },
    ],
  },
  {
    name: "POST /workspaces/:ws/customers",
    method: "POST",
    url: (f) => `${API}/workspaces/${f.ws.slug}/customers`,
    valid: () => ({
      name: "Zoë Industries",
      timeZone: "Asia/Kolkata",
      language: "en",
      plan: "premium",
      region: "IST",
      contacts: [
        { name: "Ana", email: "ana@example.test", timeZone: "Europe/Lisbon", language: "pt-BR" },
      ],
    }),
    bad: [
      ...common,
      ...textRules("name", 200, true),
      ...["+05:30", "UTC+1", "GMT-3", "Mars/Olympus", "", "Z", "Asia/Kolkata\u0000"].map(
        (tz): Bad => ({
          name: `time zone ${JSON.stringify(tz)}`,
          change: { timeZone: tz },
          status: 400,
          field: "timeZone",
        }),
      ),
      {
        name: "a language that is a name",
        change: { language: "English" },
        status: 400,
        field: "language",
      },
      { name: "an unknown plan", change: { plan: "gold" }, status: 422, field: "plan" },
      { name: "an unknown region", change: { region: "MARS" }, status: 422, field: "region" },
      {
        name: "a contact's bad email",
        change: { contacts: [{ name: "Ana", email: "ana-at-example" }] },
        status: 400,
        field: "contacts.0.email",
      },
      {
        name: "a contact's offset time zone",
        change: { contacts: [{ name: "Ana", timeZone: "+01:00" }] },
        status: 400,
        field: "contacts.0.timeZone",
      },
      {
        name: "a contact's unknown field",
        change: { contacts: [{ name: "Ana", ownerId: randomUUID() }] },
        status: 400,
        field: "contacts.0.ownerId",
      },
      {
        name: "51 contacts",
        change: { contacts: Array.from({ length: 51 }, (_, i) => ({ name: `C${i}` })) },
        status: 400,
        field: "contacts",
      },
      ...["id", "workspaceId", "createdAt"].map(
        (key): Bad => ({
          name: `the server-set ${key}`,
          change: { [key]: randomUUID() },
          status: 400,
          field: key,
        }),
      ),
    ],
  },
  {
    name: "POST /auth/login",
    method: "POST",
    url: () => `${API}/auth/login`,
    anonymous: true,
    valid: (f) => ({ email: f.agent.email, password: PASSWORD }),
    bad: [
      ...common,
      { name: "email a number", change: { email: 42 }, status: 400, field: "email" },
      { name: "email missing", change: { email: OMIT }, status: 400, field: "email" },
      { name: "password missing", change: { password: OMIT }, status: 400, field: "password" },
      {
        name: "email with NUL",
        change: { email: "a\u0000b@example.test" },
        status: 400,
        field: "email",
      },
      {
        name: "email with a lone surrogate",
        change: { email: "\udfff@example.test" },
        status: 400,
        field: "email",
      },
      {
        name: "an oversized email",
        change: { email: `${"a".repeat(400)}@x.test` },
        status: 400,
        field: "email",
      },
      {
        name: "an oversized password",
        change: { password: "p".repeat(201) },
        status: 400,
        field: "password",
      },
      { name: "remember me", change: { remember: true }, status: 400, field: "remember" },
    ],
  },
  {
    name: "POST /auth/tokens",
    method: "POST",
    url: () => `${API}/auth/tokens`,
    valid: () => ({ name: "nightly export" }),
    bad: [
      ...common,
      ...textRules("name", 80, true),
      { name: "name blank", change: { name: "   " }, status: 400, field: "name" },
      { name: "name two lines", change: { name: "a\nb" }, status: 400, field: "name" },
      {
        name: "someone else's token",
        change: { userId: randomUUID() },
        status: 400,
        field: "userId",
      },
      {
        name: "an expiry",
        change: { expiresAt: "2099-01-01T00:00:00Z" },
        status: 400,
        field: "expiresAt",
      },
    ],
  },
];

describe.each(databaseKinds)("bad input is refused and stores nothing (%s)", (kind) => {
  let world: World;
  let fixture: Fixture;

  async function buildFixture(): Promise<Fixture> {
    const ws = await buildWorkspace(world);
    const agent = await buildAgent(world, ws.slug, "agent", { region: "US", queues: ["cse-us"] });
    const lead = await buildAgent(world, ws.slug, "shift_lead");
    const created = await agent.api.post<CaseDetail>(`${API}/cases`, {
      subject: "A case to write to",
      ownerId: agent.userId,
    });
    expect(created.status).toBe(201);
    const roster = await agent.api.get<{ items: { id: string; version: number }[] }>(
      `${API}/workspaces/${ws.slug}/agents`,
    );
    const me = roster.body.items.find((i) => i.id === agent.userId);
    if (!me) throw new Error("the agent is not listed in its workspace");
    return {
      ws,
      agent,
      lead,
      caseNumber: created.body.number,
      caseVersion: created.body.version,
      agentVersion: me.version,
    };
  }

  beforeAll(async () => {
    world = await startWorld(kind);
    fixture = await buildFixture();
  });
  afterAll(() => world?.dispose());

  for (const endpoint of endpoints) {
    describe(endpoint.name, () => {
      it("accepts the valid body the refusals below are made from", async () => {
        // A fixture of its own, so that this success cannot change what the refusals see.
        const own = await buildFixture();
        const before = await snapshot(world);
        const reply = await send(world, {
          method: endpoint.method,
          url: endpoint.url(own),
          token: endpoint.anonymous ? undefined : own.agent.token,
          body: endpoint.valid(own),
        });
        expect(reply.status, reply.text).toBeLessThan(300);
        expect(reply.headers["content-type"]).toMatch(/^application\/json/);
        expect(await snapshot(world)).not.toEqual(before);
      });

      it.each(endpoint.bad)("refuses $name with $status", async (bad) => {
        const valid = endpoint.valid(fixture);
        const before = await snapshot(world);
        const reply = await send(world, {
          method: endpoint.method,
          url: (bad.url ?? endpoint.url)(fixture),
          token: endpoint.anonymous ? undefined : fixture.agent.token,
          ...bodyFor(bad, valid, fixture.agent.userId),
          ...(bad.contentType ? { contentType: bad.contentType } : {}),
        });
        expect(reply.status, reply.text.slice(0, 500)).toBe(bad.status);
        expect(reply.headers["content-type"]).toMatch(/^application\/problem\+json/);
        expect(reply.body.status).toBe(bad.status);
        expect(reply.body.code).toEqual(expect.any(String));
        expect(reply.body.detail).toEqual(expect.any(String));
        expect(reply.body.code).toBe(bad.code ?? reply.body.code);
        const field = typeof bad.field === "function" ? bad.field(valid) : bad.field;
        if (field !== null)
          expect(names(reply.body, field), `${field} in ${reply.text.slice(0, 500)}`).toBe(true);
        expect(reply.text).not.toMatch(LEAK);
        expectBatonWording(reply.body);
        expect(await snapshot(world)).toEqual(before);
      });
    });
  }

  it("refuses a duplicated query parameter, naming it", async () => {
    const { agent } = fixture;
    for (const query of ["status=new&status=active", "limit=1&limit=2", "q=a&q=b"]) {
      const reply = await send(world, {
        method: "GET",
        url: `${API}/cases?${query}`,
        token: agent.token,
      });
      const field = query.split("=")[0] ?? "";
      expect(reply.status, query).toBe(400);
      expect(reply.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(names(reply.body, field), reply.text).toBe(true);
      expectBatonWording(reply.body);
    }
  });

  it("refuses a cursor it did not issue instead of failing in the database", async () => {
    const cursors = [
      { u: "2026-01-01T00:00:00.000Z", n: 1.5 },
      { u: "2026-01-01T00:00:00.000Z", n: 1e300 },
      { u: "0000-01-01T00:00:00.000Z", n: 1 },
      { u: "+275760-09-13T00:00:00.000Z", n: 1 },
      { u: "yesterday", n: 1 },
      null,
    ].map((c) => Buffer.from(JSON.stringify(c)).toString("base64url"));
    for (const cursor of [...cursors, "%%%", "e30"]) {
      const reply = await send(world, {
        method: "GET",
        url: `${API}/cases?cursor=${cursor}`,
        token: fixture.agent.token,
      });
      expect(reply.status, `${cursor}: ${reply.text}`).toBe(400);
      expect(names(reply.body, "cursor")).toBe(true);
    }
  });

  it("answers a URL it cannot decode with problem+json", async () => {
    const reply = await send(world, {
      method: "GET",
      url: `${API}/cases/%ff`,
      token: fixture.agent.token,
    });
    expect(reply.status).toBe(400);
    expect(reply.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(reply.text).not.toMatch(LEAK);
  });

  it("accepts an IANA alias such as Asia/Kolkata and stores it as sent", async () => {
    const own = await buildFixture();
    const reply = await own.agent.api.post<{ timeZone: string; contacts: { timeZone: string }[] }>(
      `${API}/workspaces/${own.ws.slug}/customers`,
      {
        name: "Kolkata Traders",
        timeZone: "Asia/Kolkata",
        language: "hi",
        contacts: [{ name: "Ravi", timeZone: "Asia/Calcutta" }],
      },
    );
    expect(reply.status).toBe(201);
    expect(reply.body.timeZone).toBe("Asia/Kolkata");
    expect(reply.body.contacts[0]?.timeZone).toBe("Asia/Calcutta");
  });

  it("refuses every change to a closed case, storing nothing", async () => {
    const own = await buildFixture();
    const closed = await own.agent.api.patch<CaseDetail>(`${API}/cases/${own.caseNumber}`, {
      version: own.caseVersion,
      status: "closed",
    });
    expect(closed.status).toBe(200);
    const version = closed.body.version;
    const attempts: [Record<string, unknown>, string, string][] = [
      [{ subject: "Reopened quietly" }, "status", "case_closed"],
      [{ status: "active" }, "status", "status_transition"],
      [{ ownerId: own.lead.userId }, "status", "case_closed"],
    ];
    for (const [change, field, code] of attempts) {
      const before = await snapshot(world);
      const reply = await own.agent.api.patch(`${API}/cases/${own.caseNumber}`, {
        version,
        ...change,
      });
      expect(reply.status, JSON.stringify(change)).toBe(422);
      expect(reply.body.code).toBe(code);
      expect(names(reply.body, field)).toBe(true);
      expect(await snapshot(world)).toEqual(before);
    }
  });

  it("stores unusual but valid text byte for byte, and returns markup as text in JSON", async () => {
    const own = await buildFixture();
    const subject =
      "Ünïcödé 🧯🔥 مرحبا بالعالم שלום 日本語のテキスト 한국어 e\u0301 a\u0308\u0323 👩🏽‍💻 🇵🇹";
    const created = await own.agent.api.post<CaseDetail>(`${API}/cases`, { subject });
    expect(created.status).toBe(201);
    const read = await own.agent.api.get<CaseDetail>(`${API}/cases/${created.body.number}`);
    expect(read.body.subject).toBe(subject);
    expect(Buffer.from(read.body.subject).equals(Buffer.from(subject))).toBe(true);
    // Not normalised: the decomposed "é" stays two code points.
    expect(read.body.subject).not.toBe(subject.normalize("NFC"));

    const notes = [
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(1)> & \"quotes\" 'single'",
      "Line one\r\nLine two\tTabbed\n\n\u200FRTL mark\u200E and \u061Carabic mark",
      "נא לבדוק את השרת — الخادم لا يستجيب — サーバーが応答しません",
      "Z̴̡̛a̷̧͝l̶̨̛g̵̢̛o̸̧͝ 𝕏 𝟘 \u{10FFFD}",
    ];
    for (const body of notes) {
      const added = await own.agent.api.post<{ id: number }>(
        `${API}/cases/${created.body.number}/notes`,
        { body, visibility: "public" },
      );
      expect(added.status).toBe(201);
      expect(added.headers["content-type"]).toMatch(/^application\/json/);
    }
    const timeline = await own.agent.api.get<Page<TimelineItem>>(
      `${API}/cases/${created.body.number}/timeline`,
    );
    expect(timeline.headers["content-type"]).toMatch(/^application\/json/);
    const stored = timeline.body.items.filter((i) => i.kind === "note").map((i) => i.body);
    expect(stored).toEqual(notes);
    const raw = await world.app.inject({
      method: "GET",
      url: `${API}/cases/${created.body.number}/timeline`,
      headers: { authorization: `Bearer ${own.agent.token}` },
    });
    expect(raw.headers["content-type"]).toMatch(/^application\/json/);
    // JSON-encoded, so a browser that sniffed it still could not run it as a page.
    expect(raw.body).toContain(JSON.stringify(notes[0]).slice(1, -1));
    expect(raw.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("keeps an anonymous caller out of every write endpoint with 401, storing nothing", async () => {
    const anonymous = client(world.app);
    for (const endpoint of endpoints.filter((e) => !e.anonymous)) {
      const before = await snapshot(world);
      const url = endpoint.url(fixture);
      const body = endpoint.valid(fixture);
      const reply =
        endpoint.method === "PATCH"
          ? await anonymous.patch(url, body)
          : endpoint.method === "PUT"
            ? await anonymous.put(url, body)
            : await anonymous.post(url, body);
      expect(reply.status, endpoint.name).toBe(401);
      expect(reply.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(await snapshot(world)).toEqual(before);
    }
  });
});
