import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operatorActor } from "../../src/auth/actor.ts";
import { readHandoffAnalytics } from "../../src/commands/analytics/readHandoffAnalytics.ts";
import { transfers, workspaces } from "../../src/db/schema.ts";
import { generateHistory } from "../../src/demo/history.ts";
import { seedDemo } from "../../src/demo/seed.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/db.ts";

// Issue 18: the demo's and `baton generate-history`'s handoff history, played through Baton's own
// commands and moved back in time, read back through the analytics the dashboard reads.

const NOW = new Date("2026-11-30T00:00:00Z");
const RANGE = { from: "2026-09-01", to: "2026-11-30" };

describe.each(databaseKinds)("handoff history (%s)", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDemo(database.db);
  }, 120_000);
  afterAll(async () => {
    await database?.dispose();
  });

  const read = async (slug: string) => {
    const all = await database.db
      .select({ id: workspaces.id, slug: workspaces.slug })
      .from(workspaces);
    return readHandoffAnalytics(database.db, operatorActor(all), slug, RANGE, NOW);
  };

  it("gives the demo's follow-the-sun and shift-lead workspaces handoffs the analytics show at once", async () => {
    for (const slug of ["follow-the-sun", "shift-lead"]) {
      const demo = await readHandoffAnalytics(
        database.db,
        operatorActor(
          await database.db.select({ id: workspaces.id, slug: workspaces.slug }).from(workspaces),
        ),
        slug,
        {},
      );
      expect(demo.transfers.totals.total, slug).toBeGreaterThan(0);
      expect(demo.scores.overall.scored, slug).toBeGreaterThan(0);
    }
  });

  it("plays weeks of history with every outcome, scores that explain themselves, misses, bounces and reopens", async () => {
    const fts = await generateHistory(database.db, {
      workspaceSlug: "follow-the-sun",
      weeks: 6,
      casesPerWeek: 3,
      now: NOW,
    });
    const cse = await generateHistory(database.db, {
      workspaceSlug: "regional-cse",
      weeks: 6,
      casesPerWeek: 5,
      now: NOW,
    });
    expect(fts.transfers).toBeGreaterThan(10);
    expect(cse.transfers).toBeGreaterThan(10);

    const sun = await read("follow-the-sun");
    expect(sun.followTheSun.handedOver.length).toBeGreaterThan(1);
    const missed = sun.followTheSun.missed.reduce((s, m) => s + m.missed, 0);
    expect(missed).toBeGreaterThan(0);
    // Spread over the weeks, not all on one day.
    expect(sun.transfers.byWeek.length).toBeGreaterThanOrEqual(4);

    const regional = await read("regional-cse");
    const t = regional.transfers.totals;
    expect(t.completed).toBeGreaterThan(0);
    expect(t.declined + t.rejected + t.withdrawn + t.expired).toBeGreaterThan(0);
    expect(regional.transfers.byWeek.length).toBeGreaterThanOrEqual(4);
    // Approval of the first kind with an approval step waits for hours (the demo's stall).
    const stalled = regional.steps.byKind
      .find((k) => k.kind === "within-region")
      ?.steps.find((s) => s.step === "approval");
    expect(stalled?.medianMinutes ?? 0).toBeGreaterThan(300);

    const lowest = [...sun.lowest, ...regional.lowest];
    expect(lowest.some((l) => l.score < 100)).toBe(true);
    const lost = new Set(
      lowest.flatMap((l) => l.criteria.filter((c) => c.points < c.max).map((c) => c.criterion)),
    );
    expect(lost.size).toBeGreaterThanOrEqual(2);
    for (const l of lowest) for (const c of l.criteria) expect(c.reason.length).toBeGreaterThan(0);

    const facts = await database.db.execute(sql`
      SELECT count(*) FILTER (WHERE bounced_back)::int AS bounced,
        count(*) FILTER (WHERE reopened)::int AS reopened FROM handoff_facts`);
    const row = (facts as unknown as { rows: { bounced: number; reopened: number }[] }).rows[0];
    expect(row?.bounced).toBeGreaterThan(0);
    expect(row?.reopened).toBeGreaterThan(0);

    // Nothing the history wrote stands in the future, and nothing was left to mail.
    const future = await database.db.execute(sql`
      SELECT count(*)::int AS n FROM transfers WHERE created_at > now() OR completed_at > now()`);
    expect((future as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
    const mail = await database.db.execute(sql`SELECT count(*)::int AS n FROM deliveries d
      JOIN transfers t ON t.case_id = d.case_id WHERE d.state = 'queued'`);
    expect((mail as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
  }, 240_000);

  it("plays the same history for the same seed", async () => {
    const shape = async (db: TestDatabase["db"]) => {
      const [ws] = await db
        .select()
        .from(workspaces)
        .where(eq(workspaces.slug, "helpdesk-transfer"));
      return db
        .select({ kind: transfers.kind, state: transfers.state, at: transfers.createdAt })
        .from(transfers)
        .where(eq(transfers.workspaceId, ws?.id ?? ""))
        .orderBy(transfers.createdAt);
    };
    const other = await openTestDatabase("pglite");
    try {
      await seedDemo(other.db);
      for (const db of [database.db, other.db])
        await generateHistory(db, {
          workspaceSlug: "helpdesk-transfer",
          weeks: 2,
          casesPerWeek: 3,
          seed: 7,
          now: NOW,
        });
      const mine = await shape(database.db);
      expect(mine.length).toBeGreaterThan(2);
      const theirs = await shape(other.db);
      const rounded = (rows: typeof mine) =>
        rows.map((r) => ({ ...r, at: Math.round(r.at.getTime() / 60_000) }));
      expect(rounded(theirs)).toEqual(rounded(mine));
    } finally {
      await other.dispose();
    }
  }, 240_000);
});
