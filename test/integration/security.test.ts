import { and, eq, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import {
  activities,
  apiTokens,
  auditEvents,
  cases,
  contacts,
  customers,
  policies,
  sessions,
  transfers,
  users,
} from "../../src/db/schema.ts";
import { buildApp } from "../../src/http/app.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import { databaseKinds } from "../support/db.ts";
import {
  buildAgent,
  buildWorkspace,
  client,
  type Problem,
  type Reply,
  startWorld,
  type World,
} from "../support/world.ts";

const API = "/api/v1";
const PASSWORD = "correct horse battery";
const MISSING_CASE = 9_000_000_000_000;
const LEAK =
  /(\bat\s+\S+\.(ts|js):\d+)|\bstack\b|postgres|pglite|drizzle|violates|syntax error|relation "|duplicate key|invalid input syntax|failed query/i;

type Method = "GET" | "POST" | "PATCH" | "PUT";

interface Session {
  cookie: string;
  csrf: string;
  setCookie: string;
}

interface Answer<T = Problem> extends Reply<T> {
  text: string;
}

function setCookieOf(response: LightMyRequestResponse): string {
  const header = response.headers["set-cookie"];
  return (Array.isArray(header) ? header.join("\n") : header) ?? "";
}

function parse<T>(response: LightMyRequestResponse): Answer<T> {
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    body = undefined;
  }
  return {
    status: response.statusCode,
    body: body as T,
    headers: response.headers,
    text: response.body,
  };
}

/** Row counts, version sums and the latest change in one query. */
async function snapshot(world: World) {
  const count = (table: PgTable) => sql<number>`(select count(*) from ${table})::int`;
  const [row] = await world.database.db
    .select({
      cases: count(cases),
      activities: count(activities),
      auditEvents: count(auditEvents),
      customers: count(customers),
      policies: count(policies),
      contacts: count(contacts),
      apiTokens: count(apiTokens),
      sessions: count(sessions),
      caseVersions: sql<number>`(select coalesce(sum(${cases.version}), 0) from ${cases})::int`,
      handoffs: sql<number>`(select coalesce(sum(${cases.handoffCount}), 0) from ${cases})::int`,
      latestChange: sql<string>`(select coalesce(max(${cases.updatedAt})::text, '') from ${cases})`,
      userVersions: sql<number>`(select coalesce(sum(${users.version}), 0) from ${users})::int`,
    })
    .from(sql`(select 1) as one`);
  if (!row) throw new Error("the snapshot query returned no row");
  return row;
}

