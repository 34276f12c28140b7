import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../src/domain/policy/parse.ts";
import type { Policy, PolicyInput, WeeklyHours } from "../../src/domain/policy/schema.ts";
import {
  handoverMeetings,
  isOnShift,
  type MeetingOccurrence,
  nextHolder,
  nextShiftChange,
  openPeriods,
  pairedTargets,
  parseWeeklyHours,
  regionStatus,
  type ScheduleAgent,
  type ScheduleCase,
  type WorkSchedule,
} from "../../src/domain/schedule/index.ts";
import { followTheSunPreset } from "../../src/presets/follow-the-sun.ts";

// Every IANA zone the runtime knows, instants from 2026 to 2030: daylight-saving changes (and
// zones without them, half-hour and 45-minute offsets, the Lord Howe half hour) all come up.

const ZONES = Intl.supportedValuesOf("timeZone");
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const FROM = Date.UTC(2026, 0, 1);
const TO = Date.UTC(2030, 11, 31);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const zone = fc.constantFrom(...ZONES);
const minuteIn = (from = FROM, to = TO) =>
  fc.integer({ min: from / MINUTE, max: to / MINUTE }).map((m) => new Date(m * MINUTE));

const clock = (minutes: number) =>
  minutes === 1440
    ? "24:00"
    : `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** Up to two spans a day on a 15-minute grid, sometimes running to midnight. */
const span = fc
  .tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 96 }))
  .filter(([a, b]) => a < b)
  .map(([a, b]) => ({ start: clock(a * 15), end: clock(b * 15) }));
const weekly = fc
  .tuple(...DAYS.map(() => fc.array(span, { maxLength: 2 })))
  .map((days) => parseWeeklyHours(Object.fromEntries(DAYS.map((d, i) => [d, days[i]])))!);

const toMinutes = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return h * 60 + m;
};

/** On a local day whose offset does not change, membership is plain wall-clock arithmetic. */
function steadyDay(at: Date, zoneName: string): boolean {
  const local = DateTime.fromJSDate(at).setZone(zoneName);
  const start = local.startOf("day");
  const end = local.endOf("day");
  return start.offset === end.offset && start.toISODate() === end.toISODate();
}

function wallClockMember(hours: WeeklyHours, zoneName: string, at: Date, holidays: string[]) {
  const local = DateTime.fromJSDate(at).setZone(zoneName);
  if (holidays.includes(local.toISODate()!)) return false;
  const minutes = local.hour * 60 + local.minute;
  return hours[DAYS[local.weekday - 1]!].some(
    (s) => toMinutes(s.start) <= minutes && minutes < toMinutes(s.end),
  );
}

const NUM_RUNS = 120;

describe("property: shifts in every zone, 2026–2030", () => {
  it("membership matches the wall clock on days without a clock change", () => {
    fc.assert(
      fc.property(zone, weekly, minuteIn(), (z, hours, at) => {
        fc.pre(steadyDay(at, z));
        const local = DateTime.fromJSDate(at).setZone(z);
        // A span from yesterday ends at midnight, so yesterday must be steady too.
        fc.pre(steadyDay(local.minus({ days: 1 }).toJSDate(), z));
        const holiday = [local.minus({ days: 3 }).toISODate()!];
        const s: WorkSchedule = { zone: z, hours, holidays: holiday };
        expect(isOnShift(s, at)).toBe(wallClockMember(hours, z, at, holiday));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("the next change flips the state, and nothing changes before it", () => {
    fc.assert(
      fc.property(zone, weekly, minuteIn(), (z, hours, at) => {
        const s: WorkSchedule = { zone: z, hours };
        const state = nextShiftChange(s, at);
        expect(state.onShift).toBe(isOnShift(s, at));
        if (state.changeAt) {
          expect(state.changeAt.getTime()).toBeGreaterThan(at.getTime());
          expect(isOnShift(s, state.changeAt)).toBe(!state.onShift);
          expect(isOnShift(s, new Date(state.changeAt.getTime() - 1))).toBe(state.onShift);
          // Nothing in between: the periods over [at, changeAt) are all or nothing.
          const between = openPeriods(s, at, state.changeAt);
          expect(between).toEqual(state.onShift ? [{ start: at, end: state.changeAt }] : []);
        }
        if (state.since) {
          expect(state.since.getTime()).toBeLessThanOrEqual(at.getTime());
          expect(isOnShift(s, state.since)).toBe(state.onShift);
          expect(isOnShift(s, new Date(state.since.getTime() - 1))).toBe(!state.onShift);
        }
        if (state.next) {
          expect(state.next.start.getTime()).toBeGreaterThan(at.getTime());
          expect(isOnShift(s, state.next.start)).toBe(true);
          expect(isOnShift(s, new Date(state.next.start.getTime() - 1))).toBe(false);
          expect(isOnShift(s, state.next.end)).toBe(false);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("a 09:00–17:00 week has exactly one shift per weekday, never skipped or doubled", () => {
    const nineToFive = parseWeeklyHours(
      Object.fromEntries(DAYS.slice(0, 5).map((d) => [d, [{ start: "09:00", end: "17:00" }]])),
    )!;
    fc.assert(
      fc.property(zone, minuteIn(FROM, TO - 70 * DAY), (z, at) => {
        const from = DateTime.fromJSDate(at).setZone(z).startOf("day");
        const to = from.plus({ days: 63 });
        const periods = openPeriods({ zone: z, hours: nineToFive }, from.toJSDate(), to.toJSDate());
        const dates = periods.map((p) => DateTime.fromJSDate(p.start).setZone(z).toISODate());
        const expected: string[] = [];
        for (let day = from; day < to; day = day.plus({ days: 1 }))
          if (day.weekday <= 5) expected.push(day.toISODate()!);
        expect(dates).toEqual(expected);
        for (const p of periods) {
          const hours = (p.end.getTime() - p.start.getTime()) / HOUR;
          // Eight hours, give or take a clock change that falls inside the shift.
          expect(hours).toBeGreaterThanOrEqual(6);
          expect(hours).toBeLessThanOrEqual(10);
        }
      }),
      { numRuns: 60 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

function policyWith(edit: (input: PolicyInput) => void): Policy {
  const input = structuredClone(followTheSunPreset);
  edit(input);
  const parsed = parsePolicy(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.policy;
}

const allWeekdays = (start: string, end: string): WeeklyHours =>
  parseWeeklyHours(Object.fromEntries(DAYS.map((d, i) => [d, i < 5 ? [{ start, end }] : []])))!;

/** Two regions in any zones, a pair between them with its meeting, and some holidays. */
const meetingSetup = fc
  .record({
    zoneA: zone,
    zoneB: zone,
    at: fc.integer({ min: 0, max: 95 }).map((q) => clock(q * 15)),
    in: fc.constantFrom("from" as const, "to" as const),
    holidaysA: fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 4 }),
    holidaysB: fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 4 }),
    start: minuteIn(FROM, TO - 70 * DAY),
    days: fc.integer({ min: 1, max: 60 }),
    split: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map((r) => {
    const day = (n: number) => DateTime.fromJSDate(r.start).toUTC().plus({ days: n }).toISODate()!;
    const holidaysA = [...new Set(r.holidaysA.map(day))].sort();
    const holidaysB = [...new Set(r.holidaysB.map(day))].sort();
    const policy = policyWith((p) => {
      p.regions = [
        {
          code: "A",
          name: "A",
          timeZone: r.zoneA,
          businessHours: allWeekdays("00:00", "24:00"),
          holidays: holidaysA,
        },
        {
          code: "B",
          name: "B",
          timeZone: r.zoneB,
          businessHours: allWeekdays("00:00", "24:00"),
          holidays: holidaysB,
        },
      ];
      p.queues = p.queues.map((q) => ({ ...q, region: undefined }));
      p.handover = { pairs: [{ from: "A", to: ["B"], meeting: { at: r.at, in: r.in } }] };
    });
    const from = r.start;
    const to = new Date(from.getTime() + r.days * DAY);
    const mid = new Date(from.getTime() + Math.floor((r.split * r.days * DAY) / MINUTE) * MINUTE);
    return { ...r, policy, from, to, mid, holidaysA, holidaysB };
  });

function localDay(m: MeetingOccurrence, z: string) {
  return DateTime.fromJSDate(m.start).setZone(z);
}

describe("property: handover meetings in every zone, 2026–2030", () => {
  it("never at a weekend or on a holiday; same local time every day; listed once", () => {
    fc.assert(
      fc.property(meetingSetup, (s) => {
        const list = handoverMeetings(s.policy, s.from, s.to);
        const defining = s.in === "from" ? s.zoneA : s.zoneB;
        const keys = new Set<string>();
        for (const m of list) {
          const a = localDay(m, s.zoneA);
          const b = localDay(m, s.zoneB);
          expect(a.weekday).toBeLessThanOrEqual(5);
          expect(b.weekday).toBeLessThanOrEqual(5);
          expect(s.holidaysA).not.toContain(a.toISODate());
          expect(s.holidaysB).not.toContain(b.toISODate());
          const local = localDay(m, defining);
          expect(m.timeZone).toBe(defining);
          expect(local.toISODate()).toBe(m.date);
          if (m.adjusted) {
            // The policy's time did not exist that day: the clocks jumped over it.
            const [h, min] = s.at.split(":").map(Number) as [number, number];
            const asked = DateTime.fromObject(
              { year: local.year, month: local.month, day: local.day, hour: h, minute: min },
              { zone: defining },
            );
            expect(asked.toFormat("HH:mm")).not.toBe(s.at);
          } else expect(local.toFormat("HH:mm")).toBe(s.at);
          expect(m.end.getTime() - m.start.getTime()).toBe(30 * MINUTE);
          expect(m.start.getTime()).toBeGreaterThanOrEqual(s.from.getTime());
          expect(m.start.getTime()).toBeLessThan(s.to.getTime());
          expect(keys.has(m.key)).toBe(false);
          keys.add(m.key);
        }
        for (let i = 1; i < list.length; i++) expect(list[i]!.date > list[i - 1]!.date).toBe(true);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("no working day is skipped", () => {
    fc.assert(
      fc.property(meetingSetup, (s) => {
        const list = handoverMeetings(s.policy, s.from, s.to);
        const dates = new Set(list.map((m) => m.date));
        const defining = s.in === "from" ? s.zoneA : s.zoneB;
        const [h, min] = s.at.split(":").map(Number) as [number, number];
        let day = DateTime.fromJSDate(s.from).setZone(defining).startOf("day").minus({ days: 1 });
        const last = DateTime.fromJSDate(s.to).setZone(defining).plus({ days: 1 });
        for (; day < last; day = day.plus({ days: 1 })) {
          const start = DateTime.fromObject(
            { year: day.year, month: day.month, day: day.day, hour: h, minute: min },
            { zone: defining },
          );
          if (start.toISODate() !== day.toISODate()) continue;
          if (start.toMillis() < s.from.getTime() || start.toMillis() >= s.to.getTime()) continue;
          const a = start.setZone(s.zoneA);
          const b = start.setZone(s.zoneB);
          const works =
            a.weekday <= 5 &&
            b.weekday <= 5 &&
            !s.holidaysA.includes(a.toISODate()!) &&
            !s.holidaysB.includes(b.toISODate()!);
          expect(dates.has(day.toISODate()!), `${day.toISODate()} in ${defining}`).toBe(works);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("meetings over [a, c) are those over [a, b) followed by those over [b, c)", () => {
    fc.assert(
      fc.property(meetingSetup, (s) => {
        const whole = handoverMeetings(s.policy, s.from, s.to);
        const parts = [
          ...handoverMeetings(s.policy, s.from, s.mid),
          ...handoverMeetings(s.policy, s.mid, s.to),
        ];
        expect(parts).toEqual(whole);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------

function member(id: string, region: string): ScheduleAgent {
  return {
    id,
    name: id,
    role: "agent",
    region,
    timeZone: "UTC",
    workingHours: null,
    queues: [],
    skills: [],
    languages: [],
    capacity: 10,
    openCases: 0,
    availability: "available",
    leaveFrom: null,
    leaveUntil: null,
  };
}

function chainCase(owner: string, region: string): ScheduleCase {
  return {
    number: 1,
    status: "active",
    internalTitle: "",
    is24x7: true,
    queue: "in-depth",
    product: null,
    region,
    ownerId: owner,
    handoverUnderWay: false,
    customer: null,
  };
}

/** Follows a 24x7 case round the sun: each holder works their region's hours until they end. */
function chain(policy: Policy, first: string, at: Date, steps: number) {
  const agents = policy.regions.map((r) => member(`agent-${r.code}`, r.code));
  const holds: { region: string; from: Date; handoffAt: Date; next: string; nextFrom: Date }[] = [];
  let region = first;
  let t = at;
  for (let i = 0; i < steps; i++) {
    const next = nextHolder(policy, chainCase(`agent-${region}`, region), agents, t);
    if (!next.region || !next.handoffAt) break;
    holds.push({
      region,
      from: t,
      handoffAt: next.handoffAt,
      next: next.region.region,
      nextFrom: next.region.from,
    });
    region = next.region.region;
    t = next.region.from;
  }
  return holds;
}

describe("property: following the sun never skips or doubles a day", () => {
  const noHolidays = policyWith((p) => {
    for (const r of p.regions) r.holidays = [];
  });

  it("the preset's regions, any week 2026–2030: APAC, EMEA and US once every weekday", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 8 * 60 - 1 }),
        (week, offset) => {
          // A Monday, then a minute inside APAC's Monday shift (08:00–17:00 Singapore).
          const monday = DateTime.fromISO("2026-01-05T08:00:00", { zone: "Asia/Singapore" }).plus({
            weeks: week,
          });
          const start = monday.plus({ minutes: offset });
          const holds = chain(noHolidays, "APAC", start.toJSDate(), 16);
          const seen = holds.map((h) => {
            const z = noHolidays.regions.find((r) => r.code === h.region)!.timeZone;
            return `${h.region} ${DateTime.fromJSDate(h.from).setZone(z).toFormat("ccc")}`;
          });
          expect(seen).toEqual([
            ...["Mon", "Tue", "Wed", "Thu", "Fri"].flatMap((d) => [
              `APAC ${d}`,
              `EMEA ${d}`,
              `US ${d}`,
            ]),
            "APAC Mon",
          ]);
          for (let i = 1; i < holds.length; i++) {
            expect(holds[i]!.from.getTime()).toBeGreaterThan(holds[i - 1]!.from.getTime());
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("any zones: each step hands over at the shift's end to a region on duty then or soonest", () => {
    const three = fc.tuple(zone, zone, zone);
    fc.assert(
      fc.property(three, minuteIn(FROM, TO - 30 * DAY), ([za, zb, zc], at) => {
        const policy = policyWith((p) => {
          const hours = allWeekdays("09:00", "17:00");
          p.regions = [
            { code: "A", name: "A", timeZone: za, businessHours: hours, holidays: [] },
            { code: "B", name: "B", timeZone: zb, businessHours: hours, holidays: [] },
            { code: "C", name: "C", timeZone: zc, businessHours: hours, holidays: [] },
          ];
          p.queues = p.queues.map((q) => ({ ...q, region: undefined }));
          p.handover = {
            pairs: [
              { from: "A", to: ["B", "C"] },
              { from: "B", to: ["C"] },
              { from: "C", to: ["A"] },
            ],
          };
        });
        const holds = chain(policy, "A", at, 8);
        const periods = new Set<string>();
        for (const h of holds) {
          const status = Object.fromEntries(
            regionStatus(policy, h.handoffAt).map((r) => [r.region, r]),
          );
          // The holder works until its shift ends (or hands over at once when already off).
          const own = policy.regions.find((r) => r.code === h.region)!;
          const ownState = nextShiftChange(
            { zone: own.timeZone, hours: own.businessHours },
            h.from,
          );
          expect(h.handoffAt).toEqual(ownState.onShift ? ownState.changeAt : h.from);
          // The next region takes over at once if on duty, else when its shift starts: no gap
          // in which it was open and skipped, no second take-over inside the same shift.
          const next = status[h.next]!;
          const from = (code: string) =>
            status[code]!.onDuty ? h.handoffAt : (status[code]!.changeAt as Date);
          expect(h.nextFrom).toEqual(from(h.next));
          for (const other of pairedTargets(policy, h.region))
            expect(from(other).getTime()).toBeGreaterThanOrEqual(h.nextFrom.getTime());
          expect(next.region).toBe(h.next);
          const shift = nextShiftChange(
            {
              zone: policy.regions.find((r) => r.code === h.next)!.timeZone,
              hours: allWeekdays("09:00", "17:00"),
            },
            h.nextFrom,
          );
          expect(shift.onShift).toBe(true);
          const key = `${h.next} ${shift.since?.toISOString()}`;
          expect(periods.has(key), key).toBe(false);
          periods.add(key);
        }
        // The first holder may be off shift already and hand over at once; every later holder
        // takes over on shift and keeps the case until that shift ends.
        for (let i = 1; i < holds.length; i++) {
          const later = holds[i]!.from.getTime();
          const earlier = holds[i - 1]!.from.getTime();
          // Only the first hand-over may happen at the same instant.
          expect(later - earlier).toBeGreaterThanOrEqual(i === 1 ? 0 : 1);
        }
      }),
      { numRuns: 40 },
    );
  });
});
