import { DateTime } from "luxon";
import { z } from "zod";
import { invalid } from "../errors.ts";

/*
 * Project volume (S2.6): how many cases project work opens, where they go, how long the
 * roadblocks last and which projects they push back. Seed 002 keeps these cases to "gauge volume
 * for capacity planning" and to let the PM "gauge project timeline impact". Everything here is
 * arithmetic on rows the loader read; the grouping by week, product and queue is done by the
 * database, with the week boundaries decided here.
 */

/** The longest range one report covers: two years of weeks, so an answer stays a page. */
export const MAX_REPORT_DAYS = 731;
/** Weeks shown when no range is asked for: this ISO week and the eleven before it. */
export const DEFAULT_WEEKS = 12;

export interface ReportWeek {
  /** ISO week, e.g. "2026-W14" (ISO week-numbering year, so late December can be W01). */
  key: string;
  /** The Monday that starts the week, in the reporting zone. */
  startsOn: string;
  /** Midnight that Monday and the next Monday in the reporting zone, as instants. */
  startsAt: Date;
  endsAt: Date;
}

export interface ReportRange {
  /** First and last day counted (inclusive), in the reporting zone. */
  from: string;
  to: string;
  zone: string;
  /** Midnight starting `from` and midnight after `to`, in the zone. */
  startsAt: Date;
  endsAt: Date;
  /** Every ISO week the range touches; the first and last may be counted in part. */
  weeks: ReportWeek[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string, field: string, zone: string): DateTime {
  const parsed = DAY.test(value) ? DateTime.fromISO(value, { zone }) : null;
  if (!parsed?.isValid) throw invalid(field, "must be a date such as 2026-03-30");
  return parsed.startOf("day");
}

export const isoWeekKey = (d: DateTime): string =>
  `${d.weekYear}-W${String(d.weekNumber).padStart(2, "0")}`;

/** The ISO week an instant falls in, read on the wall clock of `zone`. */
export function isoWeekOf(at: Date, zone: string): string {
  return isoWeekKey(DateTime.fromJSDate(at, { zone }));
}

/**
 * The days a report covers. Without `from`, it starts on the Monday eleven weeks before the week
 * of `to` (so twelve ISO weeks); without `to`, it ends today in the zone.
 */
export function reportRange(
  asked: { from?: string | undefined; to?: string | undefined },
  zone: string,
  now: Date,
): ReportRange {
  const last = asked.to
    ? day(asked.to, "to", zone)
    : DateTime.fromJSDate(now, { zone }).startOf("day");
  const first = asked.from
    ? day(asked.from, "from", zone)
    : last.startOf("week").minus({ weeks: DEFAULT_WEEKS - 1 });
  if (first > last) throw invalid("from", "must not be after to");
  if (last.diff(first, "days").days >= MAX_REPORT_DAYS)
    throw invalid("to", `must be less than ${MAX_REPORT_DAYS} days after from`);
  const weeks: ReportWeek[] = [];
  for (let monday = first.startOf("week"); monday <= last; monday = monday.plus({ weeks: 1 })) {
    weeks.push({
      key: isoWeekKey(monday),
      startsOn: monday.toISODate() ?? "",
      startsAt: monday.toJSDate(),
      endsAt: monday.plus({ weeks: 1 }).toJSDate(),
    });
  }
  return {
    from: first.toISODate() ?? "",
    to: last.toISODate() ?? "",
    zone,
    startsAt: first.toJSDate(),
    endsAt: last.plus({ days: 1 }).startOf("day").toJSDate(),
    weeks,
  };
}

/** Which zone the weeks are read in: the workspace's first region's (the policy lists it first). */
export function reportingZone(regions: readonly { timeZone: string }[]): string {
  return regions[0]?.timeZone ?? "UTC";
}

export interface Named {
  code: string;
  name: string;
}

/** A count by product or queue; a case without a product has code null. */
export interface Tally {
  code: string | null;
  name: string;
  cases: number;
}

/** One row of the database's grouping: cases opened that week into that queue, for that product. */
export interface WeekCount {
  week: string;
  product: string | null;
  queue: string;
  cases: number;
}

export interface VolumeWeek {
  week: string;
  startsOn: string;
  cases: number;
  byProduct: Tally[];
  byQueue: Tally[];
}

export interface Volume {
  cases: number;
  byProduct: Tally[];
  byQueue: Tally[];
  weeks: VolumeWeek[];
}

export const NO_PRODUCT = "No product";

const nameOf = (list: readonly Named[], code: string | null) =>
  code === null ? NO_PRODUCT : (list.find((i) => i.code === code)?.name ?? code);

/** Most cases first, then by name, so charts and tables list the busiest first. */
function tallies(counts: Map<string | null, number>, names: readonly Named[]): Tally[] {
  return [...counts]
    .map(([code, cases]) => ({ code, name: nameOf(names, code), cases }))
    .sort((a, b) => b.cases - a.cases || a.name.localeCompare(b.name));
}

function add<K>(map: Map<K, number>, key: K, n: number) {
  map.set(key, (map.get(key) ?? 0) + n);
}

/**
 * Weekly counts with every week of the range (none missing, zeros shown) and, in each week, every
 * product and queue that appears anywhere in the range, in the same order as the totals.
 */
export function volumeFigures(
  range: ReportRange,
  rows: readonly WeekCount[],
  names: { products: readonly Named[]; queues: readonly Named[] },
): Volume {
  const products = new Map<string | null, number>();
  const queues = new Map<string, number>();
  for (const r of rows) {
    add(products, r.product, r.cases);
    add(queues, r.queue, r.cases);
  }
  const byProduct = tallies(products, names.products);
  const byQueue = tallies(queues, names.queues);
  const weeks = range.weeks.map((w) => {
    const mine = rows.filter((r) => r.week === w.key);
    const sum = (pick: (r: WeekCount) => boolean) =>
      mine.filter(pick).reduce((n, r) => n + r.cases, 0);
    return {
      week: w.key,
      startsOn: w.startsOn,
      cases: sum(() => true),
      byProduct: byProduct.map((t) => ({ ...t, cases: sum((r) => r.product === t.code) })),
      byQueue: byQueue.map((t) => ({ ...t, cases: sum((r) => r.queue === t.code) })),
    };
  });
  return { cases: rows.reduce((n, r) => n + r.cases, 0), byProduct, byQueue, weeks };
}

/**
 * The p-th percentile (0…1) by linear interpolation between the closest ranks, as PostgreSQL's
 * percentile_cont and spreadsheets' PERCENTILE.INC compute it; null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const low = sorted[lo] ?? 0;
  const high = sorted[hi] ?? low;
  return low + (high - low) * (rank - lo);
}

const hours = (minutes: number | null) =>
  minutes === null ? null : Math.round((minutes / 60) * 10) / 10;

export interface ResolvedRoadblock {
  product: string | null;
  blockedAt: Date;
  resolvedAt: Date;
}

export interface OpenRoadblockRow {
  taskNumber: number;
  taskTitle: string;
  caseNumber: number;
  project: string;
  product: string | null;
  queue: string;
  blockedAt: Date;
}

export interface ResolutionRow {
  code: string | null;
  name: string;
  resolved: number;
  medianHours: number | null;
  p90Hours: number | null;
}

export interface OpenRoadblock extends OpenRoadblockRow {
  productName: string;
  /** Whole days since the roadblock (calendar time, not business hours). */
  ageDays: number;
}