describe.each(databaseKinds)("security (%s)", (kind) => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world?.dispose());

  async function request<T = Problem>(
    method: Method,
    url: string,
    options: {
      body?: unknown;
      session?: Session;
      csrf?: string | null;
      token?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.session) headers.cookie = options.session.cookie;
    const csrf = options.csrf === undefined ? options.session?.csrf : options.csrf;
    if (csrf) headers["x-csrf-token"] = csrf;
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await world.app.inject({
      method,
      url,
      headers,
      ...(options.body === undefined ? {} : { payload: options.body as object }),
    });
    return parse<T>(response);
  }

  async function signIn(email: string, password = PASSWORD): Promise<Session> {
    const response = await world.app.inject({
      method: "POST",
      url: `${API}/auth/login`,
      payload: { email, password },
    });
    expect(response.statusCode, response.body).toBe(200);
    const setCookie = setCookieOf(response);
    const cookie = /baton_session=[^;]+/.exec(setCookie)?.[0];
    if (!cookie) throw new Error(`no session cookie in ${setCookie}`);
    const { csrfToken } = JSON.parse(response.body) as { csrfToken: string };
    return { cookie, csrf: csrfToken, setCookie };
  }

  async function team() {
    const ws = await buildWorkspace(world);
    const agent = await buildAgent(world, ws.slug, "agent", { region: "US" });
    const lead = await buildAgent(world, ws.slug, "shift_lead");
    const created = await agent.api.post<CaseDetail>(`${API}/cases`, {
      subject: "Storage array degraded",
      ownerId: agent.userId,
    });
    expect(created.status).toBe(201);
    return { ws, agent, lead, kase: created.body };
  }

  async function caseRow(number: number) {
    const [row] = await world.database.db.select().from(cases).where(eq(cases.number, number));
    if (!row) throw new Error(`case ${number} is gone`);
    const [acts] = await world.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(activities)
      .where(eq(activities.caseId, row.id));
    const [audit] = await world.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(eq(auditEvents.caseId, row.id));
    return {
      subject: row.subject,
      version: row.version,
      ownerId: row.ownerId,
      updatedAt: row.updatedAt.toISOString(),
      activities: acts?.n,
      audit: audit?.n,
    };
  }

  const isProblem = (answer: Reply<unknown> & { text?: string }, status: number) => {
    const text = answer.text ?? JSON.stringify(answer.body);
    expect(answer.status, text.slice(0, 300)).toBe(status);
    expect(answer.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(text).not.toMatch(LEAK);
  };

  describe("a stranger to the workspace", () => {
    it("gets the same 404 on every case route as for a case that does not exist, and changes nothing", async () => {
      const { kase } = await team();
      const elsewhere = await buildWorkspace(world);
      const outsider = await buildAgent(world, elsewhere.slug, "admin");
      const routes: [Method, (n: number) => string, unknown][] = [
        ["GET", (n) => `${API}/cases/${n}`, undefined],
        ["PATCH", (n) => `${API}/cases/${n}`, { version: kase.version, subject: "Mine now" }],
        ["PATCH", (n) => `${API}/cases/${n}`, { version: kase.version, ownerId: outsider.userId }],
        ["POST", (n) => `${API}/cases/${n}/notes`, { body: "Hello", visibility: "public" }],
        [
          "POST",
          (n) => `${API}/cases/${n}/calls`,
          { body: "Rang", direction: "outbound", durationMinutes: 3 },
        ],
        ["GET", (n) => `${API}/cases/${n}/timeline`, undefined],
        ["GET", (n) => `${API}/cases/${n}/audit`, undefined],
        ["GET", (n) => `${API}/transfers?case=${n}`, undefined],
      ];
      const before = await caseRow(kase.number);
      const everything = await snapshot(world);
      const normal = (answer: Answer, n: number) => ({
        status: answer.status,
        contentType: answer.headers["content-type"],
        body: JSON.parse(answer.text.replaceAll(String(n), "N")) as unknown,
      });
      for (const [method, url, body] of routes) {
        const hidden = await request(method, url(kase.number), { token: outsider.token, body });
        const missing = await request(method, url(MISSING_CASE), { token: outsider.token, body });
        isProblem(hidden, 404);
        expect(normal(hidden, kase.number), `${method} ${url(0)}`).toEqual(
          normal(missing, MISSING_CASE),
        );
        expect(hidden.text).not.toContain(kase.subject);
      }
      expect(await caseRow(kase.number)).toEqual(before);
      expect(await snapshot(world)).toEqual(everything);

      const listed = await outsider.api.get<{ items: { number: number }[] }>(
        `${API}/cases?q=${encodeURIComponent(kase.subject)}`,
      );
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((c) => c.number)).not.toContain(kase.number);
    });

    it("gets the same 404 on every transfer route as for a transfer that does not exist, and changes nothing", async () => {
      const { ws, agent, kase } = await team();
      const receiver = await buildAgent(world, ws.slug, "agent", { region: "US" });
      const kind = ws.policy.transferKinds.find((k) => k.code === "within-region");
      if (!kind) throw new Error("regional-cse has no within-region kind");
      const asked = await agent.api.post<{ id: string; version: number; state: string }>(
        `${API}/cases/${kase.number}/transfers`,
        {
          version: kase.version,
          kind: kind.code,
          target: { agentId: receiver.userId },
          reason: kind.reasons[0]?.code,
          reasonText: "Going on leave",
          fields: Object.fromEntries(kind.template.map((f) => [f.key, `${f.label} text`])),
        },
      );
      expect(asked.status, JSON.stringify(asked.body)).toBe(201);
      const transfer = asked.body;
      const elsewhere = await buildWorkspace(world);
      const outsider = await buildAgent(world, elsewhere.slug, "admin");
      const missingId = "00000000-0000-4000-8000-0000000000ff";
      const decision = { version: transfer.version, note: "Mine now" };
      const routes: [Method, (id: string, n: number) => string, unknown][] = [
        ["GET", (id) => `${API}/transfers/${id}`, undefined],
        ["POST", (id) => `${API}/transfers/${id}/approve`, decision],
        ["POST", (id) => `${API}/transfers/${id}/reject`, decision],
        ["POST", (id) => `${API}/transfers/${id}/accept`, decision],
        ["POST", (id) => `${API}/transfers/${id}/decline`, decision],
        ["POST", (id) => `${API}/transfers/${id}/withdraw`, decision],
        [
          "POST",
          (id) => `${API}/transfers/${id}/steps/customer_notified`,
          { version: transfer.version, how: "phone" },
        ],
        ["GET", (_, n) => `${API}/cases/${n}/transfers`, undefined],
        ["GET", (_, n) => `${API}/cases/${n}/transfer-options`, undefined],
        [
          "POST",
          (_, n) => `${API}/cases/${n}/transfers`,
          {
            version: kase.version + 1,
            kind: kind.code,
            target: { agentId: outsider.userId },
            reason: kind.reasons[0]?.code,
            reasonText: "Planted",
            fields: {},
          },
        ],
      ];
      const before = await caseRow(kase.number);
      const everything = await snapshot(world);
      const normal = (answer: Answer) =>
        JSON.parse(
          answer.text
            .replaceAll(transfer.id, "T")
            .replaceAll(missingId, "T")
            .replaceAll(String(kase.number), "N")
            .replaceAll(String(MISSING_CASE), "N"),
        ) as unknown;
      for (const [method, url, body] of routes) {
        const hidden = await request(method, url(transfer.id, kase.number), {
          token: outsider.token,
          body,
        });
        const missing = await request(method, url(missingId, MISSING_CASE), {
          token: outsider.token,
          body,
        });
        isProblem(hidden, 404);
        expect(normal(hidden), `${method} ${url("{id}", 0)}`).toEqual(normal(missing));
        expect(hidden.text).not.toContain(kase.subject);
      }
      expect(await caseRow(kase.number)).toEqual(before);
      expect(await snapshot(world)).toEqual(everything);
      const [stored] = await world.database.db
        .select({ state: transfers.state, version: transfers.version })
        .from(transfers)
        .where(eq(transfers.id, transfer.id));
      expect(stored).toEqual({ state: transfer.state, version: transfer.version });

      // Nor does the transfer show in the outsider's lists.
      const listed = await outsider.api.get<{ items: { id: string }[] }>(`${API}/transfers`);
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((t) => t.id)).not.toContain(transfer.id);
    });

    it("gets the same 404 for another workspace as for one that does not exist", async () => {
      const { ws } = await team();
      const elsewhere = await buildWorkspace(world);
      const outsider = await buildAgent(world, elsewhere.slug, "admin");
      const urls = [
        (slug: string) => `${API}/cases?workspace=${slug}`,
        (slug: string) => `${API}/workspaces/${slug}/agents`,
        (slug: string) => `${API}/workspaces/${slug}/customers`,
        (slug: string) => `${API}/workspaces/${slug}/policy`,
        (slug: string) => `${API}/workspaces/${slug}/off-queue-requests`,
        (slug: string) => `${API}/workspaces/${slug}/queues`,
        (slug: string) => `${API}/workspaces/${slug}/sheet`,
        (slug: string) => `${API}/workspaces/${slug}/sheet.csv`,
      ];
      for (const url of urls) {
        const hidden = await request("GET", url(ws.slug), { token: outsider.token });
        const missing = await request("GET", url("no-such-workspace"), { token: outsider.token });
        isProblem(hidden, 404);
        expect(hidden.text.replaceAll(ws.slug, "W")).toBe(
          missing.text.replaceAll("no-such-workspace", "W"),
        );
      }
      const before = await snapshot(world);
      const created = await outsider.api.post(`${API}/cases`, {
        workspace: ws.slug,
        subject: "Planted",
      });
      isProblem(created, 404);
      const customer = await outsider.api.post(`${API}/workspaces/${ws.slug}/customers`, {
        name: "Planted Ltd",
        timeZone: "Europe/Berlin",
        language: "de",
      });
      expect(customer.status).toBe(404);
      const offQueue = await outsider.api.post(`${API}/workspaces/${ws.slug}/off-queue-requests`, {
        hours: 1,
        reason: "Planted",
      });
      isProblem(offQueue, 404);
      // An admin elsewhere cannot change a queue here, and learns no more than for no workspace.
      const change = { version: 1, distribution: "round_robin" };
      const queue = ws.policy.queues[0]?.code ?? "none";
      const hiddenQueue = await request("PATCH", `${API}/workspaces/${ws.slug}/queues/${queue}`, {
        token: outsider.token,
        body: change,
      });
      const missingQueue = await request(
        "PATCH",
        `${API}/workspaces/no-such-workspace/queues/${queue}`,
        { token: outsider.token, body: change },
      );
      isProblem(hiddenQueue, 404);
      expect(hiddenQueue.text.replaceAll(ws.slug, "W")).toBe(
        missingQueue.text.replaceAll("no-such-workspace", "W"),
      );
      const entry = await outsider.api.post(`${API}/workspaces/${ws.slug}/sheet`, {
        caseNumber: 1,
        needs: "Planted",
      });
      isProblem(entry, 404);
      const entryId = "00000000-0000-4000-8000-000000000000";
      for (const move of ["claim", "release", "done"]) {
        const moved = await outsider.api.post(
          `${API}/workspaces/${ws.slug}/sheet/${entryId}/${move}`,
          {
            version: 1,
          },
        );
        isProblem(moved, 404);
      }
      isProblem(
        await outsider.api.patch(`${API}/workspaces/${ws.slug}/sheet/${entryId}`, {
          version: 1,
          needs: "Planted",
        }),
        404,
      );
      expect(await snapshot(world)).toEqual(before);
    });
  });

  describe("status codes", () => {
    it("answers 401 without or with bad credentials, as problem+json", async () => {
      const anonymous = client(world.app);
      for (const reply of [
        await anonymous.get(`${API}/cases`),
        await anonymous.post(`${API}/cases`, { subject: "x" }),
        await anonymous.get(`${API}/auth/session`),
        await request("GET", `${API}/cases`, { headers: { authorization: "Bearer bt_nope" } }),
        await request("GET", `${API}/cases`, { headers: { authorization: "Basic YTpi" } }),
        await request("GET", `${API}/cases`, { headers: { cookie: "baton_session=forged" } }),
        await request("POST", `${API}/cases`, {
          headers: { cookie: "baton_session=forged", "x-csrf-token": "forged" },
          body: { subject: "x" },
        }),
      ]) {
        expect(reply.status).toBe(401);
        expect(reply.headers["content-type"]).toMatch(/^application\/problem\+json/);
        expect((reply.body as Problem).status).toBe(401);
      }
    });

    it("answers 403 to a member whose role may not, and changes nothing", async () => {
      const { ws, agent, lead, kase } = await team();
      const pm = await buildAgent(world, ws.slug, "project_manager");
      const colleague = await buildAgent(world, ws.slug, "agent");
      const before = await caseRow(kase.number);
      const everything = await snapshot(world);
      const refusals = [
        await pm.api.patch(`${API}/cases/${kase.number}`, { version: kase.version, subject: "PM" }),
        await pm.api.patch(`${API}/cases/${kase.number}`, {
          version: kase.version,
          ownerId: pm.userId,
        }),
        await colleague.api.patch(`${API}/cases/${kase.number}`, {
          version: kase.version,
          subject: "Not my case",
        }),
        await agent.api.put(`${API}/workspaces/${ws.slug}/agents/${lead.userId}/availability`, {
          version: 1,
          status: "off_queue",
        }),
        // Only admins change how a queue hands out cases.
        await lead.api.patch(`${API}/workspaces/${ws.slug}/queues/${ws.policy.queues[0]?.code}`, {
          version: 1,
          distribution: "least_loaded",
        }),
      ];
      for (const reply of refusals) {
        isProblem(reply, 403);
        expect(reply.body.code).toBe("forbidden");
      }
      expect(await caseRow(kase.number)).toEqual(before);
      expect(await snapshot(world)).toEqual(everything);
    });

    it("answers an unknown route with a 404 problem", async () => {
      const { agent } = await team();
      const reply = await agent.api.get(`${API}/nothing-here`);
      isProblem(reply, 404);
    });
  });

  describe("sign-in", () => {
    it("gives no hint whether the email exists", async () => {
      const { agent } = await team();
      const attempt = (email: string) =>
        world.app.inject({
          method: "POST",
          url: `${API}/auth/login`,
          payload: { email, password: "not the password" },
        });
      const wrong = await attempt(agent.email);
      const unknown = await attempt(`nobody-${agent.handle}@test.example`);
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(wrong.statusCode);
      expect(unknown.headers["content-type"]).toBe(wrong.headers["content-type"]);
      expect(JSON.parse(unknown.body)).toEqual(JSON.parse(wrong.body));
      expect(setCookieOf(wrong)).toBe("");
      expect(setCookieOf(unknown)).toBe("");
    });

    it("says a client's sign-in flood is rate limited, with the wait, in Baton's own words", async () => {
      const { agent } = await team();
      const attempt = () =>
        world.app.inject({
          method: "POST",
          url: `${API}/auth/login`,
          remoteAddress: "203.0.113.77",
          payload: { email: agent.email, password: PASSWORD },
        });
      const codes: number[] = [];
      for (let i = 0; i < 31; i++) codes.push((await attempt()).statusCode);
      expect(codes.slice(0, 30).every((c) => c === 200)).toBe(true);
      const limited = await attempt();
      expect(limited.statusCode).toBe(429);
      expect(limited.headers["content-type"]).toMatch(/application\/problem\+json/);
      const body = JSON.parse(limited.body) as { code: string; retryAfterSeconds: number };
      expect(body.code).toBe("rate_limited");
      expect(body.retryAfterSeconds).toBeGreaterThan(0);
      expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    });

    it("sets an HttpOnly, SameSite=Lax session cookie, not Secure over plain http", async () => {
      const { agent } = await team();
      const session = await signIn(agent.email);
      expect(session.setCookie).toMatch(/;\s*HttpOnly/i);
      expect(session.setCookie).toMatch(/;\s*SameSite=Lax/i);
      expect(session.setCookie).toMatch(/;\s*Path=\//i);
      expect(session.setCookie).not.toMatch(/;\s*Secure/i);
      // Without BATON_TRUST_PROXY a client cannot claim https for itself.
      const spoofed = await world.app.inject({
        method: "POST",
        url: `${API}/auth/login`,
        payload: { email: agent.email, password: PASSWORD },
        headers: { "x-forwarded-proto": "https" },
      });
      expect(spoofed.statusCode).toBe(200);
      expect(setCookieOf(spoofed)).not.toMatch(/;\s*Secure/i);
    });

    it("marks the cookie Secure behind a trusted proxy that saw https", async () => {
      const { agent } = await team();
      const app = await buildApp({
        database: world.database,
        config: loadConfig({ BATON_TRUST_PROXY: "true" }),
      });
      try {
        await app.ready();
        const login = (headers: Record<string, string>) =>
          app.inject({
            method: "POST",
            url: `${API}/auth/login`,
            payload: { email: agent.email, password: PASSWORD },
            headers,
          });
        const https = await login({ "x-forwarded-proto": "https" });
        expect(https.statusCode).toBe(200);
        expect(setCookieOf(https)).toMatch(/;\s*Secure/i);
        expect(setCookieOf(https)).toMatch(/;\s*HttpOnly/i);
        expect(setCookieOf(https)).toMatch(/;\s*SameSite=Lax/i);
        const http = await login({ "x-forwarded-proto": "http" });
        expect(setCookieOf(http)).not.toMatch(/;\s*Secure/i);
      } finally {
        await app.close();
      }
    });

    it("ends the session on logout", async () => {
      const { agent } = await team();
      const session = await signIn(agent.email);
      expect((await request("GET", `${API}/auth/session`, { session })).status).toBe(200);
      const refused = await request("POST", `${API}/auth/logout`, { session, csrf: null });
      isProblem(refused, 403);
      expect((await request("GET", `${API}/auth/session`, { session })).status).toBe(200);
      const out = await request("POST", `${API}/auth/logout`, { session });
      expect(out.status).toBe(204);
      expect(String(out.headers["set-cookie"])).toMatch(/baton_session=;/);
      // The old cookie is dead on the server, not only deleted in this browser.
      isProblem(await request("GET", `${API}/auth/session`, { session }), 401);
      const before = await snapshot(world);
      isProblem(
        await request("POST", `${API}/cases`, { session, body: { subject: "After logout" } }),
        401,
      );
      expect(await snapshot(world)).toEqual(before);
    });

    it("ends every session of the user on a password change", async () => {
      const { agent } = await team();
      const first = await signIn(agent.email);
      const second = await signIn(agent.email);
      const changed = await request<{ revokedSessions: number }>("POST", `${API}/auth/password`, {
        session: first,
        body: { currentPassword: PASSWORD, newPassword: "a much better passphrase" },
      });
      expect(changed.status, changed.text).toBe(200);
      expect(changed.body.revokedSessions).toBe(2);
      for (const session of [first, second])
        isProblem(await request("GET", `${API}/auth/session`, { session }), 401);
      const old = await world.app.inject({
        method: "POST",
        url: `${API}/auth/login`,
        payload: { email: agent.email, password: PASSWORD },
      });
      expect(old.statusCode).toBe(401);
      await signIn(agent.email, "a much better passphrase");
    });
  });

  describe("cross-site request forgery", () => {
    it("refuses a cookie-authenticated write without the CSRF token and stores nothing", async () => {
      const { agent, kase } = await team();
      const session = await signIn(agent.email);
      const before = await snapshot(world);
      const caseBefore = await caseRow(kase.number);
      const forged: [Method, string, unknown][] = [
        ["POST", `${API}/cases`, { subject: "Forged" }],
        ["PATCH", `${API}/cases/${kase.number}`, { version: kase.version, subject: "Forged" }],
        ["POST", `${API}/cases/${kase.number}/notes`, { body: "Forged", visibility: "public" }],
        [
          "POST",
          `${API}/cases/${kase.number}/calls`,
          { body: "Forged", direction: "inbound", durationMinutes: 1 },
        ],
        ["POST", `${API}/auth/tokens`, { name: "forged" }],
        [
          "POST",
          `${API}/auth/password`,
          { currentPassword: PASSWORD, newPassword: "forged!!!!!!" },
        ],
      ];
      for (const [method, url, body] of forged) {
        for (const csrf of [null, "", "wrong-token", `${session.csrf}x`]) {
          const reply = await request(method, url, { session, csrf, body });
          isProblem(reply, 403);
          // A missing header and a wrong one are different mistakes, each said as such.
          expect(reply.body.code).toBe(csrf ? "csrf_token_invalid" : "csrf_token_missing");
        }
      }
      expect(await snapshot(world)).toEqual(before);
      expect(await caseRow(kase.number)).toEqual(caseBefore);
      // The session itself is untouched by the refusals.
      expect((await request("GET", `${API}/auth/session`, { session })).status).toBe(200);
    });

    it("accepts the write with the session's CSRF token", async () => {
      const { agent, kase } = await team();
      const session = await signIn(agent.email);
      const created = await request<CaseDetail>("POST", `${API}/cases`, {
        session,
        body: { subject: "Made in the browser" },
      });
      expect(created.status, created.text).toBe(201);
      const note = await request("POST", `${API}/cases/${kase.number}/notes`, {
        session,
        body: { body: "From the browser", visibility: "private" },
      });
      expect(note.status).toBe(201);
      const patched = await request<CaseDetail>("PATCH", `${API}/cases/${kase.number}`, {
        session,
        body: { version: kase.version, subject: "Renamed in the browser" },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.subject).toBe("Renamed in the browser");
    });

    it("does not ask Bearer requests for a CSRF token, even with a cookie beside them", async () => {
      const { agent } = await team();
      const session = await signIn(agent.email);
      const created = await request("POST", `${API}/cases`, {
        token: agent.token,
        session,
        csrf: null,
        body: { subject: "From a script" },
      });
      expect(created.status, created.text).toBe(201);
      const token = await request<{ id: string; token: string }>("POST", `${API}/auth/tokens`, {
        token: agent.token,
        body: { name: "second script" },
      });
      expect(token.status).toBe(201);
      const [audit] = await world.database.db
        .select()
        .from(auditEvents)
        .where(
          and(eq(auditEvents.subjectId, token.body.id), eq(auditEvents.action, "token.created")),
        );
      // Who created the token is recorded, not left blank as for the CLI operator.
      expect(audit?.actorId).toBe(agent.userId);
    });
  });

  describe("reads", () => {
    it("change nothing on GET", async () => {
      const { ws, agent, kase } = await team();
      const session = await signIn(agent.email);
      const before = await snapshot(world);
      const caseBefore = await caseRow(kase.number);
      const urls = [
        `${API}/cases`,
        `${API}/cases?status=open&owner=me`,
        `${API}/cases/${kase.number}`,
        `${API}/cases/${kase.number}/timeline`,
        `${API}/cases/${kase.number}/audit`,
        `${API}/workspaces`,
        `${API}/workspaces/${ws.slug}/agents`,
        `${API}/workspaces/${ws.slug}/customers`,
        `${API}/workspaces/${ws.slug}/policy`,
        `${API}/auth/session`,
        `${API}/health`,
        // Write routes do not answer GET, so a link or an <img> cannot trigger them.
        `${API}/auth/logout`,
        `${API}/cases/${kase.number}/notes`,
        `/`,
      ];
      for (const url of urls) {
        const viaToken = await request("GET", url, { token: agent.token });
        const viaCookie = await request("GET", url, { session, csrf: null });
        expect(viaToken.status, url).toBeLessThan(500);
        expect(viaCookie.status, url).toBe(viaToken.status);
      }
      expect(await snapshot(world)).toEqual(before);
      expect(await caseRow(kase.number)).toEqual(caseBefore);
      expect((await request("GET", `${API}/auth/session`, { session })).status).toBe(200);
    });
  });

  describe("headers", () => {
    it("sends CSP with frame-ancestors 'none' and nosniff on API answers and pages", async () => {
      const { agent } = await team();
      const answers = [
        await request("GET", `${API}/cases`, { token: agent.token }),
        await request("GET", `${API}/cases`),
        await request("POST", `${API}/cases`, { token: agent.token, body: { subject: "" } }),
        await request("GET", `${API}/nothing-here`),
        await request("GET", `${API}/health`),
        await request("GET", `/`),
        await request("GET", `/docs`),
        await request("GET", `/docs/`),
      ];
      for (const answer of answers) {
        const csp = String(answer.headers["content-security-policy"]);
        expect(csp).toMatch(/frame-ancestors 'none'/);
        expect(csp).toMatch(/default-src 'self'/);
        expect(answer.headers["x-content-type-options"]).toBe("nosniff");
      }
      const page = answers[5];
      expect(page?.headers["content-type"]).toMatch(/^text\/html/);
    });
  });

  describe("Idempotency-Key on POST /cases", () => {
    const countIn = async (workspaceId: string) => {
      const [row] = await world.database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(cases)
        .where(eq(cases.workspaceId, workspaceId));
      return row?.n;
    };

    it("replays a retried create: same number, one case", async () => {
      const { ws, agent } = await team();
      const body = { subject: "Retried over a flaky link", severity: "high" };
      const headers = { "idempotency-key": "retry-1f6c2a" };
      const first = await agent.api.post<CaseDetail>(`${API}/cases`, body, headers);
      expect(first.status).toBe(201);
      expect(first.headers["idempotent-replayed"]).toBeUndefined();
      const before = await snapshot(world);
      const again = await agent.api.post<CaseDetail>(`${API}/cases`, body, headers);
      expect(again.status).toBe(201);
      expect(again.headers["idempotent-replayed"]).toBe("true");
      expect(again.body.number).toBe(first.body.number);
      expect(await snapshot(world)).toEqual(before);
      expect(await countIn(ws.id)).toBe(2);

      const reused = await agent.api.post(`${API}/cases`, { subject: "Something else" }, headers);
      isProblem(reused, 422);
      expect(reused.body.errors?.map((e) => e.field)).toContain("Idempotency-Key");
      expect(await snapshot(world)).toEqual(before);

      // Keys belong to their user: a colleague's same key is a new request.
      const colleague = await buildAgent(world, ws.slug, "agent");
      const theirs = await colleague.api.post<CaseDetail>(`${API}/cases`, body, headers);
      expect(theirs.status).toBe(201);
      expect(theirs.body.number).not.toBe(first.body.number);
    });

    it("creates one case when the same key arrives concurrently", async () => {
      const { ws, agent } = await team();
      const body = { subject: "Double-clicked submit" };
      const headers = { "idempotency-key": "concurrent-7d1e" };
      const replies = await Promise.all(
        Array.from({ length: 4 }, () => agent.api.post<CaseDetail>(`${API}/cases`, body, headers)),
      );
      expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      expect(new Set(replies.map((r) => r.body.number)).size).toBe(1);
      expect(replies.filter((r) => r.headers["idempotent-replayed"] === "true")).toHaveLength(3);
      expect(await countIn(ws.id)).toBe(2);
    });
  });

  describe("stale updates", () => {
    it("lets one of two sequential PATCHes with the same version win; the 409 changes nothing", async () => {
      const { agent, kase } = await team();
      const url = `${API}/cases/${kase.number}`;
      const first = await agent.api.patch<CaseDetail>(url, {
        version: kase.version,
        subject: "First writer",
      });
      expect(first.status).toBe(200);
      expect(first.body.version).toBe(kase.version + 1);
      const before = await caseRow(kase.number);
      const everything = await snapshot(world);
      const second = await agent.api.patch(url, {
        version: kase.version,
        subject: "Second writer",
        severity: "critical",
      });
      isProblem(second, 409);
      expect(second.body.code).toBe("version_conflict");
      expect(await caseRow(kase.number)).toEqual(before);
      expect(await snapshot(world)).toEqual(everything);
      expect(before.subject).toBe("First writer");
    });

    it("lets exactly one of two concurrent PATCHes win", async () => {
      const { agent, lead, kase } = await team();
      const url = `${API}/cases/${kase.number}`;
      const before = await caseRow(kase.number);
      const replies = await Promise.all([
        agent.api.patch<CaseDetail>(url, { version: kase.version, subject: "Agent wins" }),
        lead.api.patch<CaseDetail>(url, { version: kase.version, subject: "Lead wins" }),
      ]);
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = replies.find((r) => r.status === 200);
      const after = await caseRow(kase.number);
      expect(after.subject).toBe(winner?.body.subject);
      expect(after.version).toBe(kase.version + 1);
      expect(after.activities).toBe((before.activities ?? 0) + 1);
      expect(after.audit).toBe((before.audit ?? 0) + 1);
    });

    it("lets exactly one of two concurrent availability changes win", async () => {
      const { ws, agent, lead } = await team();
      const url = `${API}/workspaces/${ws.slug}/agents/${agent.userId}/availability`;
      const replies = await Promise.all([
        agent.api.put(url, { version: 1, status: "off_queue" }),
        lead.api.put(url, {
          version: 1,
          status: "on_leave",
          leaveFrom: "2026-12-01T09:00:00Z",
          leaveUntil: "2026-12-02T09:00:00Z",
          backupUserId: lead.userId,
        }),
      ]);
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
      const [row] = await world.database.db.select().from(users).where(eq(users.id, agent.userId));
      expect(row?.version).toBe(2);
      const [audit] = await world.database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.subjectId, agent.userId),
            eq(auditEvents.action, "agent.availability_changed"),
          ),
        );
      expect(audit?.n).toBe(1);
    });
  });
});
