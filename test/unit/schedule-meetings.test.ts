import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../src/domain/policy/parse.ts";
import type { Policy } from "../../src/domain/policy/schema.ts";
import {
  escapeText,
  foldLine,
  handoverMeetings,
  type MeetingOccurrence,
  meetingUid,
  renderIcs,
} from "../../src/domain/schedule/index.ts";
import { followTheSunPreset } from "../../src/presets/follow-the-sun.ts";
import { presets } from "../../src/presets/index.ts";

const fts = presets["follow-the-sun"];
const d = (iso: string) => new Date(iso);

const between = (from: string, to: string, region?: string) =>
  handoverMeetings(fts, d(from), d(to), region);

const local = (m: MeetingOccurrence, region: string) =>
  m.localTimes.find((t) => t.region === region);

describe("handoverMeetings (follow-the-sun preset)", () => {
  it("a working week: each pair once a working day, in start order", () => {
    const week = between("2026-11-23T00:00:00Z", "2026-11-28T00:00:00Z");
    expect(week.map((m) => m.key)).toEqual([
      "APAC>IST+EMEA/2026-11-23",
      "EMEA>US/2026-11-23",
      "US>APAC/2026-11-24",
      "APAC>IST+EMEA/2026-11-24",
      "EMEA>US/2026-11-24",
      "US>APAC/2026-11-25",
      "APAC>IST+EMEA/2026-11-25",
      "EMEA>US/2026-11-25",
      "US>APAC/2026-11-26",
      // Thanksgiving (26 Nov) in the US: no EMEA→US that day, nor US→APAC that evening
      // (APAC's Friday 27 Nov).
      "APAC>IST+EMEA/2026-11-26",
      "APAC>IST+EMEA/2026-11-27",
      "EMEA>US/2026-11-27",
    ]);
    for (let i = 1; i < week.length; i++)
      expect(week[i]!.start.getTime()).toBeGreaterThan(week[i - 1]!.start.getTime());
  });

  it("EMEA→US at 17:00 Berlin: 08:00 in Los Angeles, 09:00 while only the US has changed clocks", () => {
    const [winter] = between("2026-11-23T00:00:00Z", "2026-11-24T00:00:00Z", "US").filter(
      (m) => m.from === "EMEA",
    );
    expect(winter).toMatchObject({
      key: "EMEA>US/2026-11-23",
      from: "EMEA",
      to: ["US"],
      title: "Handover EMEA → US",
      timeZone: "Europe/Berlin",
      date: "2026-11-23",
      start: d("2026-11-23T16:00:00Z"),
      end: d("2026-11-23T16:30:00Z"),
      durationMinutes: 30,
      adjusted: false,
    });
    expect(winter!.localTimes).toEqual([
      {
        region: "EMEA",
        timeZone: "Europe/Berlin",
        date: "2026-11-23",
        start: "17:00",
        end: "17:30",
        startIso: "2026-11-23T17:00+01:00",
      },
      {
        region: "US",
        timeZone: "America/Los_Angeles",
        date: "2026-11-23",
        start: "08:00",
        end: "08:30",
        startIso: "2026-11-23T08:00-08:00",
      },
    ]);
    const march = between("2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z").find(
      (m) => m.from === "EMEA",
    )!;
    expect(march.start).toEqual(d("2026-03-10T16:00:00Z"));
    expect(local(march, "US")?.start).toBe("09:00");
    const summer = between("2026-07-15T00:00:00Z", "2026-07-16T00:00:00Z").find(
      (m) => m.from === "EMEA",
    )!;
    expect(summer.start).toEqual(d("2026-07-15T15:00:00Z"));
    expect(local(summer, "EMEA")?.start).toBe("17:00");
    expect(local(summer, "US")?.start).toBe("08:00");
  });

  it("US→APAC at APAC's 08:00: Tuesday to Friday there, as Monday is the US's Sunday", () => {
    const list = between("2026-07-12T00:00:00Z", "2026-07-19T00:00:00Z", "APAC").filter(
      (m) => m.from === "US",
    );
    expect(list.map((m) => m.date)).toEqual([
      "2026-07-14",
      "2026-07-15",
      "2026-07-16",
      "2026-07-17",
    ]);
    for (const m of list) {
      expect(local(m, "APAC")?.start).toBe("08:00");
      expect(local(m, "US")?.start).toBe("17:00");
    }
  });

  it("none at weekends, nor on Christmas Day for any APAC pair", () => {
    expect(between("2026-11-28T00:00:00Z", "2026-11-29T12:00:00Z")).toEqual([]);
    const christmas = between("2026-12-24T16:01:00Z", "2026-12-26T00:00:00Z");
    expect(christmas.filter((m) => m.from === "APAC" || m.to.includes("APAC"))).toEqual([]);
    expect(christmas).toEqual([]);
  });

  it("a receiving region on holiday is left out; the meeting goes on for the other", () => {
    const ascension = between("2026-05-14T00:00:00Z", "2026-05-15T00:00:00Z");
    expect(ascension.find((m) => m.from === "APAC")).toMatchObject({
      key: "APAC>IST+EMEA/2026-05-14",
      pair: { from: "APAC", to: ["IST", "EMEA"] },
      to: ["IST"],
      title: "Handover APAC → IST",
    });
    expect(between("2026-05-14T00:00:00Z", "2026-05-15T00:00:00Z", "EMEA")).toEqual([]);
    const republicDay = between("2026-01-26T00:00:00Z", "2026-01-27T00:00:00Z", "IST");
    expect(republicDay).toEqual([]);
  });

  it("filters by region", () => {
    const ist = between("2026-11-23T00:00:00Z", "2026-11-28T00:00:00Z", "IST");
    expect(ist.map((m) => m.from)).toEqual(["APAC", "APAC", "APAC", "APAC", "APAC"]);
    expect(between("2026-11-23T00:00:00Z", "2026-11-28T00:00:00Z", "LATAM")).toEqual([]);
  });

  it("starts in [from, to): a meeting starting at `to` belongs to the next range", () => {
    expect(between("2026-11-23T08:30:00Z", "2026-11-23T08:30:00Z")).toEqual([]);
    expect(between("2026-11-23T08:00:00Z", "2026-11-23T08:30:00Z")).toEqual([]);
    expect(between("2026-11-23T08:30:00Z", "2026-11-23T08:31:00Z").map((m) => m.key)).toEqual([
      "APAC>IST+EMEA/2026-11-23",
    ]);
    expect(() => between("2026-01-01T00:00:00Z", "2027-03-01T00:00:00Z")).toThrow(RangeError);
  });

  it("a policy without pairs, or pairs without meetings, has none", () => {
    expect(
      handoverMeetings(
        presets["regional-cse"],
        d("2026-11-23T00:00:00Z"),
        d("2026-11-30T00:00:00Z"),
      ),
    ).toEqual([]);
    const input = structuredClone(followTheSunPreset);
    for (const p of input.handover!.pairs!) delete p.meeting;
    const parsed = parsePolicy(input);
    if (!parsed.ok) throw new Error("should parse");
    expect(
      handoverMeetings(parsed.policy, d("2026-11-23T00:00:00Z"), d("2026-11-30T00:00:00Z")),
    ).toEqual([]);
  });

  it("title and location come from the policy", () => {
    const input = structuredClone(followTheSunPreset);
    input.handover!.pairs![2]!.meeting = {
      at: "17:00",
      title: "EMEA/US sync",
      location: "Bridge 2",
    };
    const parsed = parsePolicy(input);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const policy: Policy = parsed.policy;
    const [m] = handoverMeetings(policy, d("2026-11-23T12:00:00Z"), d("2026-11-23T20:00:00Z"));
    expect(m).toMatchObject({ title: "EMEA/US sync", location: "Bridge 2", durationMinutes: 30 });
  });
});

