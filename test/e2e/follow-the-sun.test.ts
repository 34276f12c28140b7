// Follow the sun in the browser, on the demo data: a region's handoff board, the handover
// meetings with their local times and calendar feeds, and the case page's follow-the-sun panel.
// The browser runs in New York time, so what the pages show in "your time" is checked against
// that zone; everything else is checked against the API's own answers for the same instants.
import { type BrowserContext, type Page, request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dutyLabel,
  localClockLabel,
  nextChangeText,
  twoWeeks,
  untilText,
} from "../../web/src/lib/followTheSun.ts";
import {
  clockTime,
  dateIn,
  dayAndTime,
  dayLabel,
  instantToZoned,
  zonedToInstant,
  zoneName,
} from "../../web/src/lib/zonedTime.ts";
import { agentsOf, call, createCase, me } from "./browser-api.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

const WS = "follow-the-sun";
const VIEWER_ZONE = "America/New_York";
const MINUTE = 60_000;

interface RegionStatus {
  region: string;
  localTime: string;
  onDuty: boolean;
  holiday: boolean;
  changeAt: string | null;
}

interface Board {
  at: string;
  endingSoon: {
    caseNumber: number;
    case: { ownerName: string | null } | null;
    shiftEndsAt: string;
    minutesLeft: number;
    next: { region: string } | null;
  }[];
  waiting: { caseNumber: number }[];
  notServed: { caseNumber: number; servingRegion: string | null }[];
  escalations: { caseNumber: number }[];
}

interface Meeting {
  key: string;
  start: string;
  end: string;
  from: string;
  to: string[];
  agendaKnown: boolean;
  cases: { caseNumber: number }[];
  localTimes: {
    region: string;
    timeZone: string;
    date: string;
    start: string;
    end: string;
  }[];
}

interface Rendering {
  timeZone: string;
  date: string;
  time: string;
  weekday: string;
  offset: string;
  label: string;
}

interface NextHolder {
  ownerShift: {
    onShift: boolean;
    changeAt: string | null;
    next: { start: string; end: string } | null;
  } | null;
  findings: { code: string; message: string }[];
  nextContact: { at: string; customer: Rendering; viewer: Rendering; dayOffset: number } | null;
}

async function api<T>(page: Page, path: string): Promise<T> {
  const reply = await call<T>(page, "GET", path);
  expect(reply.status, `${path}: ${JSON.stringify(reply.json)}`).toBe(200);
  return reply.json;
}

/** The next Monday-to-Friday date after today in a zone. */
function nextWeekday(zone: string, now: Date): string {
  for (let d = 1; d < 8; d++) {
    const date = dateIn(now.getTime() + d * 24 * 60 * MINUTE, zone);
    const day = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (day >= 1 && day <= 5) return date;
  }
  throw new Error("no weekday in a week");
}

