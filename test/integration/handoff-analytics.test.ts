import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshAnalytics } from "../../src/commands/analytics/refreshAnalytics.ts";
import { activities, cases, transfers } from "../../src/db/schema.ts";
import type { HandoffAnalyticsAnswer } from "../../src/http/routes/analytics-schemas.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import { presets } from "../../src/presets/index.ts";
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

// Issue 18: handoff facts, scores and rollups from real transfers made through the API, moved
// into the past in the test's own database, against figures worked out by hand.

const API = "/api/v1";
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = new Date("2026-03-03T09:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const LATER = at(10 * 24 * HOUR);
const RANGE = "?from=2026-03-01&to=2026-03-14";

describe.each(databaseKinds)("handoff analytics (%s)", (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world.dispose());

  async function history() {
    // Helpdesk: the `transfer` kind gives a case to an agent at once; its template is one
    // optional comment, it has no steps and Baton tells the customer itself.
    // Two handoffs of a case within 72 h count as ping-pong here (the policy's limit is 1).
    const ws = await buildWorkspace(world, "helpdesk-transfer", {
      ...presets["helpdesk-transfer"],
      analytics: { pingPongLimit: 1 },
    });
    const ana = await buildAgent(world, ws.slug, "agent", {
      name: "Ana EMEA",
      region: "EMEA",
      queues: ["l1-support"],
    });
    const ben = await buildAgent(world, ws.slug, "agent", {
      name: "Ben US",
      region: "US",
      queues: ["l2-support"],
    });
    const db = world.database.db;
    const open = async (subject: string) =>
      ok(
        await ana.api.post<CaseDetail>(`${API}/cases`, {
          workspace: ws.slug,
          subject,
          ownerId: ana.userId,
          queue: "l1-support",
        }),
        201,
      );
    const give = async (who: TestAgent, number: number, to: TestAgent, comment: string) => {
      const kase = ok(await who.api.get<CaseDetail>(`${API}/cases/${number}`));
      const made = ok(
        await who.api.post<{ id: string; state: string }>(`${API}/cases/${number}/transfers`, {
          version: kase.version,
          kind: "transfer",
          reason: "other",
          reasonText: "Needs another pair of eyes",
          target: { agentId: to.userId },
          fields: comment ? { comment } : {},
        }),
        201,
      );
      expect(made.state).toBe("completed");
      return made.id;
    };
    /** Puts a transfer at `when`, as if it had been requested and completed then. */
    const backdate = async (id: string, when: Date) => {
      await db
        .update(transfers)
        .set({ createdAt: when, completedAt: when, updatedAt: when })
        .where(eq(transfers.id, id));
    };
    const first = await open("Printer queue stuck");
    const second = await open("Invoice in the wrong currency");
    const t1 = await give(ana, first.number, ben, "Spooler restarted twice; needs L2");
    const t2 = await give(ana, second.number, ben, "");
    await backdate(t1, T0);
    await backdate(t2, T0);
    // Both cases were opened five hours before they changed hands, and nobody worked them since.
    await db
      .update(cases)
      .set({ createdAt: at(-5 * HOUR) })
      .where(inArray(cases.number, [first.number, second.number]));
    return { ws, ana, ben, db, first, second, t1, t2, give, backdate };
  }

  const rows = async (query: ReturnType<typeof sql>) =>
    ((await world.database.db.execute(query)) as unknown as { rows: unknown[] }).rows;
  const facts = async () =>
    rows(
      sql`SELECT f.transfer_id::text, kind, outcome, day::text, from_queue, to_queue,
        from_region, to_region, first_response_minutes, bounced_back, reopened,
        sla_breached_after, score, score_final, k.criteria
        FROM handoff_facts f LEFT JOIN handoff_fact_criteria k USING (transfer_id)
        ORDER BY transfer_id`,
    );
  /** Every rollup, daily and weekly, in key order. */
  const daily = async () => ({
    days: await rows(sql`SELECT * FROM handoff_daily ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`),
    weeks: await rows(sql`SELECT * FROM handoff_weekly ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`),
    steps: await rows(sql`SELECT * FROM handoff_step_weekly ORDER BY 1, 2, 3, 4, 5, 6, 7`),
    sun: await rows(sql`SELECT * FROM handoff_sun_weekly ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9`),
  });

  it("scores each transfer and rolls them up as worked out by hand; incremental equals full", async () => {
    const h = await history();
    // Provisional an hour in: nobody has replied yet, nothing could have bounced.
    await refreshAnalytics(h.db, { now: at(HOUR) });
    const early = await report(h.ana, h.ws.slug, RANGE);
    expect(early.status).toBe(200);
    expect(early.body.lowest.map((l) => [l.score, l.final])).toEqual([
      [85, false],
      [100, false],
    ]);

    // Ben answers the first case's customer 30 minutes after taking it, then gives it back to Ana
    // two hours after he took it: a bounce.
    const note = ok(
      await h.ben.api.post<{ id: number }>(`${API}/cases/${h.first.number}/notes`, {
        body: "We restarted the spooler service; please try again.",
        visibility: "public",
      }),
      201,
    );
    await h.db
      .update(activities)
      .set({ createdAt: at(30 * MINUTE) })
      .where(eq(activities.id, note.id));
    const t3 = await h.give(h.ben, h.first.number, h.ana, "Back to L1: customer's printer driver");
    await h.backdate(t3, at(2 * HOUR));

    const incremental = await refreshAnalytics(h.db, { now: LATER });
    expect(incremental.facts).toBe(3);
    const afterIncremental = { facts: await facts(), daily: await daily() };
    await refreshAnalytics(h.db, { now: LATER, full: true });
    expect({ facts: await facts(), daily: await daily() }).toEqual(afterIncremental);
    // A second run (which reads the last audit rows again, docs/analytics.md) changes nothing.
    await refreshAnalytics(h.db, { now: LATER });
    expect({ facts: await facts(), daily: await daily() }).toEqual(afterIncremental);

    const admin = await buildAgent(world, h.ws.slug, "admin");
    const body = ok(await report(admin, h.ws.slug, RANGE));
    expect(body.scope).toMatchObject({ scope: "workspace" });
    expect(body.transfers.totals).toEqual({
      total: 3,
      completed: 3,
      declined: 0,
      rejected: 0,
      withdrawn: 0,
      expired: 0,
    });
    expect(body.transfers.byRegionPair.map((r) => [r.key, r.completed])).toEqual([
      ["EMEA → US", 2],
      ["US → EMEA", 1],
    ]);
    // Every ISO week the range touches is listed (1 March is a Sunday of W09), the quiet ones
    // at nought.
    expect(body.transfers.byWeek.map((w) => [w.key, w.total])).toEqual([
      ["2026-W09", 0],
      ["2026-W10", 3],
      ["2026-W11", 0],
    ]);
    // t1: template 15 + order 15 + told 20 + reply in 30 min 20 + bounced 0 + not reopened 15 = 85
    // t2: no comment 0 + 15 + 20 + no reply 0 + 15 + 15 = 65
    // t3: 15 + 15 + 20 + Ana never replied 0 + 15 + 15 = 80
    expect(body.lowest.map((l) => [l.score, l.final, l.from, l.to])).toEqual([
      [65, true, "Ana EMEA", "Ben US"],
      [80, true, "Ben US", "Ana EMEA"],
      [85, true, "Ana EMEA", "Ben US"],
    ]);
    expect(body.lowest[0]?.criteria.filter((c) => c.points < c.max).map((c) => c.reason)).toEqual([
      "0 of 1 template fields filled in",
      "receiver did not reply within twice the target of 60 min",
    ]);
    expect(body.lowest[2]?.criteria.find((c) => c.criterion === "noBounce")?.reason).toBe(
      "bounced back to the sender 2 h after the handoff",
    );
    expect(body.scores.overall).toEqual({ key: "all", scored: 3, average: 76.7, bounced: 1 });
    expect(body.scores.byKind).toEqual([{ key: "transfer", scored: 3, average: 76.7, bounced: 1 }]);
    expect(body.steps.overall.find((s) => s.step === "firstResponse")).toEqual({
      step: "firstResponse",
      transfers: 1,
      medianMinutes: 30,
      p90Minutes: 30,
    });
    // S3.5: the idle clock is not reset by a handoff, so each receiver inherited what it showed:
    // five hours for t1 and t2, and for t3 the 90 minutes since Ben's reply.
    const idle = (await rows(
      sql`SELECT transfer_id::text AS id, idle_minutes FROM handoff_facts`,
    )) as {
      id: string;
      idle_minutes: number;
    }[];
    expect(Object.fromEntries(idle.map((r) => [r.id, r.idle_minutes]))).toEqual({
      [t3]: 90,
      [h.t1]: 300,
      [h.t2]: 300,
    });
    expect(body.steps.overall.find((s) => s.step === "idleCarried")).toEqual({
      step: "idleCarried",
      transfers: 3,
      medianMinutes: 300,
      p90Minutes: 300,
    });
    expect(body.pingPong.cases).toEqual([
      {
        caseNumber: h.first.number,
        subject: "Printer queue stuck",
        handoffs: 2,
        lastAt: at(2 * HOUR).toISOString(),
      },
    ]);
    expect(body.pingPong.pairs).toEqual([
      {
        fromId: h.ana.userId,
        from: "Ana EMEA",
        toId: h.ben.userId,
        to: "Ben US",
        transfers: 2,
        bounced: 1,
      },
    ]);
    expect(body.sla.byKind).toEqual([
      { kind: "transfer", handoffs: 3, breachedAfter: 0, notBreached: 3, share: 0 },
    ]);
    // A snapshot each refresh day: an hour in Ben held both cases; by LATER the first is Ana's
    // again. Agents are listed on the range's last snapshot day.
    expect(body.capacity.byQueue).toEqual([
      { day: "2026-03-03", queue: "l1-support", openCases: 2 },
      { day: "2026-03-13", queue: "l1-support", openCases: 2 },
    ]);
    expect(body.capacity.byAgent.map((c) => [c.day, c.name, c.openCases]).sort()).toEqual([
      ["2026-03-13", "Ana EMEA", 1],
      ["2026-03-13", "Ben US", 1],
    ]);

    const csv = await admin.api.get<string>(
      `${API}/workspaces/${h.ws.slug}/analytics/handoffs.csv${RANGE}&table=lowest`,
    );
    expect(csv.status).toBe(200);
    expect(String(csv.body).split("\r\n")[0]).toBe("Case,Subject,Kind,Day,From,To,Score,Final,Why");
    expect(String(csv.body)).toContain(
      `${h.second.number},Invoice in the wrong currency,transfer,2026-03-03,Ana EMEA,Ben US,65,yes`,
    );
  });

  it("works a backlog through in slices, one transaction each, to the figures of one full run", async () => {
    const h = await history();
    const t3 = await h.give(h.ben, h.first.number, h.ana, "Back to L1");
    await h.backdate(t3, at(2 * HOUR));
    const marks = (await rows(sql`SELECT audit_id::int AS id FROM analytics_watermark`)) as {
      id: number;
    }[];
    const from = marks[0]?.id ?? 0;
    const slices: number[] = [];
    const sliced = await refreshAnalytics(h.db, {
      now: LATER,
      auditSlice: 4,
      onProgress: (_step, done) => slices.push(done),
    });
    const [{ audit }] = (await rows(sql`SELECT max(id)::int AS audit FROM audit_events`)) as [
      { audit: number },
    ];
    expect(sliced.auditId).toBe(audit);
    // One transaction per four audit ids read past the watermark.
    expect(audit - from).toBeGreaterThan(8);
    expect(slices.length).toBe(Math.ceil((audit - from) / 4));
    expect(await rows(sql`SELECT * FROM analytics_dirty_days`)).toEqual([]);
    const afterSlices = { facts: await facts(), daily: await daily() };
    expect(afterSlices.facts.length).toBeGreaterThanOrEqual(3);
    await refreshAnalytics(h.db, { now: LATER, full: true });
    expect({ facts: await facts(), daily: await daily() }).toEqual(afterSlices);
  });

  it("answers each person the handoffs they may see, and says which", async () => {
    const h = await history();
    await refreshAnalytics(h.db, { now: LATER });
    const count = async (who: TestAgent) => {
      const body = ok(await report(who, h.ws.slug, RANGE));
      return [body.scope.scope, body.transfers.totals.total];
    };
    const outsider = await buildAgent(world, h.ws.slug, "agent", { queues: ["sales"] });
    const salesLead = await buildAgent(world, h.ws.slug, "shift_lead", { queues: ["sales"] });
    const l1Lead = await buildAgent(world, h.ws.slug, "shift_lead", { queues: ["l1-support"] });
    const supervisor = await buildAgent(world, h.ws.slug, "supervisor");
    expect(await count(h.ana)).toEqual(["own", 2]);
    expect(await count(outsider)).toEqual(["own", 0]);
    expect(await count(salesLead)).toEqual(["team", 0]);
    expect(await count(l1Lead)).toEqual(["team", 2]);
    expect(await count(supervisor)).toEqual(["workspace", 2]);
    const other = await buildWorkspace(world, "helpdesk-transfer");
    const stranger = await buildAgent(world, other.slug, "admin");
    const hidden = await report(stranger, h.ws.slug, RANGE);
    expect(hidden.status).toBe(404);
  });

  it("refuses bad filters with 400 naming the field, storing nothing", async () => {
    const h = await history();
    const bad = async (query: string, field: string, message: string) => {
      const answer = await report(h.ana, h.ws.slug, query);
      expect(answer.status, query).toBe(400);
      expect(answer.body.errors?.[0]).toEqual({ field, message });
    };
    await bad("?queue=nowhere", "querystring.queue", "is not a queue of this workspace");
    await bad("?region=MARS", "querystring.region", "is not a region of this workspace");
    await bad("?kind=teleport", "querystring.kind", "is not a transfer kind of this workspace");
    await bad("?from=2026-02-30", "querystring.from", "is not a date on the calendar");
    await bad("?from=2026-05-01&to=2026-04-01", "from", "must not be after to");
    await bad("?colour=blue", "querystring.colour", "is not a known field");
    const table = await h.ana.api.get(
      `${API}/workspaces/${h.ws.slug}/analytics/handoffs.csv?table=everything`,
    );
    expect(table.status).toBe(400);
    expect(table.body.errors?.[0]?.field).toBe("querystring.table");
  });
});

function report(who: TestAgent, slug: string, query: string) {
  return who.api.get<HandoffAnalyticsAnswer & Problem>(
    `${API}/workspaces/${slug}/analytics/handoffs${query}`,
  );
}