export interface Resolution {
  /** All products together, then each product, most resolved first. */
  overall: ResolutionRow;
  byProduct: ResolutionRow[];
  open: OpenRoadblock[];
}

function resolutionRow(code: string | null, name: string, minutes: number[]): ResolutionRow {
  return {
    code,
    name,
    resolved: minutes.length,
    medianHours: hours(percentile(minutes, 0.5)),
    p90Hours: hours(percentile(minutes, 0.9)),
  };
}

/**
 * Time from roadblock (the task's blocked_at, when its case was opened) to the case's resolution,
 * in calendar hours: count, median and 90th percentile per product; and the roadblocks whose case
 * is still open, oldest first, with their age at `now`.
 */
export function resolutionFigures(
  resolved: readonly ResolvedRoadblock[],
  open: readonly OpenRoadblockRow[],
  products: readonly Named[],
  now: Date,
): Resolution {
  const byCode = new Map<string | null, number[]>();
  const all: number[] = [];
  for (const r of resolved) {
    const minutes = DateTime.fromJSDate(r.resolvedAt)
      .diff(DateTime.fromJSDate(r.blockedAt), "minutes")
      .as("minutes");
    const list = byCode.get(r.product) ?? [];
    list.push(minutes);
    byCode.set(r.product, list);
    all.push(minutes);
  }
  const byProduct = [...byCode]
    .map(([code, minutes]) => resolutionRow(code, nameOf(products, code), minutes))
    .sort((a, b) => b.resolved - a.resolved || a.name.localeCompare(b.name));
  const at = DateTime.fromJSDate(now);
  return {
    overall: resolutionRow(null, "All products", all),
    byProduct,
    open: [...open]
      .sort((a, b) => a.blockedAt.getTime() - b.blockedAt.getTime() || a.taskNumber - b.taskNumber)
      .map((o) => ({
        ...o,
        productName: nameOf(products, o.product),
        ageDays: Math.max(
          0,
          Math.floor(at.diff(DateTime.fromJSDate(o.blockedAt), "days").as("days")),
        ),
      })),
  };
}

