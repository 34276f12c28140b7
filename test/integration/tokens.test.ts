import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOperation } from "../../src/cli/operations.ts";
import { loadConfig } from "../../src/config.ts";
import { apiTokens, auditEvents, cases } from "../../src/db/schema.ts";
import type { CreatedToken, TokenList } from "../../src/http/routes/token-schemas.ts";
import { databaseKinds } from "../support/db.ts";
import { ok } from "../support/ok.ts";
import {
  buildAgent,
  buildWorkspace,
  client,
  type Problem,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// Issue 15, tokens: a name, a scope, an expiry and a last-used time; people list and revoke
// their own, admins their workspace's, and a password change ends them unless kept.

const API = "/api/v1";
const PASSWORD = "correct horse battery";
const DAY = 86_400_000;

describe.each(databaseKinds)("API tokens (%s)", (kind) => {
  let world: World;
  let slug: string;
  let admin: TestAgent;
  let agent: TestAgent;
  let stranger: TestAgent;

  beforeAll(async () => {
    world = await startWorld(kind);
    const ws = await buildWorkspace(world);
    slug = ws.slug;
    admin = await buildAgent(world, slug, "admin");
    agent = await buildAgent(world, slug, "agent");
    const elsewhere = await buildWorkspace(world);
    stranger = await buildAgent(world, elsewhere.slug, "admin");
  });
  afterAll(() => world.dispose());

  const make = async (who: TestAgent, body: Record<string, unknown>) =>
    ok(await who.api.post<CreatedToken>(`${API}/auth/tokens`, body), 201);
  const tokenCount = async () =>
    (await world.database.db.select({ n: count() }).from(apiTokens))[0]?.n;

  it("makes a token with a name, a scope and an expiry, and lists it without its secret", async () => {
    const before = Date.now();
    const made = await make(agent, { name: "nightly export", scope: "read", days: 7 });
    expect(made).toMatchObject({ name: "nightly export", scope: "read" });
    expect(made.token).toMatch(/^bt_/);
    const expires = Date.parse(made.expiresAt);
    expect(expires - before).toBeGreaterThanOrEqual(7 * DAY - 1000);
    expect(expires - before).toBeLessThanOrEqual(7 * DAY + 60_000);
    const byDefault = await make(agent, { name: "default lifetime" });
    expect(byDefault.scope).toBe("full");
    expect(Date.parse(byDefault.expiresAt) - before).toBeGreaterThanOrEqual(90 * DAY - 1000);

    const mine = client(world.app, made.token);
    const list = ok(await mine.get<TokenList>(`${API}/auth/tokens`));
    const listed = list.items.find((t) => t.id === made.id);
    expect(listed).toMatchObject({
      name: "nightly export",
      scope: "read",
      state: "active",
      current: true,
      expiresAt: made.expiresAt,
    });
    expect(listed?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list)).not.toContain(made.token);
    expect(list.items.every((t) => t.owner.id === agent.userId)).toBe(true);
  });

  it("takes its default and longest lifetime from the configuration", async () => {
    const configured = await startWorld(kind, {
      BATON_TOKEN_DAYS: "30",
      BATON_TOKEN_MAX_DAYS: "60",
    });
    try {
      const ws = await buildWorkspace(configured);
      const person = await buildAgent(configured, ws.slug, "agent");
      const before = Date.now();
      const made = ok(
        await person.api.post<CreatedToken>(`${API}/auth/tokens`, { name: "default" }),
        201,
      );
      const lifetime = Date.parse(made.expiresAt) - before;
      expect(lifetime).toBeGreaterThanOrEqual(30 * DAY - 1000);
      expect(lifetime).toBeLessThanOrEqual(30 * DAY + 60_000);
      ok(await person.api.post(`${API}/auth/tokens`, { name: "longest", days: 60 }), 201);
      const tooLong = await person.api.post<Problem>(`${API}/auth/tokens`, {
        name: "too long",
        days: 61,
      });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.errors?.[0]?.field).toBe("days");
    } finally {
      await configured.dispose();
    }
    expect(() => loadConfig({ BATON_TOKEN_DAYS: "90", BATON_TOKEN_MAX_DAYS: "60" })).toThrow(
      /BATON_TOKEN_DAYS: must not be more than BATON_TOKEN_MAX_DAYS/,
    );
  });

  it("lets a read-only token read and refuses every change, storing nothing", async () => {
    const made = await make(agent, { name: "dashboard", scope: "read" });
    const reader = client(world.app, made.token);
    ok(await reader.get(`${API}/cases?workspace=${slug}`));
    const [before] = await world.database.db.select({ n: count() }).from(cases);
    const refused = await reader.post(`${API}/cases`, { workspace: slug, subject: "Read only?" });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("token_read_only");
    const [after] = await world.database.db.select({ n: count() }).from(cases);
    expect(after?.n).toBe(before?.n);
    // It cannot make itself a full token either.
    expect((await reader.post(`${API}/auth/tokens`, { name: "escalate" })).status).toBe(403);
  });

  it("stops working once expired, and says so in the list", async () => {
    const made = await make(agent, { name: "short", days: 1 });
    const user = client(world.app, made.token);
    ok(await user.get(`${API}/auth/session`));
    await world.database.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, made.id));
    const expired = await user.get(`${API}/auth/session`);
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe("invalid_token");
    const list = ok(await agent.api.get<TokenList>(`${API}/auth/tokens`));
    expect(list.items.find((t) => t.id === made.id)?.state).toBe("expired");
  });

  it("refuses a bad name, scope or lifetime, naming the field, and stores nothing", async () => {
    const before = await tokenCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "" }, "name"],
      [{ name: "x", scope: "admin" }, "scope"],
      [{ name: "x", days: 0 }, "days"],
      [{ name: "x", days: 366 }, "days"],
      [{ name: "x", days: 1.5 }, "days"],
    ];
    for (const [body, field] of cases) {
      const reply = await agent.api.post<Problem>(`${API}/auth/tokens`, body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.errors?.[0]?.field).toBe(field);
    }
    expect(await tokenCount()).toBe(before);
  });

  it("lets people revoke their own tokens and nobody else's", async () => {
    const made = await make(agent, { name: "laptop" });
    const theirs = await make(admin, { name: "admin laptop" });
    // Another person's token is not found, and stays alive.
    expect((await agent.api.delete(`${API}/auth/tokens/${theirs.id}`)).status).toBe(404);
    ok(await client(world.app, theirs.token).get(`${API}/auth/session`));
    expect((await agent.api.delete(`${API}/auth/tokens/${made.id}`)).status).toBe(204);
    expect((await client(world.app, made.token).get(`${API}/auth/session`)).status).toBe(401);
    expect((await agent.api.delete(`${API}/auth/tokens/${made.id}`)).status).toBe(404);
    expect((await agent.api.delete(`${API}/auth/tokens/not-an-id`)).status).toBe(404);
    const [audit] = await world.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, made.id), eq(auditEvents.action, "token.revoked")));
    expect(audit).toMatchObject({ actorId: agent.userId, data: { by: "owner" } });
  });

  it("lets a workspace's admins list and revoke its members' tokens, and only theirs", async () => {
    const made = await make(agent, { name: "cron" });
    const list = ok(await admin.api.get<TokenList>(`${API}/workspaces/${slug}/tokens`));
    expect(list.items.find((t) => t.id === made.id)?.owner.email).toBe(agent.email);
    expect(JSON.stringify(list)).not.toContain(made.token);
    // Not for agents, not for another workspace's admin.
    expect((await agent.api.get(`${API}/workspaces/${slug}/tokens`)).status).toBe(403);
    expect((await stranger.api.get(`${API}/workspaces/${slug}/tokens`)).status).toBe(404);
    const outsider = await make(stranger, { name: "elsewhere" });
    expect((await admin.api.delete(`${API}/workspaces/${slug}/tokens/${outsider.id}`)).status).toBe(
      404,
    );
    ok(await client(world.app, outsider.token).get(`${API}/auth/session`));

    expect((await admin.api.delete(`${API}/workspaces/${slug}/tokens/${made.id}`)).status).toBe(
      204,
    );
    expect((await client(world.app, made.token).get(`${API}/auth/session`)).status).toBe(401);
    const [audit] = await world.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, made.id), eq(auditEvents.action, "token.revoked")));
    expect(audit).toMatchObject({ actorId: admin.userId, data: { by: "admin" } });
  });

  it("ends a person's tokens when they change their password, unless they keep them", async () => {
    const person = await buildAgent(world, slug, "agent");
    const first = await make(person, { name: "one" });
    const kept = await make(person, { name: "two" });
    const change = (token: string, from: string, to: string, keepTokens?: boolean) =>
      client(world.app, token).post<{ revokedSessions: number; revokedTokens: number }>(
        `${API}/auth/password`,
        { currentPassword: from, newPassword: to, ...(keepTokens ? { keepTokens } : {}) },
      );
    const keeping = ok(await change(first.token, PASSWORD, "a far better passphrase", true));
    expect(keeping.revokedTokens).toBe(0);
    ok(await client(world.app, kept.token).get(`${API}/auth/session`));
    const ending = ok(
      await change(first.token, "a far better passphrase", "yet another passphrase"),
    );
    // The fixture's own token, and the two made here.
    expect(ending.revokedTokens).toBe(3);
    for (const t of [first.token, kept.token, person.token])
      expect((await client(world.app, t).get(`${API}/auth/session`)).status).toBe(401);
  });

  it("refuses a weak new password, saying why", async () => {
    const person = await buildAgent(world, slug, "agent", { name: "Dana Quigley" });
    for (const weak of ["aaaaaaaaaa", "password12", "1111111111", "danaquigley2026"]) {
      const reply = await person.api.post<Problem>(`${API}/auth/password`, {
        currentPassword: PASSWORD,
        newPassword: weak,
      });
      expect(reply.status, weak).toBe(400);
      expect(reply.body.errors?.[0]).toMatchObject({ field: "newPassword" });
      expect(reply.body.errors?.[0]?.message, weak).toMatch(/^is too easy to guess: \S/);
    }
    ok(await person.api.get(`${API}/auth/session`));
  });

  it("lists, revokes and resets from the command line", async () => {
    const person = await buildAgent(world, slug, "agent");
    const made = await make(person, { name: "cli-visible" });
    const config = world.app.baton.config;
    const listed = (await runOperation(
      world.database,
      "token-list",
      { email: person.email },
      config,
    )) as TokenList;
    expect(listed.items.map((t) => t.name)).toContain("cli-visible");
    const byWorkspace = (await runOperation(
      world.database,
      "token-list",
      { workspace: slug },
      config,
    )) as TokenList;
    expect(byWorkspace.items.map((t) => t.id)).toContain(made.id);
    await runOperation(world.database, "token-revoke", { id: made.id }, config);
    expect((await client(world.app, made.token).get(`${API}/auth/session`)).status).toBe(401);
    await expect(
      runOperation(world.database, "token-revoke", { id: made.id }, config),
    ).rejects.toMatchObject({ kind: "not_found" });

    // A password the operator picks obeys the same strength rule.
    await expect(
      runOperation(
        world.database,
        "user-reset-password",
        { email: person.email, password: "aaaaaaaaaa" },
        config,
      ),
    ).rejects.toMatchObject({ issues: [{ field: "password" }] });
    const reset = (await runOperation(
      world.database,
      "user-reset-password",
      { email: person.email },
      config,
    )) as { password: string; revokedTokens: number };
    expect(reset.password.length).toBeGreaterThanOrEqual(20);
    expect(reset.revokedTokens).toBe(1);
    expect((await person.api.get(`${API}/auth/session`)).status).toBe(401);
    const signedIn = await world.app.inject({
      method: "POST",
      url: `${API}/auth/login`,
      payload: { email: person.email, password: reset.password },
    });
    expect(signedIn.statusCode).toBe(200);
  });
});
