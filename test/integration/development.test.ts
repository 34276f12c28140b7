import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signTrackerBody } from "../../src/auth/tracker-signature.ts";
import { deliveries, notifications } from "../../src/db/schema.ts";
import type { CaseDetail, Page, TimelineItem } from "../../src/http/routes/case-schemas.ts";
import { databaseKinds } from "../support/db.ts";
import { ok } from "../support/ok.ts";
import {
  buildAgent,
  buildWorkspace,
  type Problem,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";
import { filled, kindOf } from "./transfer-scenarios/helpers.ts";

// Issue 14, development both ways (S2.5): a case reaches development through triage; the
// customer's support owner stays with it; development's stages show on the case, reach the owner
// and, where the policy says, the customer; the owner's updates reach development; the team's
// tracker posts stages back through a signed webhook.

const API = "/api/v1";
type Refusal = Problem & { errors?: { field: string }[] };

describe.each(databaseKinds)("development, both ways (%s)", (kind) => {
  let world: World;
  let ws: Awaited<ReturnType<typeof buildWorkspace>>;
  let other: Awaited<ReturnType<typeof buildWorkspace>>;
  let consultant: TestAgent;
  let triage: TestAgent;
  let developer: TestAgent;
  let admin: TestAgent;
  let otherAdmin: TestAgent;
  let contact: { id: string; email: string };
  let customerId: string;

  beforeAll(async () => {
    world = await startWorld(kind);
    ws = await buildWorkspace(world, "ps-escalation");
    other = await buildWorkspace(world, "ps-escalation");
    consultant = await buildAgent(world, ws.slug, "agent", {
      name: "Cora Consultant",
      queues: ["professional-services"],
    });
    triage = await buildAgent(world, ws.slug, "triage", {
      name: "Tariq Triage",
      queues: ["triage"],
    });
    developer = await buildAgent(world, ws.slug, "agent", {
      name: "Dev Eloper",
      queues: ["development"],
    });
    admin = await buildAgent(world, ws.slug, "admin");
    otherAdmin = await buildAgent(world, other.slug, "admin");
    const email = `dana-${randomBytes(3).toString("hex")}@nw.example`;
    const customer = ok(
      await admin.api.post<{ id: string; contacts: { id: string }[] }>(
        `${API}/workspaces/${ws.slug}/customers`,
        {
          name: "Northwind",
          timeZone: "America/Chicago",
          language: "en",
          contacts: [{ name: "Dana Lee", email }],
        },
      ),
      201,
    );
    customerId = customer.id;
    contact = { id: customer.contacts[0]?.id ?? "", email };
  });
  afterAll(() => world.dispose());

  const getCase = async (who: TestAgent, n: number) =>
    ok(await who.api.get<CaseDetail>(`${API}/cases/${n}`));
  const inbox = (who: TestAgent) =>
    world.database.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, who.userId), eq(notifications.kind, "development_update")),
      );
  const customerMail = (n: number) =>
    world.database.db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.caseNumber, n), eq(deliveries.topic, "development_update")));

  /**
   * A consultant's case, through triage into development, as seed 002 has it; `owned` opens it
   * owned by the consultant (no secondary owner), and `triageTakes` has triage take it on the way.
   */
  async function inDevelopment(
    how: { owned?: boolean; triageTakes?: boolean } = {},
  ): Promise<number> {
    const c = ok(
      await consultant.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject: `Export drops the last row ${randomBytes(2).toString("hex")}`,
        customerId,
        contactId: contact.id,
        queue: "support-l1",
        ...(how.owned ? { ownerId: consultant.userId } : { secondaryOwnerId: consultant.userId }),
        product: "reporting",
        stepsToReproduce: "1. Export 120 rows\n2. Count them",
      }),
      201,
    );
    ok(
      await consultant.api.post(`${API}/cases/${c.number}/transfers`, {
        version: c.version,
        kind: "to-triage",
        target: { queue: "triage" },
        reason: "product-defect",
        fields: { expected_result: "120 rows", actual_result: "119 rows" },
      }),
      201,
    );
    let atTriage = await getCase(triage, c.number);
    if (how.triageTakes)
      atTriage = ok(
        await triage.api.patch<CaseDetail>(`${API}/cases/${c.number}`, {
          version: atTriage.version,
          ownerId: triage.userId,
        }),
      );
    const handOn = ok<{ id: string; version: number }>(
      await triage.api.post(`${API}/cases/${c.number}/transfers`, {
        version: atTriage.version,
        kind: "triage-to-development",
        target: { queue: "development" },
        reason: "confirmed-defect",
        fields: filled(kindOf(ws.policy, "triage-to-development"), {
          steps_to_reproduce: atTriage.stepsToReproduce,
          product: "reporting",
        }),
      }),
      201,
    );
    ok(
      await triage.api.post(`${API}/transfers/${handOn.id}/steps/customer_notified`, {
        version: handOn.version,
        how: "email",
      }),
    );
    return c.number;
  }

  it("keeps the customer's owner while development works, and moves through the policy's stages", async () => {
    const before = (await inbox(consultant)).length;
    const n = await inDevelopment();
    const seen = await getCase(consultant, n);
    expect(seen.queue).toBe("development");
    expect(seen.development).toMatchObject({
      stage: { code: "received", name: "Received by development" },
      supportOwner: { id: consultant.userId },
      active: true,
      maySetStage: false,
    });
    expect(await inbox(consultant)).toHaveLength(before + 1);
    const dev = (await getCase(triage, n)).development;
    expect(dev?.maySetStage).toBe(true);

    // Only development moves it; an unknown stage or a stale version is refused, storing nothing.
    expect(
      (
        await consultant.api.post(`${API}/cases/${n}/development`, {
          version: dev?.version,
          stage: "released",
        })
      ).status,
    ).toBe(403);
    const unknown = await triage.api.post<Refusal>(`${API}/cases/${n}/development`, {
      version: dev?.version,
      stage: "shipped",
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors?.[0]?.field).toBe("stage");
    const moved = ok<{ stage: string; version: number }>(
      await triage.api.post(`${API}/cases/${n}/development`, {
        version: dev?.version,
        stage: "fix_in_progress",
        note: "Off-by-one in the CSV pager; fix in review.",
      }),
    );
    expect(moved.stage).toBe("fix_in_progress");
    expect(
      (
        await triage.api.post(`${API}/cases/${n}/development`, {
          version: dev?.version,
          stage: "fix_ready",
        })
      ).status,
    ).toBe(409);

    // The owner sees it on the case and is told; the customer gets the stage's sentence.
    const after = await getCase(consultant, n);
    expect(after.development?.stage.code).toBe("fix_in_progress");
    expect(await inbox(consultant)).toHaveLength(before + 2);
    const mail = await customerMail(n);
    expect(mail.map((m) => m.recipient)).toEqual([contact.email]);
    expect(mail[0]?.body).toContain("Our developers found the cause and are working on a fix.");
    expect(mail[0]?.body).toContain("Cora Consultant stays your contact");
    const timeline = ok(
      await consultant.api.get<Page<TimelineItem>>(`${API}/cases/${n}/timeline`),
    ).items;
    expect(timeline.some((i) => i.body.includes("Received by development → Fix in progress"))).toBe(
      true,
    );

    // A stage the policy keeps internal tells the owner but not the customer; the change may
    // link the tracker issue, which must be a web address.
    const issue = `https://tracker.example.com/issues/${randomBytes(3).toString("hex")}`;
    const badLink = await triage.api.post<Refusal>(`${API}/cases/${n}/development`, {
      version: moved.version,
      stage: "investigating",
      trackerUrl: "ftp://tracker.example.com/1",
    });
    expect(badLink.status).toBe(400);
    expect(badLink.body.errors?.[0]?.field).toBe("trackerUrl");
    ok(
      await triage.api.post(`${API}/cases/${n}/development`, {
        version: moved.version,
        stage: "investigating",
        trackerUrl: issue,
      }),
    );
    expect((await getCase(consultant, n)).trackerUrl).toBe(issue);
    expect(await customerMail(n)).toHaveLength(1);
    expect(await inbox(consultant)).toHaveLength(before + 3);
  });

  it("keeps the owner from before triage, not the triage engineer who held it on the way", async () => {
    const n = await inDevelopment({ owned: true, triageTakes: true });
    const seen = await getCase(consultant, n);
    expect(seen.queue).toBe("development");
    expect(seen.development?.supportOwner?.id).toBe(consultant.userId);
  });

  it("tells development when the customer's owner writes, and not when development does", async () => {
    const n = await inDevelopment();
    const before = (await inbox(developer)).length;
    ok(
      await consultant.api.post(`${API}/cases/${n}/notes`, {
        body: "The customer found it also happens with 60 rows.",
        visibility: "private",
      }),
      201,
    );
    const told = await inbox(developer);
    expect(told).toHaveLength(before + 1);
    expect(told.at(-1)?.title).toContain(`The customer's owner wrote on case ${n}`);
    ok(
      await developer.api.post(`${API}/cases/${n}/notes`, {
        body: "Looking at it.",
        visibility: "private",
      }),
      201,
    );
    expect(await inbox(developer)).toHaveLength(before + 1);
  });

  it("tells the developer holding the case, else the development queue, whoever else holds it", async () => {
    const colleague = await buildAgent(world, ws.slug, "agent", {
      name: "Devi Second",
      queues: ["development"],
    });
    const write = async (n: number, body: string) =>
      ok(
        await consultant.api.post(`${API}/cases/${n}/notes`, { body, visibility: "private" }),
        201,
      );
    const hold = async (n: number, ownerId: string) => {
      const c = await getCase(triage, n);
      ok(await triage.api.patch<CaseDetail>(`${API}/cases/${n}`, { version: c.version, ownerId }));
    };
    const counts = async () => ({
      developer: (await inbox(developer)).length,
      colleague: (await inbox(colleague)).length,
      triage: (await inbox(triage)).length,
    });

    // A triage engineer holding it is not development: the development queue hears.
    const n = await inDevelopment();
    await hold(n, triage.userId);
    let before = await counts();
    await write(n, "Also happens with 60 rows.");
    expect(await counts()).toEqual({
      developer: before.developer + 1,
      colleague: before.colleague + 1,
      triage: before.triage,
    });

    // A developer holding it hears alone.
    await hold(n, developer.userId);
    before = await counts();
    await write(n, "The customer can test a build on Friday.");
    expect(await counts()).toEqual({ ...before, developer: before.developer + 1 });

    // The customer's owner holding it themselves still reaches development.
    await hold(n, consultant.userId);
    before = await counts();
    await write(n, "Customer asks for an estimate.");
    expect(await counts()).toEqual({
      developer: before.developer + 1,
      colleague: before.colleague + 1,
      triage: before.triage,
    });
  });

  it("takes the tracker's signed status webhook: once, by case number or tracker link, refusing bad signatures", async () => {
    const n = await inDevelopment();
    const hook = ok<{ configured: boolean; path: string }>(
      await admin.api.get(`${API}/workspaces/${ws.slug}/tracker-hook`),
    );
    expect(hook).toMatchObject({ configured: false, path: `/api/v1/hooks/tracker/${ws.slug}` });
    expect(
      (await consultant.api.post(`${API}/workspaces/${ws.slug}/tracker-hook/secret`)).status,
    ).toBe(403);
    const { secret } = ok<{ secret: string }>(
      await admin.api.post(`${API}/workspaces/${ws.slug}/tracker-hook/secret`),
      201,
    );
    const post = (
      body: object,
      opts: { id?: string; at?: number; key?: string; slug?: string } = {},
    ) => {
      const text = JSON.stringify(body);
      const id = opts.id ?? `msg_${randomBytes(6).toString("hex")}`;
      const ts = String(opts.at ?? Math.floor(Date.now() / 1000));
      return world.app.inject({
        method: "POST",
        url: `${API}/hooks/tracker/${opts.slug ?? ws.slug}`,
        headers: {
          "content-type": "application/json",
          "webhook-id": id,
          "webhook-timestamp": ts,
          "webhook-signature": `v1,${signTrackerBody(opts.key ?? secret, id, ts, text)}`,
        },
        payload: text,
      });
    };
    const first = await post(
      { case: n, stage: "fix_ready", note: "Merged in PR 812" },
      { id: "msg_same" },
    );
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ case: n, stage: "fix_ready", replayed: false });
    const again = await post(
      { case: n, stage: "fix_ready", note: "Merged in PR 812" },
      { id: "msg_same" },
    );
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ case: n, stage: "fix_ready", replayed: true });
    expect((await customerMail(n)).filter((m) => m.subject.includes("Fix ready"))).toHaveLength(1);
    expect((await getCase(consultant, n)).development?.stage.code).toBe("fix_ready");
    // The tracker retrying while its first try is still in flight: both answered, applied once.
    const both = await Promise.all([
      post({ case: n, stage: "investigating" }, { id: "msg_twice" }),
      post({ case: n, stage: "investigating" }, { id: "msg_twice" }),
    ]);
    expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(both.map((r) => r.json().replayed).sort()).toEqual([false, true]);
    const timeline = ok(
      await consultant.api.get<Page<TimelineItem>>(`${API}/cases/${n}/timeline`),
    ).items;
    expect(timeline.filter((i) => i.body.includes("→ Investigating (the tracker)"))).toHaveLength(
      1,
    );

    // By the tracker issue the case links to.
    const c = await getCase(consultant, n);
    const bad = await consultant.api.patch<Refusal>(`${API}/cases/${n}`, {
      version: c.version,
      trackerUrl: "javascript:alert(1)",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.field).toBe("trackerUrl");
    const issue = `https://tracker.example.com/issues/${randomBytes(3).toString("hex")}`;
    ok(await consultant.api.patch(`${API}/cases/${n}`, { version: c.version, trackerUrl: issue }));
    expect((await getCase(consultant, n)).trackerUrl).toBe(issue);
    const byLink = await post({ trackerUrl: issue, stage: "released" });
    expect(byLink.statusCode).toBe(200);
    expect(byLink.json()).toMatchObject({ case: n, stage: "released" });
    // By number, with the issue's address: the case links to it.
    const moved = `${issue}-moved`;
    expect((await post({ case: n, stage: "released", trackerUrl: moved })).statusCode).toBe(200);
    expect((await getCase(consultant, n)).trackerUrl).toBe(moved);
    expect((await post({ trackerUrl: moved, stage: "released" })).statusCode).toBe(200);

    // Refused: a wrong key, an old timestamp, no signature, a stage the policy lacks.
    expect((await post({ case: n, stage: "released" }, { key: "whsec_wrong" })).statusCode).toBe(
      401,
    );
    expect(
      (await post({ case: n, stage: "released" }, { at: Math.floor(Date.now() / 1000) - 3600 }))
        .statusCode,
    ).toBe(401);
    const unsigned = await world.app.inject({
      method: "POST",
      url: `${API}/hooks/tracker/${ws.slug}`,
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ case: n, stage: "released" }),
    });
    expect(unsigned.statusCode).toBe(401);
    const stage = await post({ case: n, stage: "shipped" }, { id: "msg_fixed_later" });
    expect(stage.statusCode).toBe(422);
    expect(stage.json().errors[0].field).toBe("stage");
    // A refused webhook does not use up its id: the tracker's corrected retry applies.
    const retried = await post({ case: n, stage: "fix_ready" }, { id: "msg_fixed_later" });
    expect(retried.json()).toMatchObject({ stage: "fix_ready", replayed: false });
    const nameless = await post({ stage: "released" });
    expect(nameless.statusCode).toBe(400);
    expect(nameless.json().errors[0].field).toBe("case");
    // Another workspace's tracker cannot reach this workspace's case: it is not found there.
    const { secret: otherSecret } = ok<{ secret: string }>(
      await otherAdmin.api.post(`${API}/workspaces/${other.slug}/tracker-hook/secret`),
      201,
    );
    const elsewhere = await post(
      { case: n, stage: "released" },
      { key: otherSecret, slug: other.slug },
    );
    expect(elsewhere.statusCode).toBe(404);
    // An unknown workspace answers as a bad signature does.
    expect(
      (await post({ case: n, stage: "released" }, { slug: "no-such-workspace" })).statusCode,
    ).toBe(401);
    expect((await getCase(consultant, n)).development?.stage.code).toBe("fix_ready");
  });
});
