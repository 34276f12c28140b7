import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshAnalytics } from "../../src/commands/analytics/refreshAnalytics.ts";
import { listMeetings } from "../../src/commands/schedule/listMeetings.ts";
import { raiseMissedHandovers } from "../../src/commands/schedule/raiseMissedHandovers.ts";
import { activities, cases, deliveries, memberships } from "../../src/db/schema.ts";
import type { HandoffAnalyticsAnswer } from "../../src/http/routes/analytics-schemas.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import { sweep } from "../../src/jobs/sweeper.ts";
import { databaseKinds } from "../support/db.ts";
import {
  buildAgent,
  buildWorkspace,
  client,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// Issue 5 through the API, on the follow-the-sun preset: APAC 08:00–17:00 Singapore (00:00–09:00
// UTC), IST 09:30–18:30 Kolkata, EMEA 09:00–18:00 Berlin, US 08:00–17:00 Los Angeles; APAC hands
// over to IST/EMEA at a 16:30 Singapore meeting.

const API = "/api/v1";
// Tuesday 24 November 2026, 15:30 in Singapore: the APAC owner's shift ends in 90 minutes.
const AT = "2026-11-24T07:30:00.000Z";

interface RegionView {
  region: string;
  onDuty: boolean;
  localTime: string;
  changeAt: string | null;
}

type Ws = Awaited<ReturnType<typeof buildWorkspace>>;

interface AgentRow {
  id: string;
  version: number;
  timeZone: string;
  workingHours: Record<string, { start: string; end: string }[]> | null;
  handoverSme: boolean;
}

describe.each(databaseKinds)("follow the sun (%s)", (kind) => {
  let world: World;
  let ws: Ws;
  let owner: TestAgent;
  let emea: TestAgent;
  let ist: TestAgent;
  let sme: TestAgent;
  let caseNumber: number;

  beforeAll(async () => {
    world = await startWorld(kind);
    ws = await buildWorkspace(world, "follow-the-sun");
    owner = await buildAgent(world, ws.slug, "agent", {
      region: "APAC",
      timeZone: "Asia/Singapore",
      skills: ["spark"],
    });
    emea = await buildAgent(world, ws.slug, "agent", {
      name: "Eva Emea",
      region: "EMEA",
      timeZone: "Europe/Berlin",
      skills: ["spark"],
      languages: ["en"],
    });
    ist = await buildAgent(world, ws.slug, "agent", {
      region: "IST",
      timeZone: "Asia/Kolkata",
      skills: ["kafka"],
    });
    sme = await buildAgent(world, ws.slug, "agent", { region: "APAC", timeZone: "Asia/Singapore" });
    await world.database.db
      .update(memberships)
      .set({ handoverSme: true })
      .where(and(eq(memberships.userId, sme.userId), eq(memberships.workspaceId, ws.id)));
    const customer = await owner.api.post<{ id: string }>(
      `${API}/workspaces/${ws.slug}/customers`,
      { name: "Rhein Logistik", timeZone: "Europe/Berlin", language: "de" },
    );
    expect(customer.status).toBe(201);
    const created = await owner.api.post<CaseDetail>(`${API}/cases`, {
      workspace: ws.slug,
      customerId: customer.body.id,
      subject: "Spark jobs fail after the runtime upgrade",
      ownerId: owner.userId,
      queue: "in-depth",
      plan: "premier",
      severity: "A",
      product: "spark",
      is24x7: true,
      nextContactAt: "2026-11-24T10:00:00+01:00",
    });
    expect(created.status).toBe(201);
    caseNumber = created.body.number;
  });
  afterAll(() => world.dispose());

  it("tells which regions are on duty at an instant, in their own local time", async () => {
    const reply = await owner.api.get<{ regions: RegionView[] }>(
      `${API}/regions/on-duty?workspace=${ws.slug}&at=${AT}`,
    );
    expect(reply.status).toBe(200);
    const byCode = new Map(reply.body.regions.map((r) => [r.region, r]));
    expect(byCode.get("APAC")).toMatchObject({
      onDuty: true,
      localTime: "2026-11-24T15:30+08:00",
      changeAt: "2026-11-24T09:00:00.000Z",
    });
    expect(byCode.get("IST")?.onDuty).toBe(true);
    expect(byCode.get("EMEA")).toMatchObject({
      onDuty: false,
      changeAt: "2026-11-24T08:00:00.000Z",
    });
    expect(byCode.get("US")?.onDuty).toBe(false);
    const onShift = await owner.api.get<{ agents: { id: string; until: string | null }[] }>(
      `${API}/regions/on-duty?workspace=${ws.slug}&at=${AT}`,
    );
    const ids = onShift.body.agents.map((a) => a.id);
    expect(ids).toContain(owner.userId);
    expect(ids).toContain(ist.userId);
    expect(ids).not.toContain(emea.userId);
    expect(onShift.body.agents.find((a) => a.id === owner.userId)?.until).toBe(
      "2026-11-24T09:00:00.000Z",
    );
  });

  it("suggests the next holder of a 24x7 case: the paired region with a skilled agent", async () => {
    const reply = await owner.api.get<{
      mode: string;
      handoffAt: string;
      region: { region: string; from: string } | null;
      agents: { agentId: string }[];
      meeting: { start: string } | null;
      nextContact: {
        customer: { time: string };
        viewer: { label: string };
        withinCustomerHours: boolean;
      } | null;
      onDuty: RegionView[];
    }>(`${API}/cases/${caseNumber}/next-holder?at=${AT}&tz=America/New_York`);
    expect(reply.status).toBe(200);
    expect(reply.body.mode).toBe("follow_the_sun");
    expect(reply.body.handoffAt).toBe("2026-11-24T09:00:00.000Z");
    expect(reply.body.region?.region).toBe("EMEA");
    expect(reply.body.agents[0]?.agentId).toBe(emea.userId);
    expect(reply.body.agents.map((a) => a.agentId)).not.toContain(ist.userId);
    expect(reply.body.meeting?.start).toBe("2026-11-24T08:30:00.000Z");
    // 10:00 in Berlin is 04:00 in New York, the viewer's zone asked for.
    expect(reply.body.nextContact?.customer.time).toBe("10:00");
    expect(reply.body.nextContact?.viewer.label).toContain("04:00 (America/New_York");
    expect(reply.body.nextContact?.withinCustomerHours).toBe(true);
    expect(reply.body.onDuty.length).toBe(4);
  });

  it("puts the case on APAC's handoff board with the time left, not before the window", async () => {
    const board = await owner.api.get<{
      endingSoon: { caseNumber: number; minutesLeft: number; next: { region: string } | null }[];
    }>(`${API}/handoff-board?workspace=${ws.slug}&region=APAC&at=${AT}`);
    expect(board.status).toBe(200);
    const item = board.body.endingSoon.find((i) => i.caseNumber === caseNumber);
    expect(item).toMatchObject({ minutesLeft: 90, next: { region: "EMEA" } });
    const early = await owner.api.get<{ endingSoon: { caseNumber: number }[] }>(
      `${API}/handoff-board?workspace=${ws.slug}&region=APAC&at=2026-11-24T05:00:00.000Z`,
    );
    expect(early.body.endingSoon.map((i) => i.caseNumber)).not.toContain(caseNumber);
  });

  it("raises a 24x7 case whose owner's shift ended without a handover (S1.5)", async () => {
    const board = await owner.api.get<{
      escalations: { caseNumber: number; raiseTo: string | null }[];
    }>(`${API}/handoff-board?workspace=${ws.slug}&region=APAC&at=2026-11-24T10:30:00.000Z`);
    const item = board.body.escalations.find((i) => i.caseNumber === caseNumber);
    expect(item?.raiseTo).toBe("supervisor");
  });

  it("the sweeper raises a case left without a handover to the policy's role, once per level", async () => {
    const supervisor = await buildAgent(world, ws.slug, "supervisor", { region: "APAC" });
    const timeline = async () =>
      (
        await owner.api.get<{
          items: { kind: string; body: string; mentions: { id: string }[] }[];
        }>(`${API}/cases/${caseNumber}/timeline`)
      ).body.items.filter((i) => i.body.startsWith("Raised to"));
    // 09:30 UTC: half an hour after the owner's 17:00 Singapore shift end, level 0 (shift lead).
    await sweep(world.database.db, new Date("2026-11-24T09:30:00Z"));
    await sweep(world.database.db, new Date("2026-11-24T09:40:00Z"));
    const first = await timeline();
    expect(first.map((i) => i.body.split(":")[0])).toEqual(["Raised to Technical advisor"]);
    // An hour after the shift end the supervisor's level applies, and is raised once.
    await sweep(world.database.db, new Date("2026-11-24T10:30:00Z"));
    await sweep(world.database.db, new Date("2026-11-24T10:45:00Z"));
    const raised = await timeline();
    expect(raised).toHaveLength(2);
    expect(raised[1]?.body).toMatch(
      /^Raised to Support manager \(.*\): this 24x7 case's owner went off shift at Tue 24 Nov 2026, 17:00/,
    );
    expect(raised[1]?.mentions.map((m) => m.id)).toContain(supervisor.userId);
    // The supervisor is told once, in-app and by email, as an escalation, not a mention (issue 11).
    const told = await supervisor.api.get<{
      items: { kind: string; caseNumber: number; title: string }[];
    }>(`${API}/notifications`);
    expect(
      told.body.items.filter((n) => n.caseNumber === caseNumber).map((n) => [n.kind, n.title]),
    ).toEqual([
      [
        "mention",
        `Case ${caseNumber} needs a handover: escalated to you — Spark jobs fail after the runtime upgrade`,
      ],
    ]);
    const mailed = await world.database.db
      .select({
        recipient: deliveries.recipient,
        topic: deliveries.topic,
        subject: deliveries.subject,
        body: deliveries.body,
      })
      .from(deliveries)
      .where(eq(deliveries.caseNumber, caseNumber));
    const escalation = mailed.find((d) => d.recipient === supervisor.email)!;
    expect(escalation.topic).toBe("handover_escalation");
    expect(escalation.subject).toBe(
      `[Case ${caseNumber}] Needs a handover: escalated to you — Spark jobs fail after the runtime upgrade`,
    );
    expect(escalation.body).toContain(
      `needs a handover: its owner's shift ended without one, so Baton escalated it to you.`,
    );
    expect(escalation.body).toContain("Raised to Support manager");
    expect(mailed.some((d) => d.subject.includes("mentioned you"))).toBe(false);
    const audit = await owner.api.get<{ items: { action: string }[] }>(
      `${API}/cases/${caseNumber}/audit`,
    );
    expect(audit.body.items.filter((e) => e.action === "case.handover_missed")).toHaveLength(2);

    // Issue 18: the analytics count the two raises as one missed handover, by the pair it should
    // have crossed and the pair's meeting nearest the shift end (16:30 Singapore, 08:30 UTC).
    await refreshAnalytics(world.database.db, { now: new Date("2026-11-24T11:00:00Z") });
    const answer = await supervisor.api.get<HandoffAnalyticsAnswer>(
      `${API}/workspaces/${ws.slug}/analytics/handoffs?from=2026-11-23&to=2026-11-29`,
    );
    expect(answer.status).toBe(200);
    const sun = answer.body.followTheSun;
    expect(sun.missed).toEqual([{ region: "APAC", missed: 1 }]);
    expect(sun.pairs).toEqual([
      { fromRegion: "APAC", toRegion: "EMEA", handedOver: 0, missed: 1, missedShare: 1 },
    ]);
    const meetings = await owner.api.get<{
      items: { key: string; title: string; from: string; start: string }[];
    }>(
      `${API}/handover-meetings?workspace=${ws.slug}&from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z`,
    );
    const meeting = meetings.body.items.find((m) => m.from === "APAC");
    expect(meeting?.start).toBe("2026-11-24T08:30:00.000Z");
    expect(sun.meetings).toEqual([
      {
        meeting: meeting?.key.split("/")[0],
        title: meeting?.title,
        fromRegion: "APAC",
        toRegion: "EMEA",
        handedOver: 0,
        missed: 1,
        missedShare: 1,
      },
    ]);
  });

  it("raises a backlog over several sweeps, at most so many each, never one twice", async () => {
    const more: number[] = [];
    for (const subject of ["Kafka lag on the EU cluster", "Delta table vacuum stuck"]) {
      const made = await owner.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject,
        ownerId: owner.userId,
        queue: "in-depth",
        plan: "premier",
        severity: "A",
        product: "spark",
        is24x7: true,
      });
      expect(made.status).toBe(201);
      more.push(made.body.number);
    }
    const at = new Date("2026-11-24T10:50:00Z");
    const raisedOn = async () =>
      (
        await world.database.db
          .select({ number: cases.number })
          .from(activities)
          .innerJoin(cases, eq(cases.id, activities.caseId))
          .where(sql`${activities.data}->>'event' = 'case.handover_missed'`)
      )
        .map((r) => r.number)
        .filter((n) => more.includes(n));
    expect(await raiseMissedHandovers(world.database.db, at, 1)).toBe(1);
    expect(await raisedOn()).toHaveLength(1);
    expect(await raiseMissedHandovers(world.database.db, at, 1)).toBe(1);
    expect((await raisedOn()).sort()).toEqual([...more].sort());
    expect(await raiseMissedHandovers(world.database.db, at, 1)).toBe(0);
  });

  it("lists the pair's meetings with the case on the agenda and who attends", async () => {
    const actor = {
      userId: owner.userId,
      email: owner.email,
      name: "owner",
      memberships: [{ workspaceId: ws.id, workspaceSlug: ws.slug, role: "agent" as const }],
      via: "token" as const,
    };
    const view = await listMeetings(world.database.db, actor, {
      workspace: ws.slug,
      from: new Date("2026-11-24T00:00:00Z"),
      to: new Date("2026-11-25T00:00:00Z"),
      region: "APAC",
      now: new Date(AT),
    });
    const meeting = view.items.find((m) => m.from === "APAC");
    expect(meeting?.start.toISOString()).toBe("2026-11-24T08:30:00.000Z");
    expect(meeting?.agendaKnown).toBe(true);
    const onAgenda = meeting?.cases.find((c) => c.caseNumber === caseNumber);
    expect(onAgenda).toMatchObject({ toRegion: "EMEA", prefixed: false });
    expect(onAgenda?.attendees.map((a) => a.id)).toEqual([owner.userId]);
    // A week ahead the agenda is not known yet.
    const later = await listMeetings(world.database.db, actor, {
      workspace: ws.slug,
      from: new Date("2026-12-01T00:00:00Z"),
      to: new Date("2026-12-02T00:00:00Z"),
      region: "APAC",
      now: new Date(AT),
    });
    expect(later.items[0]?.agendaKnown).toBe(false);
  });

  it("keeps each meeting at its local time across the 2027 DST changes, to the minute", async () => {
    // The US moves its clocks on 14 March 2027, Europe on 28 March: for two weeks the EMEA → US
    // meeting (17:00 Berlin) is at 09:00 in Los Angeles instead of 08:00.
    const reply = await owner.api.get<{
      items: {
        from: string;
        start: string;
        localTimes: { region: string; start: string; date: string }[];
      }[];
    }>(
      `${API}/handover-meetings?workspace=${ws.slug}&region=EMEA&from=2027-03-08T00:00:00Z&to=2027-04-03T00:00:00Z`,
    );
    expect(reply.status).toBe(200);
    const emeaToUs = reply.body.items.filter((m) => m.from === "EMEA");
    const rows = emeaToUs.map((m) => [
      m.localTimes.find((l) => l.region === "EMEA")?.date,
      m.start.slice(11, 16),
      m.localTimes.find((l) => l.region === "EMEA")?.start,
      m.localTimes.find((l) => l.region === "US")?.start,
    ]);
    expect(rows.every(([, , berlin]) => berlin === "17:00")).toBe(true);
    const usTimes = new Map(rows.map(([date, , , la]) => [date, la]));
    expect(usTimes.get("2027-03-12")).toBe("08:00");
    expect(usTimes.get("2027-03-15")).toBe("09:00");
    expect(usTimes.get("2027-03-26")).toBeUndefined(); // Good Friday in Germany
    expect(usTimes.get("2027-03-25")).toBe("09:00");
    expect(usTimes.get("2027-03-30")).toBe("08:00");
    // Weekdays only, one meeting a day, holidays left out (Easter Monday 29 March).
    expect(rows.map(([date]) => date)).toEqual([
      "2027-03-08",
      "2027-03-09",
      "2027-03-10",
      "2027-03-11",
      "2027-03-12",
      "2027-03-15",
      "2027-03-16",
      "2027-03-17",
      "2027-03-18",
      "2027-03-19",
      "2027-03-22",
      "2027-03-23",
      "2027-03-24",
      "2027-03-25",
      "2027-03-30",
      "2027-03-31",
      "2027-04-01",
      "2027-04-02",
    ]);
    expect(rows.find(([date]) => date === "2027-03-12")?.[1]).toBe("16:00");
    expect(rows.find(([date]) => date === "2027-03-30")?.[1]).toBe("15:00");
  });

  it("lists no meeting at the weekend and refuses a range over 400 days or backwards", async () => {
    const weekend = await owner.api.get<{ items: unknown[] }>(
      `${API}/handover-meetings?workspace=${ws.slug}&from=2026-11-28T00:00:00Z&to=2026-11-29T12:00:00Z`,
    );
    expect(weekend.status).toBe(200);
    expect(weekend.body.items).toEqual([]);
    const tooLong = await owner.api.get(
      `${API}/handover-meetings?workspace=${ws.slug}&from=2026-01-01T00:00:00Z&to=2027-03-01T00:00:00Z`,
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.detail).toMatch(/^to:/);
    const backwards = await owner.api.get(
      `${API}/handover-meetings?workspace=${ws.slug}&from=2026-11-25T00:00:00Z&to=2026-11-24T00:00:00Z`,
    );
    expect(backwards.status).toBe(400);
  });

  it("refuses an unknown region and a malformed instant, naming the field", async () => {
    const region = await owner.api.get(`${API}/handoff-board?workspace=${ws.slug}&region=LATAM`);
    expect(region.status).toBe(400);
    expect(region.body.detail).toMatch(/^region:/);
    const at = await owner.api.get(`${API}/regions/on-duty?workspace=${ws.slug}&at=tomorrow`);
    expect(at.status).toBe(400);
    expect(JSON.stringify(at.body)).toContain("at");
    const other = await buildWorkspace(world, "regional-cse");
    const hidden = await owner.api.get(`${API}/regions/on-duty?workspace=${other.slug}`);
    expect(hidden.status).toBe(404);
  });

  it("serves subscribable iCalendar feeds: with a session or token, or with a calendar key", async () => {
    const feed = await owner.api.get<string>(
      `${API}/calendar/region/APAC.ics?workspace=${ws.slug}`,
    );
    expect(feed.status).toBe(200);
    expect(feed.headers["content-type"]).toMatch(/^text\/calendar/);
    const text = String(feed.body);
    expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(text).toContain("X-WR-CALNAME:Handover meetings — Asia Pacific");
    expect(text).toMatch(/DTSTART:\d{8}T083000Z/);
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(text).toContain("X-PUBLISHED-TTL:PT60M\r\n");
    expect(text).toMatch(/\r\nSEQUENCE:\d+\r\n/);

    // Fetched again unchanged, the same ETag answers 304 with no body; a client without it gets
    // the same bytes.
    const etag = String(feed.headers.etag);
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const again = await owner.api.get<string>(
      `${API}/calendar/region/APAC.ics?workspace=${ws.slug}`,
    );
    expect(again.body).toBe(feed.body);
    const unchanged = await world.app.inject({
      method: "GET",
      url: `${API}/calendar/region/APAC.ics?workspace=${ws.slug}`,
      headers: { authorization: `Bearer ${owner.token}`, "if-none-match": `W/${etag}, "other"` },
    });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe("");
    expect(unchanged.headers.etag).toBe(etag);

    // A new policy version may change any meeting: each event's SEQUENCE grows and its
    // LAST-MODIFIED moves, so Outlook and Google replace it, and the old ETag no longer matches.
    const sequences = (feedText: string) =>
      [...feedText.matchAll(/\r\nSEQUENCE:(\d+)\r\n/g)].map((m) => Number(m[1]));
    const modified = (feedText: string) =>
      new Set([...feedText.matchAll(/\r\nLAST-MODIFIED:(\w+)\r\n/g)].map((m) => m[1] ?? ""));
    const before = sequences(text);
    expect(before.length).toBeGreaterThan(0);
    const admin = await buildAgent(world, ws.slug, "admin");
    const queueUrl = `${API}/workspaces/${ws.slug}/queues/arr`;
    const policyVersion = async () =>
      (await admin.api.get<{ version: number }>(`${API}/workspaces/${ws.slug}/policy`)).body
        .version;
    const v1 = await policyVersion();
    expect(
      (await admin.api.patch(queueUrl, { version: v1, distribution: "round_robin" })).status,
    ).toBe(200);
    // Back as it was, in a third version: the meetings are the same, their revision is not.
    expect(
      (await admin.api.patch(queueUrl, { version: v1 + 1, distribution: "manual" })).status,
    ).toBe(200);
    const revised = await world.app.inject({
      method: "GET",
      url: `${API}/calendar/region/APAC.ics?workspace=${ws.slug}`,
      headers: { authorization: `Bearer ${owner.token}`, "if-none-match": etag },
    });
    expect(revised.statusCode).toBe(200);
    expect(revised.headers.etag).not.toBe(etag);
    const after = sequences(revised.body);
    expect(after).toHaveLength(before.length);
    for (const [i, sequence] of after.entries()) expect(sequence).toBe((before[i] ?? 0) + 2);
    // Made by the new version, never before the old one (to the second, as iCalendar writes it).
    expect(modified(revised.body).size).toBeGreaterThan(0);
    const newest = [...modified(text)].sort().at(-1) ?? "";
    expect([...modified(revised.body)].filter((at) => (at ?? "") < newest)).toEqual([]);

    const anonymous = client(world.app);
    expect(
      (await anonymous.get(`${API}/calendar/region/APAC.ics?workspace=${ws.slug}`)).status,
    ).toBe(401);
    const made = await sme.api.post<{ key: string }>(`${API}/calendar/key`);
    expect(made.status).toBe(201);
    const url = `${API}/calendar/agent/${sme.userId}.ics?workspace=${ws.slug}&key=${made.body.key}`;
    const keyed = await anonymous.get<string>(url);
    expect(keyed.status).toBe(200);
    // The SME attends every APAC meeting when an owner cannot.
    expect(String(keyed.body)).toContain("BEGIN:VEVENT");
    // A new key retires the old one.
    await sme.api.post(`${API}/calendar/key`);
    expect((await anonymous.get(url)).status).toBe(401);
    // The key reads calendars only; it is no API token.
    const asToken = client(world.app, made.body.key);
    expect((await asToken.get(`${API}/cases/${caseNumber}`)).status).toBe(401);
  });

  it("lets agents keep their own zone and hours; only a lead names the handover SME", async () => {
    const me = await buildAgent(world, ws.slug, "agent", { region: "US" });
    const lead = await buildAgent(world, ws.slug, "shift_lead", { region: "US" });
    const hoursOf = async () => {
      const list = await me.api.get<{ items: AgentRow[] }>(`${API}/workspaces/${ws.slug}/agents`);
      const row = list.body.items.find((a) => a.id === me.userId);
      if (!row) throw new Error("agent not listed");
      return row;
    };
    const url = `${API}/workspaces/${ws.slug}/agents/me/hours`;
    const start = await hoursOf();
    expect(start).toMatchObject({ workingHours: null, handoverSme: false });
    const bad = await me.api.put(url, {
      version: start.version,
      workingHours: { mon: [{ start: "17:00", end: "09:00" }] },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("workingHours.mon.0");
    const zone = await me.api.put(url, { version: start.version, timeZone: "Mars/Olympus" });
    expect(zone.status).toBe(400);
    expect((await hoursOf()).version).toBe(start.version);

    const set = await me.api.put<AgentRow>(url, {
      version: start.version,
      timeZone: "America/Denver",
      workingHours: {
        mon: [{ start: "07:00", end: "15:00" }],
        tue: [{ start: "07:00", end: "15:00" }],
      },
    });
    expect(set.status).toBe(200);
    expect(set.body.timeZone).toBe("America/Denver");
    expect(set.body.workingHours?.mon).toEqual([{ start: "07:00", end: "15:00" }]);
    expect(set.body.workingHours?.wed).toEqual([]);
    const stale = await me.api.put(url, { version: start.version, timeZone: "UTC" });
    expect(stale.status).toBe(409);

    const self = await me.api.put(url, { version: set.body.version, handoverSme: true });
    expect(self.status).toBe(403);
    const named = await lead.api.put<AgentRow>(
      `${API}/workspaces/${ws.slug}/agents/${me.userId}/hours`,
      { version: set.body.version, handoverSme: true },
    );
    expect(named.status).toBe(200);
    expect(named.body.handoverSme).toBe(true);
  });
});