export interface BlockedTaskRow {
  projectCode: string;
  projectName: string;
  projectEndsOn: string | null;
  taskNumber: number;
  taskTitle: string;
  caseNumber: number;
  dueOn: string | null;
  finishOn: string | null;
}

export interface MovedTask {
  number: number;
  title: string;
  caseNumber: number;
  dueOn: string | null;
  finishOn: string;
  /** Days the expected finish lies after the task's due date (0 when it does not). */
  daysPastDue: number;
  /** Days the expected finish lies after the project's planned end (0 when it does not). */
  daysPastProjectEnd: number;
}

export interface MovedProject {
  code: string;
  name: string;
  endsOn: string | null;
  /** The latest expected finish of its blocked tasks, when that is after the planned end. */
  projectedEndOn: string | null;
  /** How many days the project's end moves: projectedEndOn − endsOn, or 0. */
  daysMoved: number;
  /** The largest slip of one task past its own due date. */
  maxDaysPastDue: number;
  tasks: MovedTask[];
}

/** Whole calendar days from `a` to `b` (both dates); positive when b is later. */
function daysBetween(a: string, b: string): number {
  return DateTime.fromISO(b, { zone: "UTC" }).diff(DateTime.fromISO(a, { zone: "UTC" }), "days")
    .days;
}

/**
 * The projects whose timelines moved: a blocked task whose expected finish (finish_on, given when
 * the case was opened) is after its due date or after the project's planned end. Most moved first.
 */
export function movedProjects(rows: readonly BlockedTaskRow[]): MovedProject[] {
  const projects = new Map<string, MovedProject>();
  for (const r of rows) {
    if (r.finishOn === null) continue;
    const pastDue = r.dueOn === null ? 0 : Math.max(0, daysBetween(r.dueOn, r.finishOn));
    const pastEnd =
      r.projectEndsOn === null ? 0 : Math.max(0, daysBetween(r.projectEndsOn, r.finishOn));
    if (pastDue === 0 && pastEnd === 0) continue;
    const project = projects.get(r.projectCode) ?? {
      code: r.projectCode,
      name: r.projectName,
      endsOn: r.projectEndsOn,
      projectedEndOn: null,
      daysMoved: 0,
      maxDaysPastDue: 0,
      tasks: [],
    };
    project.tasks.push({
      number: r.taskNumber,
      title: r.taskTitle,
      caseNumber: r.caseNumber,
      dueOn: r.dueOn,
      finishOn: r.finishOn,
      daysPastDue: pastDue,
      daysPastProjectEnd: pastEnd,
    });
    project.maxDaysPastDue = Math.max(project.maxDaysPastDue, pastDue);
    if (pastEnd > project.daysMoved) {
      project.daysMoved = pastEnd;
      project.projectedEndOn = r.finishOn;
    }
    projects.set(r.projectCode, project);
  }
  return [...projects.values()]
    .map((p) => ({ ...p, tasks: p.tasks.sort((a, b) => a.number - b.number) }))
    .sort(
      (a, b) =>
        b.daysMoved - a.daysMoved ||
        b.maxDaysPastDue - a.maxDaysPastDue ||
        a.code.localeCompare(b.code),
    );
}

/** A day as the report's filters take it: YYYY-MM-DD, a real calendar date. */
export const reportDay = z
  .string()
  .regex(DAY, "must be a date such as 2026-03-30")
  .refine((v) => DateTime.fromISO(v, { zone: "UTC" }).isValid, "is not a date on the calendar")
  // The default range reaches back eleven weeks and PostgreSQL has no year 0 nor year 10000, so
  // keep well inside what both the database and any project can have.
  .refine((v) => v >= "1970-01-01" && v <= "2999-12-31", "must be between 1970 and 2999");

/** The days a report covers, as its query takes them; both optional (reportRange fills them). */
export const reportDays = {
  from: reportDay
    .optional()
    .describe(
      "First day counted (YYYY-MM-DD, in the reporting zone); by default the Monday eleven weeks before the week of to",
    ),
  to: reportDay
    .optional()
    .describe("Last day counted (YYYY-MM-DD, in the reporting zone); by default today"),
};
