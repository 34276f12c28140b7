import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkspace } from "../../src/commands/workspaces/createWorkspace.ts";
import { auditEvents, userIdentities, users } from "../../src/db/schema.ts";
import { presets } from "../../src/presets/index.ts";
import { databaseKinds } from "../support/db.ts";
import {
  CookieJar,
  followSignIn,
  startTestProvider,
  type TestAccount,
  type TestProvider,
} from "../support/oidc-provider.ts";
import { buildAgent, startWorld, type TestAgent, type World } from "../support/world.ts";

// Issue 15, single sign-on: Baton signs people in through a real OpenID provider started here on
// loopback (oidc-provider), over real HTTP with redirects and cookies, as a browser would.

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

const tag = () => randomBytes(4).toString("hex");

describe.each(databaseKinds)("single sign-on with OpenID Connect (%s)", (kind) => {
  let provider: TestProvider;
  let world: World;
  let base: string;
  const support = `sso-support-${tag()}`;
  const leads = `sso-leads-${tag()}`;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    provider = await startTestProvider([`${base}/api/v1/auth/oidc/callback`]);
    world = await startWorld(kind, {
      BATON_OIDC_ISSUER: provider.issuer,
      BATON_OIDC_CLIENT_ID: provider.clientId,
      BATON_OIDC_CLIENT_SECRET: provider.clientSecret,
      BATON_OIDC_NAME: "Test IdP",
      BATON_OIDC_REDIRECT_URL: `${base}/api/v1/auth/oidc/callback`,
      BATON_OIDC_PROVISION: JSON.stringify({
        claim: "groups",
        rules: [{ value: "support-leads", workspace: leads, role: "shift_lead" }],
        default: [{ workspace: support, role: "agent" }],
      }),
    });
    for (const slug of [support, leads])
      await createWorkspace(
        world.database.db,
        { slug, name: slug, preset: "regional-cse", policy: presets["regional-cse"] },
        null,
      );
    await world.app.listen({ host: "127.0.0.1", port });
  });
  afterAll(async () => {
    await world?.dispose();
    await provider?.close();
  });

  /** Clicks "Sign in with …" and comes back: the redirect's target and the session it set. */
  async function signIn(account: TestAccount | null, returnTo = "/w/somewhere/mine") {
    provider.signInAs(account);
    const jar = new CookieJar();
    const start = `${base}/api/v1/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`;
    const end = await followSignIn(start, base, jar);
    const session = jar.get(base, "baton_session");
    const me = session
      ? await fetch(`${base}/api/v1/auth/session`, {
          headers: { cookie: `baton_session=${session}` },
        })
      : undefined;
    return {
      landed: end.location ?? "",
      session,
      me: me?.ok
        ? ((await me.json()) as {
            id: string;
            email: string;
            workspaces: { slug: string; role: string }[];
          })
        : undefined,
      jar,
      hops: end.hops,
    };
  }

  it("tells the sign-in page that single sign-on is offered, beside passwords", async () => {
    const answer = await fetch(`${base}/api/v1/auth/providers`);
    expect(await answer.json()).toEqual({
      password: true,
      sso: { name: "Test IdP", startUrl: "/api/v1/auth/oidc/start" },
    });
  });

  it("creates a person on first sign-in with the workspaces and roles the configuration maps", async () => {
    const email = `ana.${tag()}@corp.example`;
    const ana = {
      sub: `ana-${tag()}`,
      email,
      email_verified: true,
      name: "Ana Lima",
      groups: ["support-leads"],
    };
    const first = await signIn(ana, "/w/x/mine");
    expect(first.hops.some((h) => h.startsWith(provider.issuer))).toBe(true);
    expect(first.landed).toBe(`${base}/w/x/mine`);
    expect(first.me?.email).toBe(email);
    expect(first.me?.workspaces.map((w) => [w.slug, w.role]).sort()).toEqual(
      [
        [leads, "shift_lead"],
        [support, "agent"],
      ].sort(),
    );
    const [row] = await world.database.db.select().from(users).where(eq(users.email, email));
    expect(row?.passwordHash).toBeNull();
    expect(row?.name).toBe("Ana Lima");
    // Second time: the same person, found by the provider's subject.
    const again = await signIn({ ...ana, email: `renamed.${tag()}@corp.example` });
    expect(again.me?.id).toBe(first.me?.id);
    const links = await world.database.db
      .select()
      .from(userIdentities)
      .where(eq(userIdentities.userId, first.me?.id ?? ""));
    expect(links).toHaveLength(1);
  });

  it("takes the hiding characters out of the provider's name instead of refusing the person", async () => {
    const email = `lena.${tag()}@corp.example`;
    const signedIn = await signIn({
      sub: `lena-${tag()}`,
      email,
      email_verified: true,
      name: `\uFEFFLena \u202EreffO\u202C ${"x".repeat(150)}`,
    });
    expect(signedIn.me?.email).toBe(email);
    const [row] = await world.database.db.select().from(users).where(eq(users.email, email));
    // What a list or a mail shows is what is stored: no override, no BOM, within a name's length.
    expect(row?.name).toBe(`Lena reffO ${"x".repeat(109)}`);
  });

  it("links an existing account by its verified email, and never by an unverified one", async () => {
    const existing: TestAgent = await buildAgent(world, support, "supervisor");
    const unverified = await signIn({
      sub: `mallory-${tag()}`,
      email: existing.email,
      email_verified: false,
    });
    expect(unverified.session).toBeUndefined();
    expect(decodeURIComponent(unverified.landed)).toContain("sso_error=sso_unverified");
    const verified = await signIn({
      sub: `sup-${tag()}`,
      email: existing.email.toUpperCase(),
      email_verified: true,
    });
    expect(verified.me?.id).toBe(existing.userId);
    expect(verified.me?.workspaces).toEqual([
      expect.objectContaining({ slug: support, role: "supervisor" }),
    ]);
    // The link is audited: who the provider says this account now is.
    const audit = await world.database.db
      .select({ action: auditEvents.action, data: auditEvents.data })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, existing.userId));
    expect(audit.filter((a) => a.action === "user.identity_linked")).toEqual([
      {
        action: "user.identity_linked",
        data: { issuer: provider.issuer, email: existing.email.toUpperCase(), newAccount: false },
      },
    ]);
  });

  it("refuses someone nothing grants access, someone deactivated, and a provider's refusal", async () => {
    // Default grants apply to everyone here; a world without defaults would refuse. Deactivated:
    const person = await buildAgent(world, support, "agent");
    await world.database.db
      .update(users)
      .set({ deactivatedAt: new Date() })
      .where(eq(users.id, person.userId));
    const blocked = await signIn({
      sub: `gone-${tag()}`,
      email: person.email,
      email_verified: true,
    });
    expect(blocked.session).toBeUndefined();
    expect(decodeURIComponent(blocked.landed)).toContain("sso_error=sso_deactivated");

    const denied = await signIn(null);
    expect(denied.session).toBeUndefined();
    expect(decodeURIComponent(denied.landed)).toContain("sso_error=sso_denied");

    const noEmail = await signIn({ sub: `anon-${tag()}` });
    expect(noEmail.session).toBeUndefined();
    expect(decodeURIComponent(noEmail.landed)).toContain("sso_error=sso_no_email");
  });

  it("finishes a sign-in only in the browser that started it, once, and only back to this site", async () => {
    const account = {
      sub: `eve-${tag()}`,
      email: `eve.${tag()}@corp.example`,
      email_verified: true,
    };
    provider.signInAs(account);
    const jar = new CookieJar();
    // Walk to the provider and back, but stop before Baton's callback.
    const start = `${base}/api/v1/auth/oidc/start?returnTo=${encodeURIComponent("https://evil.example/x")}`;
    let url = start;
    let callback = "";
    for (let i = 0; i < 20 && !callback; i++) {
      const response = await fetch(url, {
        redirect: "manual",
        headers: { cookie: jar.header(url) },
      });
      jar.take(url, response);
      await response.body?.cancel();
      const next = new URL(response.headers.get("location") ?? "", url).href;
      if (next.startsWith(`${base}/api/v1/auth/oidc/callback`)) callback = next;
      else url = next;
    }
    expect(callback).toContain("code=");
    // Another browser (no state cookie) cannot use the code.
    const stolen = await fetch(callback, { redirect: "manual" });
    expect(stolen.status).toBe(302);
    expect(decodeURIComponent(stolen.headers.get("location") ?? "")).toContain(
      "sso_error=sso_not_this_browser",
    );
    expect(stolen.headers.getSetCookie().some((c) => c.startsWith("baton_session="))).toBe(false);
    // The right browser finishes; a foreign return address becomes the home page.
    const real = await fetch(callback, {
      redirect: "manual",
      headers: { cookie: jar.header(callback) },
    });
    expect(real.status).toBe(302);
    expect(real.headers.get("location")).toBe("/");
    expect(real.headers.getSetCookie().some((c) => c.startsWith("baton_session="))).toBe(true);
    // Replayed: the sign-in is spent.
    const replay = await fetch(callback, {
      redirect: "manual",
      headers: { cookie: jar.header(callback) },
    });
    expect(decodeURIComponent(replay.headers.get("location") ?? "")).toContain(
      "sso_error=sso_expired",
    );
    // A forged state is refused the same way.
    const forged = new URL(callback);
    forged.searchParams.set("state", "forged");
    const bad = await fetch(forged, {
      redirect: "manual",
      headers: { cookie: "baton_oidc_state=forged" },
    });
    expect(decodeURIComponent(bad.headers.get("location") ?? "")).toMatch(/sso_error=/);
  });
});