describe("renderIcs (RFC 5545)", () => {
  const meetings = between("2026-11-23T00:00:00Z", "2026-11-25T00:00:00Z");
  const ics = renderIcs(meetings, {
    calendarName: "Handover meetings, APAC; all",
    uidDomain: "fts.baton.example",
    generatedAt: d("2026-11-20T10:00:00Z"),
  });
  const unfolded = ics.replace(/\r\n /g, "");
  const lines = unfolded.split("\r\n");

  it("is a VCALENDAR of VEVENTs with CRLF line endings", () => {
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(meetings.length);
    expect(lines.filter((l) => l === "END:VEVENT")).toHaveLength(meetings.length);
    expect(lines).toContain("X-WR-CALNAME:Handover meetings\\, APAC\\; all");
  });

  it("writes UTC times, a stable UID per pair and date, and the summary", () => {
    const first = lines.slice(lines.indexOf("BEGIN:VEVENT"), lines.indexOf("END:VEVENT") + 1);
    expect(first).toEqual([
      "BEGIN:VEVENT",
      "UID:handover:APAC>IST+EMEA/2026-11-23@fts.baton.example",
      "DTSTAMP:20261120T100000Z",
      "DTSTART:20261123T083000Z",
      "DTEND:20261123T090000Z",
      "SUMMARY:Handover APAC → IST\\, EMEA",
      expect.stringMatching(/^DESCRIPTION:Align each 24x7 case/),
      "TRANSP:OPAQUE",
      "STATUS:CONFIRMED",
      "END:VEVENT",
    ]);
    expect(first[6]).toContain("\\nAPAC: 2026-11-23 16:30–17:00 (Asia/Singapore)");
    const again = between("2026-11-20T00:00:00Z", "2026-11-24T00:00:00Z");
    expect(meetingUid(again.find((m) => m.date === "2026-11-23" && m.from === "APAC")!, "x")).toBe(
      "handover:APAC>IST+EMEA/2026-11-23@x",
    );
  });

  it("folds every line at 75 octets without splitting a character", () => {
    const encoder = new TextEncoder();
    for (const line of ics.split("\r\n"))
      expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
    const long = `SUMMARY:${"日本語の引き継ぎ→".repeat(20)}`;
    const folded = foldLine(long);
    for (const part of folded.split("\r\n")) {
      expect(encoder.encode(part).length).toBeLessThanOrEqual(75);
      expect(part.isWellFormed()).toBe(true);
    }
    expect(folded.replace(/\r\n /g, "")).toBe(long);
    const emoji = `DESCRIPTION:${"🌞".repeat(40)}`;
    expect(foldLine(emoji).replace(/\r\n /g, "")).toBe(emoji);
    expect(foldLine("SHORT:line")).toBe("SHORT:line");
  });

  it("escapes backslash, semicolon, comma and newlines; drops other control characters", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf\rg\u0007h\ti")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng" + "h\ti");
    const custom = renderIcs(meetings.slice(0, 1), {
      calendarName: "x",
      uidDomain: "y",
      generatedAt: d("2026-11-20T10:00:00Z"),
      summary: (m) => `Handover; ${m.from}`,
      description: () => "Cases:\n- 100001, Sev A\n- C:\\logs",
    });
    const text = custom.replace(/\r\n /g, "");
    expect(text).toContain("SUMMARY:Handover\\; APAC\r\n");
    expect(text).toContain("DESCRIPTION:Cases:\\n- 100001\\, Sev A\\n- C:\\\\logs\r\n");
  });

  it("gives meetings and events a revision, and the feed a refresh interval", () => {
    const revised = renderIcs(meetings.slice(0, 1), {
      calendarName: "x",
      uidDomain: "y",
      generatedAt: d("2026-11-20T10:00:00Z"),
      meetingRevision: { sequence: 4, modifiedAt: d("2026-11-19T08:15:00Z") },
      refreshMinutes: 60,
      events: [
        {
          uid: "call:1",
          start: d("2026-11-24T09:00:00Z"),
          end: d("2026-11-24T09:30:00Z"),
          summary: "Customer call",
          description: "",
          location: null,
          revision: { sequence: 2, modifiedAt: d("2026-11-18T07:00:00Z") },
        },
      ],
    }).split("\r\n");
    expect(revised).toContain("REFRESH-INTERVAL;VALUE=DURATION:PT60M");
    expect(revised).toContain("X-PUBLISHED-TTL:PT60M");
    const [meeting, call] = revised.join("\n").split("BEGIN:VEVENT").slice(1);
    // DTSTAMP follows the revision, so an unchanged feed is byte for byte the same.
    expect(meeting).toContain(
      "DTSTAMP:20261119T081500Z\nLAST-MODIFIED:20261119T081500Z\nSEQUENCE:4\n",
    );
    expect(call).toContain(
      "DTSTAMP:20261118T070000Z\nLAST-MODIFIED:20261118T070000Z\nSEQUENCE:2\n",
    );
    expect(revised.join("\n")).not.toContain("20261120T100000Z");
  });

  it("an empty list is still a valid calendar", () => {
    expect(
      renderIcs([], {
        calendarName: "None",
        uidDomain: "y",
        generatedAt: d("2026-11-20T10:00:00Z"),
      }),
    ).toBe(
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Baton//Handover meetings//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:None\r\nEND:VCALENDAR\r\n",
    );
  });
});
