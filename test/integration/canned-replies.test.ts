import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, cannedReplies } from "../../src/db/schema.ts";
import { isUniqueViolation } from "../../src/db/unique.ts";
import {
  type CannedReply,
  type CannedReplyList,
  cannedReply,
  cannedReplyList,
  type FilledCannedReplies,
  filledCannedReplies,
} from "../../src/http/routes/canned-reply-schemas.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import { databaseKinds } from "../support/db.ts";
import { ok } from "../support/ok.ts";
import { strictly } from "../support/strict-schema.ts";
import {
  buildAgent,
  buildWorkspace,
  client,
  type Problem,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// Issue 17: canned replies for the note composer. The workspace's are worded by its admins, each
// person keeps their own; a reply used on a case comes back with the case's facts filled in.

const API = "/api/v1";

describe.each(databaseKinds)("canned replies (%s)", (kind) => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world.dispose());

  async function setup() {
    const ws = await buildWorkspace(world, "helpdesk-transfer");
    const admin = await buildAgent(world, ws.slug, "admin", { name: "Ada Admin" });
    const ana = await buildAgent(world, ws.slug, "agent", { name: "Ana Agent" });
    const bo = await buildAgent(world, ws.slug, "agent", { name: "Bo Colleague" });
    const customer = ok(
      await ana.api.post<{ id: string; contacts: { id: string }[] }>(
        `${API}/workspaces/${ws.slug}/customers`,
        {
          name: "Globex",
          timeZone: "Europe/Berlin",
          language: "en",
          contacts: [{ name: "Priya Raman" }],
        },
      ),
      201,
    );
    const withContact = ok(
      await ana.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject: "Nightly export fails",
        ownerId: bo.userId,
        customerId: customer.id,
        contactId: customer.contacts[0]?.id,
      }),
      201,
    );
    const bare = ok(
      await ana.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject: "Login page is slow",
        customerId: customer.id,
      }),
      201,
    );
    return { ws, admin, ana, bo, withContact, bare };
  }

  const list = (who: TestAgent, slug: string) =>
    who.api.get<CannedReplyList>(`${API}/workspaces/${slug}/canned-replies`);
  const create = (who: TestAgent, slug: string, body: Record<string, unknown>) =>
    who.api.post<CannedReply & Problem>(`${API}/workspaces/${slug}/canned-replies`, body);
  const rowsIn = (workspaceId: string) =>
    world.database.db
      .select()
      .from(cannedReplies)
      .where(eq(cannedReplies.workspaceId, workspaceId));

  it("creates, lists, fills, changes and deletes replies; a colleague's own stay theirs", async () => {
    const { ws, admin, ana, bo, withContact, bare } = await setup();
    const greeting = ok(
      await create(admin, ws.slug, {
        scope: "workspace",
        title: "Greeting",
        body: "Hello {{contactName}},\n\nabout case {{caseNumber}} ({{caseSubject}}) for {{customerName}}:\n\n{{ myName }}, for {{ownerName}}",
      }),
      201,
    );
    expect(greeting).toMatchObject({ scope: "workspace", title: "Greeting", version: 1 });
    const mine = ok(
      await create(ana, ws.slug, {
        scope: "personal",
        title: "Ana's sign-off",
        body: "Cheers, {{myName}}",
      }),
      201,
    );
    ok(await create(bo, ws.slug, { scope: "personal", title: "Bo's own", body: "Bo here" }), 201);

    // Ana sees the workspace's and her own, by title, and may edit only her own.
    const anaList = ok(await list(ana, ws.slug));
    expect(anaList.items.map((r) => [r.title, r.scope, r.mayEdit])).toEqual([
      ["Ana's sign-off", "personal", true],
      ["Greeting", "workspace", false],
    ]);
    expect(anaList.placeholders.map((p) => p.name)).toEqual([
      "caseNumber",
      "caseSubject",
      "customerName",
      "contactName",
      "ownerName",
      "myName",
    ]);
    // The admin sees the workspace's (which they may edit) and none of the agents' own.
    expect(ok(await list(admin, ws.slug)).items.map((r) => [r.title, r.mayEdit])).toEqual([
      ["Greeting", true],
    ]);

    // Filled for a case with the caller as {{myName}}; what the case lacks is empty.
    const filled = ok(
      await ana.api.get<FilledCannedReplies>(`${API}/cases/${withContact.number}/canned-replies`),
    );
    expect(filled.items.map((r) => r.title)).toEqual(["Ana's sign-off", "Greeting"]);
    expect(filled.items[1]?.body).toBe(
      `Hello Priya Raman,\n\nabout case ${withContact.number} (Nightly export fails) for Globex:\n\nAna Agent, for Bo Colleague`,
    );
    expect(filled.items[0]?.body).toBe("Cheers, Ana Agent");
    const bareFilled = ok(
      await ana.api.get<FilledCannedReplies>(`${API}/cases/${bare.number}/canned-replies`),
    );
    expect(bareFilled.items[1]?.body).toBe(
      `Hello ,\n\nabout case ${bare.number} (Login page is slow) for Globex:\n\nAna Agent, for${
        bare.owner ? ` ${bare.owner.name}` : ""
      }`,
    );

    // Ana changes her own; the version moves on, and the stale one is refused with the new one.
    const renamed = ok(
      await ana.api.patch<CannedReply>(`${API}/canned-replies/${mine.id}`, {
        version: 1,
        title: "Sign-off",
      }),
    );
    expect(renamed).toMatchObject({ title: "Sign-off", body: "Cheers, {{myName}}", version: 2 });
    const stale = await ana.api.patch(`${API}/canned-replies/${mine.id}`, {
      version: 1,
      body: "Bye",
    });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    const staleDelete = await ana.api.delete(`${API}/canned-replies/${mine.id}?version=1`);
    expect(staleDelete.status).toBe(409);

    // Her colleague cannot see, change or delete it: to them it does not exist.
    const boPatch = await bo.api.patch(`${API}/canned-replies/${mine.id}`, {
      version: 2,
      body: "Mine now",
    });
    expect(boPatch.status).toBe(404);
    expect((await admin.api.delete(`${API}/canned-replies/${mine.id}?version=2`)).status).toBe(404);
    // An agent may not change the workspace's.
    const agentEdit = await ana.api.patch(`${API}/canned-replies/${greeting.id}`, {
      version: 1,
      body: "Hi",
    });
    expect(agentEdit.status).toBe(403);

    expect((await ana.api.delete(`${API}/canned-replies/${mine.id}?version=2`)).status).toBe(204);
    expect(ok(await list(ana, ws.slug)).items.map((r) => r.title)).toEqual(["Greeting"]);
    expect((await rowsIn(ws.id)).map((r) => r.title).sort()).toEqual(["Bo's own", "Greeting"]);
  });

  it("answers exactly what the route schemas (the web app's types) name", async () => {
    const { ws, admin, ana, withContact } = await setup();
    const conforms = (schema: Parameters<typeof strictly>[0], value: unknown) => {
      const result = strictly(schema).safeParse(value);
      expect(result.success ? [] : result.error.issues).toEqual([]);
    };
    conforms(
      cannedReply,
      ok(await create(admin, ws.slug, { scope: "workspace", title: "A", body: "{{myName}}" }), 201),
    );
    const own = ok(await create(ana, ws.slug, { scope: "personal", title: "B", body: "b" }), 201);
    conforms(cannedReply, own);
    conforms(
      cannedReply,
      ok(await ana.api.patch(`${API}/canned-replies/${own.id}`, { version: 1, body: "c" })),
    );
    conforms(cannedReplyList, ok(await list(ana, ws.slug)));
    conforms(
      filledCannedReplies,
      ok(await ana.api.get(`${API}/cases/${withContact.number}/canned-replies`)),
    );
  });

  it("lets an admin, not an agent, keep workspace-wide replies, and audits their changes", async () => {
    const { ws, admin, ana } = await setup();
    const refused = await create(ana, ws.slug, { scope: "workspace", title: "Ours", body: "Hi" });
    expect(refused.status).toBe(403);
    expect(await rowsIn(ws.id)).toEqual([]);

    const made = ok(
      await create(admin, ws.slug, {
        scope: "workspace",
        title: "Ours",
        body: "Hi {{contactName}}",
      }),
      201,
    );
    const changed = ok(
      await admin.api.patch<CannedReply>(`${API}/canned-replies/${made.id}`, {
        version: 1,
        body: "Hello {{contactName}}",
      }),
    );
    expect(changed.version).toBe(2);
    expect((await admin.api.delete(`${API}/canned-replies/${made.id}?version=2`)).status).toBe(204);

    const audit = await world.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, ws.id), eq(auditEvents.subjectId, made.id)))
      .orderBy(auditEvents.id);
    expect(audit.map((a) => [a.action, a.actorId, a.subjectType])).toEqual([
      ["canned_reply.created", admin.userId, "canned_reply"],
      ["canned_reply.updated", admin.userId, "canned_reply"],
      ["canned_reply.deleted", admin.userId, "canned_reply"],
    ]);
    expect(audit[1]?.data).toMatchObject({
      scope: "workspace",
      title: "Ours",
      version: 2,
      body: "Hello {{contactName}}",
      changed: ["body"],
    });
    // The admins' audit trail says it in words.
    const trail = ok(
      await admin.api.get<{ items: { action: string; summary: string }[] }>(
        `${API}/workspaces/${ws.slug}/audit`,
      ),
    );
    expect(trail.items.find((i) => i.action === "canned_reply.updated")?.summary).toBe(
      'Workspace canned reply "Ours" changed',
    );
  });

  it("refuses a duplicate title in its scope, an unknown placeholder and bad input, storing nothing", async () => {
    const { ws, admin, ana, bo } = await setup();
    ok(await create(admin, ws.slug, { scope: "workspace", title: "Greeting", body: "Hi" }), 201);
    const mine = ok(
      await create(ana, ws.slug, { scope: "personal", title: "Thanks", body: "Thanks!" }),
      201,
    );
    const before = await rowsIn(ws.id);

    // Same title in the same scope, whatever its case: 409 naming the title.
    const dup = await create(admin, ws.slug, { scope: "workspace", title: "greeting ", body: "x" });
    expect(dup.status).toBe(409);
    expect(dup.body.errors?.map((e) => e.field)).toEqual(["title"]);
    const dupMine = await create(ana, ws.slug, { scope: "personal", title: "THANKS", body: "x" });
    expect(dupMine.status).toBe(409);
    // Renaming onto a taken title is refused too.
    const second = ok(
      await create(ana, ws.slug, { scope: "personal", title: "Other", body: "x" }),
      201,
    );
    const rename = await ana.api.patch(`${API}/canned-replies/${second.id}`, {
      version: 1,
      title: "thanks",
    });
    expect(rename.status).toBe(409);
    expect(rename.body.errors?.map((e) => e.field)).toEqual(["title"]);
    await ana.api.delete(`${API}/canned-replies/${second.id}?version=1`);
    // Other scopes are other namespaces: a personal "Greeting", and Bo's own "Thanks".
    ok(await create(ana, ws.slug, { scope: "personal", title: "Greeting", body: "Hi" }), 201);
    ok(await create(bo, ws.slug, { scope: "personal", title: "Thanks", body: "Ta" }), 201);
    // Two saving the same title at once both pass the check; the index refuses the second, and
    // the refusal is recognised as such on either driver (a rename answers 409, not 500).
    const same = { workspaceId: ws.id, ownerId: null, title: "GREETING", body: "x" };
    const raced = await world.database.db
      .insert(cannedReplies)
      .values(same)
      .then(() => null)
      .catch((error: unknown) => error);
    expect(isUniqueViolation(raced)).toBe(true);
    expect(isUniqueViolation(new Error("something else"))).toBe(false);
    const kept = await rowsIn(ws.id);
    expect(kept).toHaveLength(before.length + 2);

    // An unknown placeholder names the body and the ones it knows.
    const unknown = await create(ana, ws.slug, {
      scope: "personal",
      title: "Bad",
      body: "Hi {{kundenName}}",
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.map((e) => e.field)).toEqual(["body"]);
    expect(unknown.body.detail).toMatch(/\{\{kundenName\}\}.*\{\{caseNumber\}\}.*\{\{myName\}\}/);
    const unknownPatch = await ana.api.patch(`${API}/canned-replies/${mine.id}`, {
      version: 1,
      body: "{{caseNumber}} {{nope}}",
    });
    expect(unknownPatch.status).toBe(400);
    expect(unknownPatch.body.errors?.map((e) => e.field)).toEqual(["body"]);

    for (const [body, field] of [
      [{ scope: "team", title: "T", body: "B" }, "scope"],
      [{ scope: "personal", title: "  ", body: "B" }, "title"],
      [{ scope: "personal", title: "Two\nlines", body: "B" }, "title"],
      [{ scope: "personal", title: "T", body: "" }, "body"],
      [{ scope: "personal", title: "T" }, "body"],
      [{ scope: "personal", title: "T", body: "B", extra: 1 }, "extra"],
    ] as const) {
      const r = await create(ana, ws.slug, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.errors?.map((e) => e.field)).toEqual([field]);
      expect(r.body.detail).not.toMatch(/Invalid input|expected/);
    }
    expect(await rowsIn(ws.id)).toEqual(kept);
    expect((await rowsIn(ws.id)).find((r) => r.id === mine.id)?.version).toBe(1);
  });

  it("keeps strangers to the workspace out with 404", async () => {
    const { ws, admin, withContact } = await setup();
    const made = ok(
      await create(admin, ws.slug, { scope: "workspace", title: "Ours", body: "Hi" }),
      201,
    );
    const other = await buildWorkspace(world, "helpdesk-transfer");
    const stranger = await buildAgent(world, other.slug, "admin");
    expect((await list(stranger, ws.slug)).status).toBe(404);
    expect(
      (await create(stranger, ws.slug, { scope: "personal", title: "X", body: "Y" })).status,
    ).toBe(404);
    expect(
      (await stranger.api.patch(`${API}/canned-replies/${made.id}`, { version: 1, body: "Z" }))
        .status,
    ).toBe(404);
    expect((await stranger.api.delete(`${API}/canned-replies/${made.id}?version=1`)).status).toBe(
      404,
    );
    expect(
      (await stranger.api.get(`${API}/cases/${withContact.number}/canned-replies`)).status,
    ).toBe(404);
    // Not signed in at all: 401.
    expect(
      (await client(world.app).get(`${API}/workspaces/${ws.slug}/canned-replies`)).status,
    ).toBe(401);
    expect((await rowsIn(ws.id)).map((r) => r.body)).toEqual(["Hi"]);
  });
});