describe.each(databaseKinds)("single sign-on only (%s)", (kind) => {
  let provider: TestProvider;
  let world: World;
  let base: string;
  const slug = `sso-only-${tag()}`;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    provider = await startTestProvider([`${base}/api/v1/auth/oidc/callback`]);
    world = await startWorld(kind, {
      BATON_OIDC_ISSUER: provider.issuer,
      BATON_OIDC_CLIENT_ID: provider.clientId,
      BATON_OIDC_CLIENT_SECRET: provider.clientSecret,
      BATON_OIDC_REDIRECT_URL: `${base}/api/v1/auth/oidc/callback`,
      BATON_PASSWORD_SIGN_IN: "false",
      // No defaults: only the rule admits anyone.
      BATON_OIDC_PROVISION: JSON.stringify({
        rules: [{ value: "baton-users", workspace: slug, role: "agent" }],
      }),
    });
    await createWorkspace(
      world.database.db,
      { slug, name: slug, preset: "regional-cse", policy: presets["regional-cse"] },
      null,
    );
    await world.app.listen({ host: "127.0.0.1", port });
  });
  afterAll(async () => {
    await world?.dispose();
    await provider?.close();
  });

  it("turns password sign-in off and admits only whom a rule maps", async () => {
    const agent = await buildAgent(world, slug, "agent");
    const password = await world.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: agent.email, password: "correct horse battery" },
    });
    expect(password.statusCode).toBe(403);
    expect(password.json().code).toBe("password_sign_in_off");
    expect(
      (await world.app.inject({ method: "GET", url: "/api/v1/auth/providers" })).json(),
    ).toMatchObject({
      password: false,
    });

    const jar = new CookieJar();
    provider.signInAs({
      sub: `out-${tag()}`,
      email: `out.${tag()}@corp.example`,
      email_verified: true,
      groups: ["other"],
    });
    const outsider = await followSignIn(`${base}/api/v1/auth/oidc/start`, base, jar);
    expect(decodeURIComponent(outsider.location ?? "")).toContain("sso_error=sso_no_access");
    expect(jar.get(base, "baton_session")).toBeUndefined();

    const member = new CookieJar();
    provider.signInAs({
      sub: `in-${tag()}`,
      email: `in.${tag()}@corp.example`,
      email_verified: true,
      groups: ["baton-users"],
    });
    const admitted = await followSignIn(`${base}/api/v1/auth/oidc/start`, base, member);
    expect(admitted.location).toBe(`${base}/`);
    expect(member.get(base, "baton_session")).toBeDefined();
  });
});
