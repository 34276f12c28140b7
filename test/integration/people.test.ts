import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOperation } from "../../src/cli/operations.ts";
import { auditEvents, deliveries, invitations, memberships } from "../../src/db/schema.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import type {
  Deactivated,
  InvitationOffer,
  InvitationSent,
  PeopleList,
  PersonView,
  Removed,
} from "../../src/http/routes/people-schemas.ts";
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

// Issue 15, people: admins invite by email (a single-use link that expires), change roles,
// deactivate (sessions and tokens end at once, the open cases are listed) and remove people;
// the workspace always keeps an admin; each change is audited. Same from the command line.

const API = "/api/v1";
const PASSWORD = "correct horse battery";
const STRONG = "lantern orchard 42 rivet";

describe.each(databaseKinds)("people (%s)", (kind) => {
  let world: World;
  let slug: string;
  let admin: TestAgent;
  let otherSlug: string;
  let otherAdmin: TestAgent;

  beforeAll(async () => {
    world = await startWorld(kind);
    slug = (await buildWorkspace(world)).slug;
    admin = await buildAgent(world, slug, "admin");
    otherSlug = (await buildWorkspace(world)).slug;
    otherAdmin = await buildAgent(world, otherSlug, "admin");
  });
  afterAll(() => world.dispose());

  const people = async () =>
    ok(await admin.api.get<PeopleList>(`${API}/workspaces/${slug}/people`));
  const personIn = async (id: string) => (await people()).people.find((p) => p.id === id);
  const tokenOf = (link: string) => link.split("/invite/")[1] ?? "";
  const anonymous = (method: "GET" | "POST", url: string, payload?: object) =>
    world.app.inject({ method, url, ...(payload ? { payload } : {}) });
  const auditOf = async (subjectId: string) =>
    (
      await world.database.db
        .select({ action: auditEvents.action, actorId: auditEvents.actorId })
        .from(auditEvents)
        .where(eq(auditEvents.subjectId, subjectId))
    ).map((a) => a.action);

  it("invites by email with a link that joins once, and mails it", async () => {
    const email = `new.${Date.now()}@rhein.example`;
    const sent = ok(
      await admin.api.post<InvitationSent>(`${API}/workspaces/${slug}/invitations`, {
        email,
        name: "Nora Neu",
        role: "shift_lead",
      }),
      201,
    );
    expect(sent.invitation).toMatchObject({ email, role: "shift_lead", state: "pending" });
    expect(sent.link).toMatch(/^http:\/\/localhost(:\d+)?\/invite\/[A-Za-z0-9_-]{43}$/);
    const [mail] = await world.database.db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.topic, "invitation"), eq(deliveries.recipient, email)));
    expect(mail?.body).toContain(sent.link);
    expect(mail?.subject).toContain("invited");
    expect(await auditOf(sent.invitation.id)).toEqual(["invitation.sent"]);
    // The audit holds no secret.
    const [audit] = await world.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, sent.invitation.id));
    expect(JSON.stringify(audit)).not.toContain(tokenOf(sent.link));

    const token = tokenOf(sent.link);
    const offer = await anonymous("GET", `${API}/invitations/${token}`);
    expect(offer.statusCode).toBe(200);
    expect(offer.json<InvitationOffer>()).toMatchObject({
      email,
      name: "Nora Neu",
      role: "shift_lead",
      accountExists: false,
    });
    const weak = await anonymous("POST", `${API}/invitations/${token}/accept`, {
      password: "password12",
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].field).toBe("password");
    const joined = await anonymous("POST", `${API}/invitations/${token}/accept`, {
      name: "Nora Neu",
      password: STRONG,
    });
    expect(joined.statusCode, joined.body).toBe(200);
    expect(joined.json()).toMatchObject({ workspace: slug, newAccount: true, signedIn: true });
    const cookie = joined.cookies.find((c) => c.name === "baton_session")?.value ?? "";
    const me = await world.app.inject({
      method: "GET",
      url: `${API}/auth/session`,
      cookies: { baton_session: cookie },
    });
    expect(me.json()).toMatchObject({ email, workspaces: [{ slug, role: "shift_lead" }] });
    // Once only.
    for (const again of [
      await anonymous("POST", `${API}/invitations/${token}/accept`, { password: STRONG }),
      await anonymous("GET", `${API}/invitations/${token}`),
    ]) {
      expect(again.statusCode).toBe(410);
      expect(again.json().code).toBe("invitation_unusable");
    }
    const listed = await people();
    expect(listed.invitations.find((i) => i.id === sent.invitation.id)?.state).toBe("accepted");
    expect(listed.people.some((p) => p.email === email && p.role === "shift_lead")).toBe(true);
  });

  it("refuses a second invitation, a member, an unknown role or a bad address, storing nothing", async () => {
    const email = `twice.${Date.now()}@rhein.example`;
    ok(
      await admin.api.post(`${API}/workspaces/${slug}/invitations`, { email, role: "agent" }),
      201,
    );
    const count0 = async () =>
      (await world.database.db.select({ n: count() }).from(invitations))[0]?.n;
    const before = await count0();
    const refusals: [Record<string, unknown>, number, string][] = [
      [{ email: email.toUpperCase(), role: "agent" }, 409, "already_invited"],
      [{ email: admin.email, role: "agent" }, 409, "already_member"],
      [{ email: "x@rhein.example", role: "wizard" }, 422, "unknown_role"],
      [{ email: "not an address", role: "agent" }, 400, "invalid_input"],
    ];
    for (const [body, status, code] of refusals) {
      const reply = await admin.api.post(`${API}/workspaces/${slug}/invitations`, body);
      expect(reply.status, JSON.stringify(body)).toBe(status);
      expect(reply.body.code).toBe(code);
    }
    expect(await count0()).toBe(before);
  });

  it("stops an expired, a revoked or a replaced link, and resends a working one", async () => {
    const email = `late.${Date.now()}@rhein.example`;
    const sent = ok(
      await admin.api.post<InvitationSent>(`${API}/workspaces/${slug}/invitations`, {
        email,
        role: "agent",
      }),
      201,
    );
    await world.database.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, sent.invitation.id));
    const expired = await anonymous("GET", `${API}/invitations/${tokenOf(sent.link)}`);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().detail).toMatch(/expired/);
    // A stale version is refused; the current one sends a new link and the old is dead.
    const stale = await admin.api.post(
      `${API}/workspaces/${slug}/invitations/${sent.invitation.id}/resend`,
      { version: sent.invitation.version + 5 },
    );
    expect(stale.status).toBe(409);
    const again = ok(
      await admin.api.post<InvitationSent>(
        `${API}/workspaces/${slug}/invitations/${sent.invitation.id}/resend`,
        { version: sent.invitation.version },
      ),
    );
    expect(again.invitation.state).toBe("pending");
    expect((await anonymous("GET", `${API}/invitations/${tokenOf(sent.link)}`)).statusCode).toBe(
      404,
    );
    expect((await anonymous("GET", `${API}/invitations/${tokenOf(again.link)}`)).statusCode).toBe(
      200,
    );
    ok(
      await admin.api.post(`${API}/workspaces/${slug}/invitations/${sent.invitation.id}/revoke`, {
        version: again.invitation.version,
      }),
    );
    const revoked = await anonymous("GET", `${API}/invitations/${tokenOf(again.link)}`);
    expect(revoked.statusCode).toBe(410);
    expect(await auditOf(sent.invitation.id)).toEqual([
      "invitation.sent",
      "invitation.sent",
      "invitation.revoked",
    ]);
  });

  it("lets someone with an account join with it, once signed in as that address", async () => {
    const elsewhere = await buildAgent(world, otherSlug, "agent");
    const sent = ok(
      await admin.api.post<InvitationSent>(`${API}/workspaces/${slug}/invitations`, {
        email: elsewhere.email,
        role: "agent",
      }),
      201,
    );
    const token = tokenOf(sent.link);
    const offer = await anonymous("GET", `${API}/invitations/${token}`);
    expect(offer.json().accountExists).toBe(true);
    const unsigned = await anonymous("POST", `${API}/invitations/${token}/accept`, {});
    expect(unsigned.statusCode).toBe(403);
    expect(unsigned.json().code).toBe("sign_in_to_accept");
    const someoneElse = await otherAdmin.api.post(`${API}/invitations/${token}/accept`, {});
    expect(someoneElse.status).toBe(403);
    const joined = ok(await elsewhere.api.post(`${API}/invitations/${token}/accept`, {}));
    expect(joined).toMatchObject({ newAccount: false, signedIn: false });
    const me = ok(
      await elsewhere.api.get<{ workspaces: { slug: string }[] }>(`${API}/auth/session`),
    );
    expect(me.workspaces.map((w) => w.slug).sort()).toEqual([slug, otherSlug].sort());
  });

  it("changes a role, which changes what the person may do; a stale version is refused", async () => {
    const person = await buildAgent(world, slug, "agent");
    const viewer = async () =>
      ok(
        await person.api.get<{ viewer: { managePeople: boolean } }>(
          `${API}/workspaces/${slug}/policy`,
        ),
      ).viewer;
    expect((await viewer()).managePeople).toBe(false);
    const before = await personIn(person.userId);
    if (!before) throw new Error("person not listed");
    const url = `${API}/workspaces/${slug}/people/${person.userId}/role`;
    const changed = ok(
      await admin.api.put<PersonView>(url, { role: "admin", version: before.version }),
    );
    expect(changed).toMatchObject({ role: "admin", version: before.version + 1 });
    expect((await viewer()).managePeople).toBe(true);
    ok(await person.api.get(`${API}/workspaces/${slug}/people`));
    const stale = await admin.api.put(url, { role: "agent", version: before.version });
    expect(stale.status).toBe(409);
    const unknown = await admin.api.put(url, { role: "wizard", version: changed.version });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors?.[0]?.field).toBe("role");
    expect(await auditOf(person.userId)).toContain("membership.role_changed");
  });

  it("deactivates someone: their session and token end at once, they cannot sign in, their cases are listed", async () => {
    const person = await buildAgent(world, slug, "agent");
    const kase = ok(
      await admin.api.post<CaseDetail>(`${API}/cases`, {
        workspace: slug,
        subject: "Left behind by a leaver",
        ownerId: person.userId,
      }),
      201,
    );
    const login = await anonymous("POST", `${API}/auth/login`, {
      email: person.email,
      password: PASSWORD,
    });
    const cookie = login.cookies.find((c) => c.name === "baton_session")?.value ?? "";
    const withSession = () =>
      world.app.inject({
        method: "GET",
        url: `${API}/auth/session`,
        cookies: { baton_session: cookie },
      });
    expect((await withSession()).statusCode).toBe(200);
    const before = await personIn(person.userId);
    const done = ok(
      await admin.api.post<Deactivated>(
        `${API}/workspaces/${slug}/people/${person.userId}/deactivate`,
        { version: before?.version },
      ),
    );
    expect(done.person.active).toBe(false);
    expect(done.openCases).toEqual([
      { number: kase.number, subject: "Left behind by a leaver", workspace: slug, role: "owner" },
    ]);
    expect((await withSession()).statusCode).toBe(401);
    expect((await person.api.get(`${API}/auth/session`)).status).toBe(401);
    const relogin = await anonymous("POST", `${API}/auth/login`, {
      email: person.email,
      password: PASSWORD,
    });
    expect(relogin.statusCode).toBe(401);
    expect(relogin.json().code).toBe("invalid_credentials");
    expect(await auditOf(person.userId)).toContain("user.deactivated");
    // The workspace's audit page says it in words, with the person's name.
    const audit = ok(
      await admin.api.get<{ items: { action: string; summary: string }[] }>(
        `${API}/workspaces/${slug}/audit`,
      ),
    );
    expect(audit.items.find((i) => i.action === "user.deactivated")?.summary).toMatch(
      /^Test agent \S+ deactivated: 1 session and 1 API token ended, 1 open case to hand off$/,
    );

    ok(
      await admin.api.post(`${API}/workspaces/${slug}/people/${person.userId}/reactivate`, {
        version: done.person.version,
      }),
    );
    const back = await anonymous("POST", `${API}/auth/login`, {
      email: person.email,
      password: PASSWORD,
    });
    expect(back.statusCode).toBe(200);
    // Reactivation does not bring the old token back.
    expect((await person.api.get(`${API}/auth/session`)).status).toBe(401);
  });

  it("never leaves a workspace without an admin", async () => {
    const solo = (await buildWorkspace(world)).slug;
    const only = await buildAgent(world, solo, "admin");
    const me = ok(await only.api.get<PeopleList>(`${API}/workspaces/${solo}/people`)).people[0];
    const base = `${API}/workspaces/${solo}/people/${only.userId}`;
    const demote = await only.api.put(`${base}/role`, { role: "agent", version: me?.version });
    expect(demote.status).toBe(409);
    expect((await only.api.post(`${base}/remove`, { version: me?.version })).status).toBe(409);
    expect((await only.api.post(`${base}/deactivate`, { version: me?.version })).status).toBe(409);
    // With a second admin, the first may step down.
    const second = await buildAgent(world, solo, "admin");
    ok(await only.api.put(`${base}/role`, { role: "agent", version: me?.version }));
    const now = ok(await second.api.get<PeopleList>(`${API}/workspaces/${solo}/people`));
    expect(now.people.find((p) => p.id === only.userId)?.role).toBe("agent");
  });

  it("keeps each workspace's people to its own admins", async () => {
    const shared = await buildAgent(world, slug, "agent");
    await buildAgent(world, otherSlug, "agent", { email: shared.email });
    const agent = await buildAgent(world, slug, "agent");
    const target = await personIn(shared.userId);
    expect((await agent.api.get(`${API}/workspaces/${slug}/people`)).status).toBe(403);
    expect((await otherAdmin.api.get(`${API}/workspaces/${slug}/people`)).status).toBe(404);
    const outsider = await otherAdmin.api.put(
      `${API}/workspaces/${slug}/people/${agent.userId}/role`,
      { role: "admin", version: 1 },
    );
    expect(outsider.status).toBe(404);
    // Also in another workspace: deactivating is not this admin's call, removing from here is.
    const deactivate = await admin.api.post(
      `${API}/workspaces/${slug}/people/${shared.userId}/deactivate`,
      { version: target?.version },
    );
    expect(deactivate.status).toBe(403);
    expect(deactivate.body.code).toBe("member_elsewhere");
    const removedAnswer = ok(
      await admin.api.post<Removed>(`${API}/workspaces/${slug}/people/${shared.userId}/remove`, {
        version: target?.version,
      }),
    );
    expect(removedAnswer.openCases).toEqual([]);
    const rows = await world.database.db
      .select()
      .from(memberships)
      .where(eq(memberships.userId, shared.userId));
    expect(rows.map((r) => r.workspaceId)).toHaveLength(1);
    ok(await shared.api.get(`${API}/auth/session`));
    expect(await auditOf(shared.userId)).toContain("membership.removed");
  });

  it("invites, lists, changes, deactivates, reactivates and removes from the command line", async () => {
    const config = world.app.baton.config;
    const email = `cli.${Date.now()}@rhein.example`;
    const invited = (await runOperation(
      world.database,
      "user-invite",
      { workspace: slug, email, role: "agent" },
      config,
    )) as InvitationSent;
    expect(invited.link).toMatch(/\/invite\//);
    const accepted = await anonymous("POST", `${API}/invitations/${tokenOf(invited.link)}/accept`, {
      name: "Cli Person",
      password: STRONG,
    });
    expect(accepted.statusCode).toBe(200);
    await runOperation(
      world.database,
      "user-role",
      { workspace: slug, email, role: "triage" },
      config,
    );
    const listed = (await runOperation(
      world.database,
      "user-list",
      { workspace: slug },
      config,
    )) as PeopleList;
    expect(listed.people.find((p) => p.email === email)?.role).toBe("triage");
    const off = (await runOperation(
      world.database,
      "user-deactivate",
      { email },
      config,
    )) as Deactivated;
    expect(off.person.active).toBe(false);
    const signIn = await anonymous("POST", `${API}/auth/login`, { email, password: STRONG });
    expect(signIn.statusCode).toBe(401);
    const [audit] = await world.database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.subjectId, off.person.id), eq(auditEvents.action, "user.deactivated")),
      );
    // The operator is no one.
    expect(audit?.actorId).toBeNull();

    // Reactivated, they sign in again; removed, they lose this workspace, and the case they
    // still own here is listed for hand-off.
    const back = (await runOperation(
      world.database,
      "user-reactivate",
      { email },
      config,
    )) as PersonView;
    expect(back.active).toBe(true);
    const again = await anonymous("POST", `${API}/auth/login`, { email, password: STRONG });
    expect(again.statusCode).toBe(200);
    const kase = ok(
      await admin.api.post<CaseDetail>(`${API}/cases`, {
        workspace: slug,
        subject: "Held by someone leaving the team",
        ownerId: off.person.id,
      }),
      201,
    );
    const removed = (await runOperation(
      world.database,
      "user-remove",
      { workspace: slug, email },
      config,
    )) as Removed;
    expect(removed.openCases).toEqual([
      {
        number: kase.number,
        subject: "Held by someone leaving the team",
        workspace: slug,
        role: "owner",
      },
    ]);
    expect((await people()).people.map((p) => p.email)).not.toContain(email);
    expect(await auditOf(off.person.id)).toEqual(
      expect.arrayContaining(["user.reactivated", "membership.removed"]),
    );
    const client0 = client(world.app);
    expect((await client0.get<Problem>(`${API}/workspaces/${slug}/people`)).status).toBe(401);
  });
});
