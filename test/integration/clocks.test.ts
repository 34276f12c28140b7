import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fireClockAlarms } from "../../src/commands/clocks/fireClockAlarms.ts";
import {
  activities,
  auditEvents,
  caseClockAlarms,
  cases,
  deliveries,
  notifications,
} from "../../src/db/schema.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import { startTimers } from "../../src/jobs/timers.ts";
import { presets } from "../../src/presets/index.ts";
import { databaseKinds } from "../support/db.ts";
import { log } from "../support/deliveries.ts";
import { ok } from "../support/ok.ts";
import {
  buildAgent,
  buildWorkspace,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// Issue 12: the clocks move with the work, and their alarms fire once, on time, from any process.

const MIN = 60_000;
const policy = {
  ...presets["regional-cse"],
  sla: {
    targets: [
      {
        severity: "critical",
        firstResponseMinutes: 60,
        nextUpdateMinutes: 120,
        resolutionMinutes: 1440,
      },
    ],
    calendar: "24x7",
    warnBeforeMinutes: 15,
    idleLimitMinutes: 600,
    breachRoles: ["shift_lead"],
  },
};

const clock = (c: CaseDetail, name: string) => {
  const found = c.sla.clocks.find((k) => k.clock === name);
  if (!found) throw new Error(`no ${name} clock`);
  return found;
};
const at = (iso: string | null | undefined) => Date.parse(iso ?? "");

describe.each(databaseKinds)("SLA clocks (%s)", (kind) => {
  let world: World;
  let ws: { id: string; slug: string };
  let agent: TestAgent;
  let lead: TestAgent;

  beforeAll(async () => {
    world = await startWorld(kind);
    ws = await buildWorkspace(world, "regional-cse", policy);
    agent = await buildAgent(world, ws.slug, "agent", { name: "Ana Owner" });
    lead = await buildAgent(world, ws.slug, "shift_lead", { name: "Lee Lead" });
  });
  afterAll(() => world.dispose());

  async function openCase(subject: string) {
    const made = ok(
      await agent.api.post<CaseDetail>("/api/v1/cases", {
        workspace: ws.slug,
        subject,
        severity: "critical",
        ownerId: agent.userId,
      }),
      201,
    );
    const [row] = await world.database.db
      .select({ id: cases.id })
      .from(cases)
      .where(eq(cases.number, made.number));
    return { ...made, id: row!.id };
  }
  const read = async (n: number) => ok(await agent.api.get<CaseDetail>(`/api/v1/cases/${n}`), 200);

  it("starts every clock with the case, and a public reply meets the first response and sets the next update", async () => {
    const c = await openCase("Cluster down");
    const opened = at(c.createdAt);
    expect(at(clock(c, "first_response").dueAt)).toBe(opened + 60 * MIN);
    expect(at(clock(c, "next_update").dueAt)).toBe(opened + 120 * MIN);
    expect(at(clock(c, "resolution").dueAt)).toBe(opened + 1440 * MIN);
    expect(at(clock(c, "idle").dueAt)).toBe(opened + 600 * MIN);
    expect(at(c.sla.dueAt)).toBe(opened + 60 * MIN);
    expect(c.sla.calendar).toBe("around the clock");
    expect(clock(c, "first_response").state).toBe("running");

    // A private note moves only the idle clock.
    ok(
      await agent.api.post(`/api/v1/cases/${c.number}/notes`, {
        body: "Looking",
        visibility: "private",
      }),
      201,
    );
    const noted = await read(c.number);
    expect(clock(noted, "first_response").state).toBe("running");
    expect(at(noted.sla.idleSince)).toBeGreaterThanOrEqual(opened);
    expect(noted.version).toBe(c.version);

    ok(
      await agent.api.post(`/api/v1/cases/${c.number}/notes`, {
        body: "We are on it.",
        visibility: "public",
      }),
      201,
    );
    const replied = await read(c.number);
    const first = clock(replied, "first_response");
    expect(first.state).toBe("met");
    const metAt = at(first.metAt);
    expect(at(clock(replied, "next_update").dueAt)).toBe(metAt + 120 * MIN);
    expect(at(replied.sla.dueAt)).toBe(metAt + 120 * MIN);
    // Notes leave the case's version alone, so nobody's open edit turns into a conflict.
    expect(replied.version).toBe(c.version);
    // Each change of a clock is in the audit, in words.
    const audit = await agent.api.get<{ items: { action: string; summary: string }[] }>(
      `/api/v1/cases/${c.number}/audit`,
    );
    const moved = audit.body.items.filter((e) => e.action === "case.clocks_moved");
    expect(moved).toHaveLength(1);
    expect(moved[0]?.summary).toMatch(/^Clocks moved \(public reply\): /);
    expect(moved[0]?.summary).toContain("first response met");
    expect(moved[0]?.summary).toMatch(/next update due \d+ \w+ \d{4} \d\d:\d\d UTC/);
  });

  it("pauses while waiting on the customer and moves the deadlines on by the pause", async () => {
    const c = await openCase("Waiting for logs");
    const due = at(clock(c, "first_response").dueAt);
    const waiting = ok(
      await agent.api.patch<CaseDetail>(`/api/v1/cases/${c.number}`, {
        version: c.version,
        status: "awaiting_customer",
      }),
      200,
    );
    const paused = await read(c.number);
    expect(paused.sla.paused).toBe(true);
    expect(paused.sla.dueAt).toBeNull();
    expect(clock(paused, "first_response").state).toBe("paused");
    // The pause began 45 minutes ago.
    await world.database.db
      .update(cases)
      .set({ slaPausedAt: sql`sla_paused_at - interval '45 minutes'` })
      .where(eq(cases.id, c.id));
    ok(
      await agent.api.patch(`/api/v1/cases/${c.number}`, {
        version: waiting.version,
        status: "active",
      }),
      200,
    );
    const resumed = await read(c.number);
    expect(resumed.sla.paused).toBe(false);
    const shifted = at(clock(resumed, "first_response").dueAt) - due;
    expect(shifted).toBeGreaterThanOrEqual(45 * MIN);
    expect(shifted).toBeLessThan(46 * MIN);
    // A change of severity recomputes the targets with the pause kept: there and back again
    // lands on the same deadlines.
    const high = ok(
      await agent.api.patch<CaseDetail>(`/api/v1/cases/${c.number}`, {
        version: resumed.version,
        severity: "high",
      }),
      200,
    );
    expect(clock(await read(c.number), "first_response").dueAt).not.toBe(
      clock(resumed, "first_response").dueAt,
    );
    ok(
      await agent.api.patch(`/api/v1/cases/${c.number}`, {
        version: high.version,
        severity: "critical",
      }),
      200,
    );
    const back = await read(c.number);
    for (const name of ["first_response", "next_update", "resolution"] as const)
      expect(clock(back, name).dueAt).toBe(clock(resumed, name).dueAt);
  });

  it("warns before and raises at the breach, once each, however many processes look", async () => {
    const c = await openCase("Payments failing");
    const opened = at(c.createdAt);
    const db = world.database.db;
    // Nothing is due before the warning time (45 minutes in).
    expect(await fireClockAlarms(db, new Date(opened + 44 * MIN))).toMatchObject({
      warned: 0,
      breached: 0,
    });
    const runs = await Promise.all(
      [0, 1, 2].map(() => fireClockAlarms(db, new Date(opened + 46 * MIN))),
    );
    expect(runs.reduce((n, r) => n + r.warned, 0)).toBe(1);
    const afterBreach = await Promise.all(
      [0, 1, 2].map(() => fireClockAlarms(db, new Date(opened + 61 * MIN))),
    );
    expect(afterBreach.reduce((n, r) => n + r.breached, 0)).toBe(1);

    const fired = await db
      .select({
        clock: caseClockAlarms.clock,
        kind: caseClockAlarms.kind,
        told: caseClockAlarms.told,
      })
      .from(caseClockAlarms)
      .where(eq(caseClockAlarms.caseId, c.id))
      .orderBy(caseClockAlarms.id);
    expect(fired).toEqual([
      { clock: "first_response", kind: "warning", told: true },
      { clock: "first_response", kind: "breach", told: true },
    ]);
    const notes = await db
      .select({ body: activities.body, mentions: activities.mentions })
      .from(activities)
      .where(and(eq(activities.caseId, c.id), sql`${activities.data}->>'event' like 'case.sla_%'`))
      .orderBy(activities.id);
    expect(notes[0]?.body).toMatch(
      /^The first response to the customer is due .*: 15 minutes left\. Owner: Ana Owner\.$/,
    );
    expect(notes[0]?.mentions).toEqual([agent.userId]);
    expect(notes[1]?.body).toMatch(
      /was due .* and has not happened\. Owner: Ana Owner\. Raised to Lee Lead \(/,
    );
    expect(notes[1]?.mentions).toEqual([agent.userId, lead.userId]);
    // Told in-app and by email: the owner twice (warning, breach), the shift lead once.
    const told = await db
      .select({ userId: notifications.userId, title: notifications.title })
      .from(notifications)
      .where(and(eq(notifications.caseId, c.id), eq(notifications.kind, "clock_alert")));
    expect(told.filter((n) => n.userId === agent.userId).map((n) => n.title.split(":")[0])).toEqual(
      expect.arrayContaining(["Warning", "Breached"]),
    );
    expect(told.filter((n) => n.userId === lead.userId)).toHaveLength(1);
    const mails = await db
      .select({ recipient: deliveries.recipient, event: deliveries.event })
      .from(deliveries)
      .where(and(eq(deliveries.caseId, c.id), eq(deliveries.topic, "clock_alert")));
    expect(mails.map((m) => `${m.event}:${m.recipient}`).sort()).toEqual(
      [
        `case.sla_breached:${agent.email}`,
        `case.sla_breached:${lead.email}`,
        `case.sla_warning:${agent.email}`,
      ].sort(),
    );
    const events = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.caseId, c.id), sql`${auditEvents.action} like 'case.sla_%'`));
    expect(events.map((e) => e.action).sort()).toEqual(["case.sla_breached", "case.sla_warning"]);
  });

  it("answered in time, a clock never breaches", async () => {
    const c = await openCase("Answered quickly");
    ok(
      await agent.api.post(`/api/v1/cases/${c.number}/notes`, {
        body: "Hello",
        visibility: "public",
      }),
      201,
    );
    const r = await fireClockAlarms(world.database.db, new Date(at(c.createdAt) + 61 * MIN));
    const fired = await world.database.db
      .select({ clock: caseClockAlarms.clock })
      .from(caseClockAlarms)
      .where(eq(caseClockAlarms.caseId, c.id));
    expect(fired).toEqual([]);
    expect(r.breached).toBe(0);
  });

  it("lists the soonest deadline first, page by page, cases without running clocks last", async () => {
    const other = await buildWorkspace(world, "regional-cse", policy);
    const me = await buildAgent(world, other.slug, "agent");
    const made: number[] = [];
    for (const severity of ["normal", "critical", "high", "critical", "low"]) {
      const c = ok(
        await me.api.post<CaseDetail>("/api/v1/cases", {
          workspace: other.slug,
          subject: `Due ${severity}`,
          severity,
          ownerId: me.userId,
        }),
        201,
      );
      made.push(c.number);
    }
    // One waits on the customer: its clocks stop, so it sorts last.
    const paused = ok(await me.api.get<CaseDetail>(`/api/v1/cases/${made[1]}`), 200);
    ok(
      await me.api.patch(`/api/v1/cases/${paused.number}`, {
        version: paused.version,
        status: "awaiting_customer",
      }),
      200,
    );
    type ListPage = { items: CaseDetail[]; nextCursor: string | null };
    const seen: { number: number; due: string | null }[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `workspace=${other.slug}&sort=due&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page: ListPage = ok(await me.api.get<ListPage>(`/api/v1/cases?${q}`), 200);
      seen.push(...page.items.map((i) => ({ number: i.number, due: i.due.dueAt })));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    const dues = seen.map((x) => x.due);
    expect(dues.at(-1)).toBeNull();
    const running = dues.filter((d): d is string => d !== null).map(Date.parse);
    expect(running).toEqual([...running].sort((x, y) => x - y));
    expect(seen.at(-1)?.number).toBe(made[1]);
    // A cursor of one order is refused by the other, naming the field.
    const first: ListPage = ok(
      await me.api.get<ListPage>(`/api/v1/cases?workspace=${other.slug}&sort=due&limit=2`),
      200,
    );
    const wrong = await me.api.get<{ detail: string }>(
      `/api/v1/cases?workspace=${other.slug}&cursor=${first.nextCursor}`,
    );
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain("cursor");
  });

  it("raises an alarm from the pg-boss schedule with every page closed", async () => {
    const c = await openCase("Nobody is looking");
    // The first response came due a minute ago.
    await world.database.db
      .update(cases)
      .set({
        firstResponseDueAt: sql`now() - interval '1 minute'`,
        slaAlarmAt: sql`now() - interval '1 minute'`,
      })
      .where(eq(cases.id, c.id));
    const timers = await startTimers({
      database: world.database,
      log,
      cron: "* * * * * *",
      cronCheckSeconds: 1,
    });
    try {
      await expect
        .poll(
          async () =>
            (
              await world.database.db
                .select({ kind: caseClockAlarms.kind })
                .from(caseClockAlarms)
                .where(eq(caseClockAlarms.caseId, c.id))
            ).map((r) => r.kind),
          { timeout: 45_000, interval: 500 },
        )
        .toContain("breach");
    } finally {
      await timers.stop();
    }
  }, 60_000);
});