describe.skipIf(!hasChromium)("follow the sun in the browser", () => {
  let stage: Stage;
  let context: BrowserContext;
  let page: Page;
  let myCase: number;
  let myRegion: string;

  beforeAll(async () => {
    stage = await openStage();
    // A person in New York: "your time" on every page is New York time.
    context = await stage.browser.newContext({
      baseURL: stage.server.url,
      viewport: { width: 1280, height: 900 },
      timezoneId: VIEWER_ZONE,
      locale: "en-GB",
    });
    page = await stage.signIn(context, "agent@follow-the-sun.example");
    const self = await me(page);
    const agents = await agentsOf(page, WS);
    myRegion = agents.find((a) => a.id === self.id)?.region ?? "";
    expect(myRegion).toBe("APAC");
    // A 24x7 case the agent holds, for a customer in Sydney.
    const customers = await api<{
      items: { id: string; name: string; timeZone: string; contacts: { id: string }[] }[];
    }>(page, `/workspaces/${WS}/customers`);
    const sydney = customers.items.find((c) => c.timeZone === "Australia/Sydney");
    expect(sydney).toBeDefined();
    myCase = await createCase(page, {
      workspace: WS,
      subject: `Streaming job stalls at the Sydney close ${Date.now()}`,
      severity: "A",
      plan: "premier",
      is24x7: true,
      queue: "in-depth",
      product: "spark",
      customerId: sydney?.id,
      contactId: sydney?.contacts[0]?.id,
      ownerId: self.id,
    });
  }, 180_000);

  afterAll(async () => {
    await context?.close().catch(() => {});
    await stage?.dispose();
  });

  it("shows the agent's region's board with its sections, the regions on duty, and links to the cases", async () => {
    // Look 90 minutes before the agent's shift ends, so the new 24x7 case is ending soon.
    const holder = await api<NextHolder>(page, `/cases/${myCase}/next-holder?tz=${VIEWER_ZONE}`);
    const shift = holder.ownerShift;
    const shiftEnd = shift?.onShift ? shift.changeAt : shift?.next?.end;
    expect(shiftEnd).toBeTruthy();
    const at = new Date(Date.parse(shiftEnd as string) - 90 * MINUTE).toISOString();

    await page.getByRole("link", { name: "Handoff board" }).click();
    // The board opens on the agent's own region.
    await page.getByRole("heading", { level: 1, name: /Handoff board: APAC/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/w/${WS}/board/APAC`);

    // Look ahead, typing the instant in New York time.
    await page
      .getByRole("textbox", { name: /Show the board at/ })
      .fill(instantToZoned(at, VIEWER_ZONE));
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("at") === at);
    await page.getByText(/Not live: as at/).waitFor();

    const [duty, board] = await Promise.all([
      api<{ regions: RegionStatus[] }>(page, `/regions/on-duty?workspace=${WS}&at=${at}`),
      api<Board>(page, `/handoff-board?workspace=${WS}&region=APAC&at=${at}`),
    ]);

    // The regions on duty at that instant: duty, local clock, next change.
    // Both read at that instant, not the live board they replace.
    await page.locator(`.board-grid[data-at="${at}"]`).waitFor();
    const strip = page.locator(`ul.duty-strip[data-at="${at}"]`);
    await strip.waitFor();
    expect(await strip.getByRole("listitem").count()).toBe(duty.regions.length);
    for (const r of duty.regions) {
      const item = strip.locator(`[data-region="${r.region}"]`);
      const text = (await item.textContent()) ?? "";
      expect(text).toContain(dutyLabel(r));
      expect(text).toContain(localClockLabel(r.localTime));
      if (r.changeAt) {
        expect(text).toContain(nextChangeText(r, new Date(at)) ?? "");
        expect(text).toContain(`${clockTime(r.changeAt, VIEWER_ZONE)} your time`);
      }
    }
    expect(await strip.locator('[aria-current="true"]').getAttribute("data-region")).toBe("APAC");

    // The four sections, each with the API's cases in its order, or saying it is empty.
    const sections = [
      ["ending-soon", "Shifts ending soon", board.endingSoon],
      ["waiting", "Waiting for APAC", board.waiting],
      ["not-served", "Customers APAC does not serve", board.notServed],
      ["escalations", "Escalations", board.escalations],
    ] as const;
    for (const [id, title, items] of sections) {
      const section = page.getByRole("region", { name: new RegExp(`^${title}`) });
      await section.waitFor();
      expect(await section.getByRole("heading", { level: 2 }).textContent()).toBe(
        `${title} (${items.length})`,
      );
      const rows = section.locator(".board-row");
      expect(
        await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-case")))),
        id,
      ).toEqual(items.map((i) => i.caseNumber));
      expect(await section.locator(".board-empty").count()).toBe(items.length === 0 ? 1 : 0);
    }

    // The new case: ends in 1 h 30 min, at the end of the shift in New York time.
    const mine = board.endingSoon.find((i) => i.caseNumber === myCase);
    expect(mine?.minutesLeft).toBe(90);
    for (const item of board.endingSoon) {
      const row = page.locator(`[data-section="ending-soon"] [data-case="${item.caseNumber}"]`);
      const text = (await row.textContent()) ?? "";
      expect(text).toContain(untilText(item.minutesLeft));
      expect(text).toContain(`at ${clockTime(item.shiftEndsAt, VIEWER_ZONE)} your time`);
      // The owner and the suggested next region, where the board names them.
      const named = [item.case?.ownerName, item.next?.region].filter((s): s is string => !!s);
      expect(
        named.filter((s) => !text.includes(s)),
        `row ${item.caseNumber}`,
      ).toEqual([]);
    }
    expect(
      await page.locator(`[data-section="ending-soon"] [data-case="${myCase}"]`).textContent(),
    ).toContain("in 1 h 30 min");
    for (const item of board.notServed.filter((i) => i.servingRegion))
      expect(
        await page
          .locator(`[data-section="not-served"] [data-case="${item.caseNumber}"]`)
          .textContent(),
      ).toContain(`Served by${item.servingRegion}`);
    await stage.shot(page, "follow-the-sun-board");

    // Each ending-soon row's link opens its case, and Back returns to the same board.
    for (const item of board.endingSoon) {
      await page
        .locator(`[data-section="ending-soon"] [data-case="${item.caseNumber}"] a.case-card-title`)
        .click();
      await page
        .getByRole("heading", { level: 1, name: new RegExp(`#${item.caseNumber}\\b`) })
        .waitFor();
      expect(new URL(page.url()).pathname).toBe(`/cases/${item.caseNumber}`);
      await page.getByRole("link", { name: "Back to list" }).click();
      await page.locator(`[data-section="ending-soon"] [data-case="${item.caseNumber}"]`).waitFor();
      expect(new URL(page.url()).searchParams.get("at")).toBe(at);
    }

    // The region switcher opens another region's board, still at the same instant.
    await page.getByLabel("Region", { exact: true }).selectOption("EMEA");
    await page.getByRole("heading", { level: 1, name: /Handoff board: EMEA/ }).waitFor();
    expect(new URL(page.url()).searchParams.get("at")).toBe(at);
    // Back to now: live again.
    await page.getByRole("button", { name: "Back to now" }).click();
    await page.waitForURL((url) => !url.searchParams.has("at"));
    await page.getByText(/^Updated /).waitFor();
  });

  it("lists this week's and next week's meetings with each region's local time, and subscribes a calendar", async () => {
    await page.getByRole("link", { name: "Handover meetings" }).click();
    await page.getByRole("heading", { level: 1, name: "Handover meetings" }).waitFor();
    const weeks = twoWeeks(new Date(), VIEWER_ZONE);
    const range = `from=${encodeURIComponent(weeks.from)}&to=${encodeURIComponent(weeks.to)}`;
    const all = await api<{ items: Meeting[] }>(
      page,
      `/handover-meetings?workspace=${WS}&${range}`,
    );
    expect(all.items.length).toBeGreaterThan(0);
    // Days already past this week sit folded under "Earlier days" (from Tuesday on): open them.
    await page.locator("[data-meeting]").first().waitFor({ state: "attached" });
    for (const earlier of await page.locator("details.meeting-past-days > summary").all())
      await earlier.click();
    await page.locator("[data-meeting]").first().waitFor();
    expect(
      await page
        .locator("[data-meeting]")
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-meeting"))),
    ).toEqual(all.items.map((m) => m.key));
    const thisWeek = all.items.filter((m) => Date.parse(m.start) < Date.parse(weeks.nextWeek));
    expect(
      await page.getByRole("heading", { level: 2, name: /^This week/ }).textContent(),
    ).toContain(`${thisWeek.length} meeting`);

    // Every meeting: its start in New York time and in each region's local time, as the API says.
    for (const m of all.items) {
      const card = page.locator(`[data-meeting="${m.key}"]`);
      expect(await card.locator(".meeting-start").textContent()).toBe(
        dayAndTime(m.start, VIEWER_ZONE),
      );
      expect(await card.locator(".meeting-when").textContent()).toContain(
        `your time (${zoneName(VIEWER_ZONE)})`,
      );
      expect(await card.locator("tbody tr").count()).toBe(m.localTimes.length);
      for (const l of m.localTimes) {
        // The API's local time is the same instant in that region's zone.
        expect(clockTime(m.start, l.timeZone)).toBe(l.start);
        const row = card.locator(`tbody tr[data-region="${l.region}"]`);
        expect(await row.locator(".local-clock").textContent()).toBe(`${l.start}–${l.end}`);
        expect(await row.locator(".local-date").textContent()).toBe(dayLabel(l.date));
        expect(await row.textContent()).toContain(zoneName(l.timeZone));
      }
      const agenda = card.locator(".meeting-agenda");
      if (!m.agendaKnown)
        expect(await agenda.textContent()).toContain("Cases listed nearer the day");
      else
        expect(
          await agenda
            .locator("[data-case]")
            .evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-case")))),
        ).toEqual(m.cases.map((c) => c.caseNumber));
    }
    // The first meeting still ahead, on screen for the screenshot.
    const ahead = all.items.find((m) => Date.parse(m.end) > Date.now());
    if (ahead) await page.locator(`[data-meeting="${ahead.key}"]`).scrollIntoViewIfNeeded();
    await stage.shot(page, "follow-the-sun-meetings");

    // Filters: a region, and only mine, as the API answers them.
    await page.getByLabel("Region", { exact: true }).selectOption("EMEA");
    const emea = await api<{ items: Meeting[] }>(
      page,
      `/handover-meetings?workspace=${WS}&${range}&region=EMEA`,
    );
    await expect.poll(() => page.locator("[data-meeting]").count()).toBe(emea.items.length);
    for (const m of emea.items) expect([m.from, ...m.to]).toContain("EMEA");
    // Ticked at once after the region is cleared: the second filter keeps the first's change.
    await page.getByLabel("Region", { exact: true }).selectOption("");
    await page.getByLabel("Only mine").click();
    await expect.poll(() => page.getByLabel("Only mine").isChecked()).toBe(true);
    await page.waitForURL((url) => !url.searchParams.has("region"));
    const mine = await api<{ items: Meeting[] }>(
      page,
      `/handover-meetings?workspace=${WS}&${range}&attendee=me`,
    );
    await page.waitForURL((url) => url.searchParams.get("mine") === "1");
    await expect
      .poll(async () =>
        page
          .locator("[data-meeting]")
          .evaluateAll((els) => els.map((e) => e.getAttribute("data-meeting"))),
      )
      .toEqual(mine.items.map((m) => m.key));

    // A calendar key: the feeds it opens are read without a session.
    const subscribe = page.getByRole("region", { name: "Subscribe in your calendar" });
    await subscribe.getByRole("button", { name: "Create calendar key" }).click();
    await subscribe.getByText(/New calendar key made/).waitFor();
    const webcal = subscribe.getByLabel("Subscribe address (webcal)");
    const web = subscribe.getByLabel("Web address (https, to paste)");
    expect(await web.count()).toBe(2);
    const regionFeed = await web.nth(0).inputValue();
    const myFeed = await web.nth(1).inputValue();
    expect(regionFeed).toContain(`/api/v1/calendar/region/APAC.ics?workspace=${WS}&key=`);
    expect(myFeed).toContain(`/api/v1/calendar/agent/${(await me(page)).id}.ics`);
    expect(await webcal.nth(0).inputValue()).toBe(regionFeed.replace(/^https?:/, "webcal:"));
    await subscribe.scrollIntoViewIfNeeded();
    await stage.shot(page, "follow-the-sun-calendar");

    const outsider = await request.newContext();
    try {
      for (const url of [regionFeed, myFeed]) {
        const feed = await outsider.get(url);
        expect(feed.status(), url).toBe(200);
        expect(feed.headers()["content-type"]).toMatch(/^text\/calendar/);
        expect(await feed.text()).toMatch(/^BEGIN:VCALENDAR/);
      }
      // A new key retires the one before it.
      await subscribe.getByRole("button", { name: /Create another key/ }).click();
      await expect.poll(() => web.nth(0).inputValue()).not.toBe(regionFeed);
      expect((await outsider.get(regionFeed)).status()).toBe(401);
      expect((await outsider.get(await web.nth(0).inputValue())).status()).toBe(200);
    } finally {
      await outsider.dispose();
    }
  });

  it("shows the next customer contact in the customer's zone and the viewer's once set on a 24x7 case", async () => {
    await page.goto(`/cases/${myCase}`);
    const panel = page.getByRole("region", { name: "Follow the sun" });
    await panel.getByRole("heading", { name: "Suggested next holder" }).waitFor();
    expect(await panel.textContent()).toContain("Australia/Sydney");
    expect(await panel.textContent()).toContain("Not set");

    // Findings are sentences, as the API words them.
    const before = await api<NextHolder>(page, `/cases/${myCase}/next-holder?tz=${VIEWER_ZONE}`);
    for (const f of before.findings)
      expect(await panel.locator(`[data-finding="${f.code}"]`).textContent()).toBe(f.message);

    // 10:00 on the customer's next weekday, typed in the customer's time.
    const date = nextWeekday("Australia/Sydney", new Date());
    const expected = zonedToInstant(`${date}T10:00`, "Australia/Sydney");
    await panel.getByRole("button", { name: "Set next contact…" }).click();
    const form = panel.getByRole("form", { name: "Next customer contact" });
    await form.getByRole("radio", { name: /Customer's time/ }).check();
    await form.getByLabel(/^Next contact/).fill(`${date}T10:00`);
    expect(await form.textContent()).toContain(`Saved as ${expected?.iso}`);
    // The same instant in the viewer's clock when switching whose time is typed.
    await form.getByRole("radio", { name: /Your time/ }).check();
    expect(await form.getByLabel(/^Next contact/).inputValue()).toBe(
      instantToZoned(new Date(expected?.time ?? 0).toISOString(), VIEWER_ZONE),
    );
    await form.getByRole("button", { name: "Save next contact" }).click();
    await panel.locator(".contact-viewer").waitFor();

    const stored = await api<{ nextContactAt: string }>(page, `/cases/${myCase}`);
    expect(Date.parse(stored.nextContactAt)).toBe(expected?.time);
    const after = await api<NextHolder>(page, `/cases/${myCase}/next-holder?tz=${VIEWER_ZONE}`);
    const contact = after.nextContact;
    expect(contact?.customer.timeZone).toBe("Australia/Sydney");
    expect(contact?.customer.time).toBe("10:00");
    expect(contact?.viewer.timeZone).toBe(VIEWER_ZONE);
    expect(contact?.viewer.time).toBe(clockTime(contact?.at ?? "", VIEWER_ZONE));
    // Written by the page in the reader's language (en-GB here), each in its own zone.
    expect(await panel.locator(".contact-customer").textContent()).toMatch(
      /^\w{3}, \d{1,2} \w{3} \d{4}, 10:00 \(Australia\/Sydney, UTC\+1[01]:00\)$/,
    );
    expect(await panel.locator(".contact-viewer").textContent()).toBe(
      `${contact?.viewer.weekday}, ${Number(contact?.viewer.date.slice(8))} ` +
        `${new Date(contact?.at ?? "").toLocaleString("en-GB", { month: "short", timeZone: VIEWER_ZONE })} ` +
        `${contact?.viewer.date.slice(0, 4)}, ${contact?.viewer.time} (${VIEWER_ZONE}, UTC${contact?.viewer.offset})`,
    );
    // Sydney is a calendar day ahead of New York in the morning there.
    expect(contact?.dayOffset).toBe(1);
    expect(await panel.locator(".next-contact").textContent()).toContain(
      "the next day for the customer",
    );
    await panel.scrollIntoViewIfNeeded();
    await stage.shot(page, "follow-the-sun-case");
  });
});
