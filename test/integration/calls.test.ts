import { and, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flagMissedCalls } from "../../src/commands/calls/flagMissedCalls.ts";
import { remindCalls } from "../../src/commands/calls/remindCalls.ts";
import { auditEvents, caseCalls, cases, deliveries, notifications } from "../../src/db/schema.ts";
import type {
  CallItemAnswer,
  CaseCallListAnswer,
  MyCallListAnswer,
} from "../../src/http/routes/call-schemas.ts";
import type { CaseDetail, TimelineItem } from "../../src/http/routes/case-schemas.ts";
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

// Issue 13, S4.3: "Attend all customer calls on time": calls scheduled on a case, reminded
// before, flagged missed after, listed per agent's own day and in their calendar feed.

const MINUTE = 60_000;
const API = "/api/v1";

describe.each(databaseKinds)("scheduled calls (%s)", (kind) => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world.dispose());

  async function setup() {
    const ws = await buildWorkspace(world, "shift-lead");
    const lead = await buildAgent(world, ws.slug, "shift_lead", {
      name: "Mubeen Lead",
      timeZone: "Europe/London",
    });
    const ana = await buildAgent(world, ws.slug, "agent", {
      name: "Ana Agent",
      timeZone: "Asia/Kolkata",
    });
    const other = await buildAgent(world, ws.slug, "agent", { name: "Olu Other" });
    const customer = ok(
      await ana.api.post<{ id: string; contacts: { id: string }[] }>(
        `${API}/workspaces/${ws.slug}/customers`,
        {
          name: "Globex",
          timeZone: "Europe/Berlin",
          language: "en",
          contacts: [{ name: "Priya Raman", timeZone: "America/New_York" }],
        },
      ),
      201,
    );
    const kase = ok(
      await ana.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject: "Nightly export fails",
        ownerId: ana.userId,
        customerId: customer.id,
        contactId: customer.contacts[0]?.id,
      }),
      201,
    );
    const [row] = await world.database.db
      .select({ id: cases.id })
      .from(cases)
      .where(eq(cases.number, kase.number));
    return { ws, lead, ana, other, kase: { ...kase, id: row?.id ?? "" } };
  }

  const schedule = (a: TestAgent, n: number, body: Record<string, unknown>) =>
    a.api.post<CallItemAnswer & Problem>(`${API}/cases/${n}/scheduled-calls`, body);
  const act = (
    a: TestAgent,
    ws: { slug: string },
    c: { id: string; version: number },
    action: "reschedule" | "cancel" | "held",
    body: Record<string, unknown> = {},
  ) =>
    a.api.post<CallItemAnswer & Problem>(`${API}/workspaces/${ws.slug}/calls/${c.id}/${action}`, {
      version: c.version,
      ...body,
    });
  const inAMinute = (minutes: number) => new Date(Date.now() + minutes * MINUTE).toISOString();
  const inbox = (who: TestAgent, kind: string) =>
    world.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, who.userId), eq(notifications.kind, kind)));
  const callRows = (id: string) =>
    world.database.db.select().from(caseCalls).where(eq(caseCalls.caseId, id));

  it("schedules, reschedules, cancels and logs a call as held, refusing bad input and stale versions", async () => {
    const { ws, lead, ana, other, kase } = await setup();
    const n = kase.number;
    const base = { durationMinutes: 30, attendee: "Priya Raman" };

    // Refusals name the field, in Baton's words, and store nothing.
    const past = await schedule(ana, n, { ...base, startsAt: inAMinute(-30) });
    expect(past.status).toBe(422);
    expect(past.body.errors?.map((e) => e.field)).toEqual(["startsAt"]);
    expect(past.body.detail).toMatch(/^startsAt: a call is scheduled ahead of now/);
    for (const [body, field] of [
      [{ ...base, startsAt: inAMinute(60), attendee: " " }, "attendee"],
      [{ ...base, startsAt: inAMinute(60), link: "ftp://files.example.com" }, "link"],
      [{ ...base, startsAt: inAMinute(60), durationMinutes: 2 }, "durationMinutes"],
      [{ ...base, startsAt: "tomorrow at nine" }, "startsAt"],
    ] as const) {
      const refused = await schedule(ana, n, body);
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.map((e) => e.field)).toContain(field);
    }
    expect(await callRows(kase.id)).toEqual([]);

    const call = ok(
      await schedule(ana, n, {
        ...base,
        startsAt: inAMinute(120),
        link: "https://meet.example.com/globex",
        agenda: "Walk through the export logs",
      }),
      201,
    );
    expect(call).toMatchObject({
      state: "scheduled",
      version: 1,
      runner: { id: ana.userId, name: "Ana Agent" },
      scheduledBy: { id: ana.userId },
      zones: { customer: "America/New_York", agent: "Asia/Kolkata" },
      actions: { reschedule: true, cancel: true, hold: true },
    });
    expect(Date.parse(call.endsAt) - Date.parse(call.startsAt)).toBe(30 * MINUTE);
    // A colleague not on the call sees it but may not change it; the lead may.
    const seen = ok(await other.api.get<CaseCallListAnswer>(`${API}/cases/${n}/scheduled-calls`));
    expect(seen.items[0]?.actions).toEqual({ reschedule: false, cancel: false, hold: false });
    expect((await act(other, ws, call, "cancel")).status).toBe(403);

    // Moving it: only on the version seen, and never into the past.
    const stale = await act(ana, ws, { ...call, version: 9 }, "reschedule", {
      startsAt: inAMinute(180),
    });
    expect(stale.status).toBe(409);
    const backwards = await act(ana, ws, call, "reschedule", { startsAt: inAMinute(-5) });
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors?.map((e) => e.field)).toEqual(["startsAt"]);
    const moved = ok(await act(ana, ws, call, "reschedule", { startsAt: inAMinute(180) }));
    expect(moved.version).toBe(2);
    expect(Date.parse(moved.startsAt)).toBeGreaterThan(Date.parse(call.startsAt));

    // Held, by the lead: the call entry joins the timeline as any logged call does.
    expect((await act(lead, ws, call, "held")).status).toBe(409);
    const held = ok(await act(lead, ws, moved, "held", { body: "Export fixed with the patch" }));
    expect(held).toMatchObject({ state: "held", version: 3 });
    expect((await act(ana, ws, held, "cancel")).status).toBe(409);
    const timeline = ok(await ana.api.get<{ items: TimelineItem[] }>(`${API}/cases/${n}/timeline`));
    const logged = timeline.items.find((i) => i.kind === "call");
    expect(logged?.body).toBe("Export fixed with the patch");
    expect(String(logged?.id)).toBe(String(held.heldActivityId));

    const second = ok(await schedule(ana, n, { ...base, startsAt: inAMinute(300) }), 201);
    const cancelled = ok(await act(ana, ws, second, "cancel"));
    expect(cancelled.state).toBe("cancelled");

    const audit = await world.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.caseId, kase.id));
    expect(audit.map((a) => a.action).filter((a) => a.startsWith("call."))).toEqual([
      "call.scheduled",
      "call.rescheduled",
      "call.held",
      "call.scheduled",
      "call.cancelled",
    ]);
    expect(audit.map((a) => a.action)).toContain("case.call_logged");
  });

  it("reminds the runner once, even when two sweeps run at once", async () => {
    const { ana, kase } = await setup();
    const call = ok(
      await schedule(ana, kase.number, {
        startsAt: inAMinute(10),
        durationMinutes: 15,
        attendee: "Priya Raman",
      }),
      201,
    );
    const db = world.database.db;
    const now = new Date();
    // Other tests' calls share the database, so count this case's reminders, not the sweeps'.
    await Promise.all([remindCalls(db, now), remindCalls(db, now)]);
    await remindCalls(db, new Date(now.getTime() + MINUTE));
    const reminders = await inbox(ana, "call_reminder");
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.title).toBe(`Call soon: case ${kase.number} — Nightly export fails`);
    expect(reminders[0]?.body).toMatch(/GMT\+5:30, .* EST for them \(15 min\)/);
    const mails = await db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.caseId, kase.id), eq(deliveries.topic, "call_alert")));
    expect(mails.map((m) => m.recipient)).toEqual([ana.email]);
    const [row] = await callRows(kase.id);
    expect(row?.remindedAt).not.toBeNull();
    // A reminder changes nothing the people saw: the version they hold still works.
    expect(row?.version).toBe(call.version);
  });

  it("flags a call nobody logged as missed, once, telling the runner, owner and shift lead", async () => {
    const { ws, lead, ana, other, kase } = await setup();
    const call = ok(
      await schedule(ana, kase.number, {
        startsAt: inAMinute(5),
        durationMinutes: 20,
        attendee: "Priya Raman",
      }),
      201,
    );
    const db = world.database.db;
    // Not before its end and the shift-lead preset's 10 minutes of grace.
    await flagMissedCalls(db, new Date(Date.now() + 30 * MINUTE));
    expect((await callRows(kase.id))[0]?.state).toBe("scheduled");
    const late = new Date(Date.now() + 40 * MINUTE);
    await Promise.all([flagMissedCalls(db, late), flagMissedCalls(db, late)]);
    await flagMissedCalls(db, late);
    expect((await inbox(ana, "call_missed")).map((n) => n.title)).toEqual([
      `Call missed: case ${kase.number} — Nightly export fails`,
    ]);
    expect(await inbox(lead, "call_missed")).toHaveLength(1);
    expect(await inbox(other, "call_missed")).toHaveLength(0);
    const timeline = ok(
      await ana.api.get<{ items: TimelineItem[] }>(`${API}/cases/${kase.number}/timeline`),
    );
    expect(
      timeline.items.filter((i) => /was not logged as held: missed/.test(i.body)),
    ).toHaveLength(1);
    const list = ok(
      await ana.api.get<CaseCallListAnswer>(`${API}/cases/${kase.number}/scheduled-calls`),
    );
    const missed = list.items[0];
    expect(missed).toMatchObject({ state: "missed", version: call.version + 1 });
    expect(missed?.actions).toEqual({ reschedule: false, cancel: false, hold: true });
    // It did happen after all: logged late as held.
    expect(ok(await act(ana, ws, missed ?? call, "held")).state).toBe("held");
  });

  it("lists my calls on my own calendar day, and puts them in my calendar feed", async () => {
    const { ws, ana, kase } = await setup();
    const zone = "Asia/Kolkata";
    // 00:30 three days ahead in Kolkata is the evening before in UTC: it belongs to Kolkata's day.
    const day = DateTime.now().setZone(zone).plus({ days: 3 }).startOf("day");
    const early = day.plus({ minutes: 30 });
    const soon = DateTime.now().plus({ minutes: 15 });
    for (const at of [early, soon])
      ok(
        await schedule(ana, kase.number, {
          startsAt: at.toUTC().toISO(),
          durationMinutes: 15,
          attendee: "Priya Raman",
        }),
        201,
      );
    const mine = (q: string) =>
      ana.api.get<MyCallListAnswer>(`${API}/workspaces/${ws.slug}/calls${q}`);
    const onDay = ok(await mine(`?day=${day.toISODate()}`));
    expect(onDay).toMatchObject({ day: day.toISODate(), timeZone: zone });
    expect(onDay.items.map((c) => c.startsAt)).toEqual([early.toUTC().toISO()]);
    const dayBefore = ok(await mine(`?day=${day.minus({ days: 1 }).toISODate()}`));
    expect(dayBefore.items).toEqual([]);
    const today = ok(await mine("?day=today"));
    expect(today.day).toBe(DateTime.now().setZone(zone).toISODate());
    const soonIsToday = soon.setZone(zone).hasSame(DateTime.now().setZone(zone), "day");
    expect(today.items.length).toBe(soonIsToday ? 1 : 0);
    expect((await mine("?day=someday")).status).toBe(400);

    const feed = await ana.api.get<string>(
      `${API}/calendar/agent/${ana.userId}.ics?workspace=${ws.slug}`,
    );
    expect(feed.status).toBe(200);
    const text = String(feed.body).replace(/\r\n /g, "");
    expect(text).toContain(
      `SUMMARY:Customer call: #${kase.number} Nightly export fails (Priya Raman)`,
    );
    expect(text.match(/UID:call:/g)).toHaveLength(2);
  });
});
