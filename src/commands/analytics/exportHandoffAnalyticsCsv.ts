import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { type CsvCell, toCsv } from "../../presenters/csv.ts";
import {
  type HandoffAnalytics,
  type HandoffAnalyticsQuery,
  handoffAnalyticsQuery,
  readHandoffAnalytics,
} from "./readHandoffAnalytics.ts";

/** The tables of the handoff analytics a CSV can hold, one per chart (docs/analytics.md). */
export const ANALYTICS_TABLES = [
  "kinds",
  "region-pairs",
  "queue-pairs",
  "weeks",
  "steps",
  "ping-pong",
  "bounces",
  "follow-the-sun",
  "meetings",
  "sla",
  "scores",
  "lowest",
  "capacity",
] as const;
export type AnalyticsTable = (typeof ANALYTICS_TABLES)[number];

const OUTCOME_HEADER = ["Total", "Completed", "Declined", "Rejected", "Withdrawn", "Expired"];

/** One table of the analytics as CSV (RFC 4180, a header row). */
function handoffAnalyticsCsv(r: HandoffAnalytics, table: AnalyticsTable): string {
  const outcomes = (
    first: string,
    list: HandoffAnalytics["transfers"]["byKind"],
  ): [string[], CsvCell[][]] => [
    [first, ...OUTCOME_HEADER],
    list.map((t) => [t.key, t.total, t.completed, t.declined, t.rejected, t.withdrawn, t.expired]),
  ];
  const tables: Record<AnalyticsTable, () => [string[], CsvCell[][]]> = {
    kinds: () => outcomes("Kind", r.transfers.byKind),
    "region-pairs": () => outcomes("Region pair", r.transfers.byRegionPair),
    "queue-pairs": () => outcomes("Queue pair", r.transfers.byQueuePair),
    weeks: () => outcomes("Week", r.transfers.byWeek),
    steps: () => [
      ["Kind", "Step", "Transfers", "Median minutes", "90th percentile minutes"],
      [
        ...r.steps.overall.map((s) => [
          "All kinds",
          s.step,
          s.transfers,
          s.medianMinutes,
          s.p90Minutes,
        ]),
        ...r.steps.byKind.flatMap((k) =>
          k.steps.map((s) => [k.kind, s.step, s.transfers, s.medianMinutes, s.p90Minutes]),
        ),
      ],
    ],
    "ping-pong": () => [
      ["Case", "Subject", `Handoffs within ${r.pingPong.hours} h`, "Last handoff (UTC)"],
      r.pingPong.cases.map((c) => [c.caseNumber, c.subject, c.handoffs, c.lastAt]),
    ],
    bounces: () => [
      ["From", "To", "Transfers", "Bounced back"],
      r.pingPong.pairs.map((p) => [p.from, p.to, p.transfers, p.bounced]),
    ],
    "follow-the-sun": () => [
      ["From region", "To region", "Handed over", "Missed", "Missed share"],
      r.followTheSun.pairs.map((p) => [
        p.fromRegion,
        p.toRegion,
        p.handedOver,
        p.missed,
        p.missedShare,
      ]),
    ],
    meetings: () => [
      ["Meeting", "From region", "To region", "Handed over", "Missed", "Missed share"],
      r.followTheSun.meetings.map((m) => [
        m.title,
        m.fromRegion,
        m.toRegion,
        m.handedOver,
        m.missed,
        m.missedShare,
      ]),
    ],
    sla: () => [
      ["Kind", "Handoffs", `Breached within ${r.sla.windowHours} h`, "Not breached", "Share"],
      r.sla.byKind.map((s) => [s.kind, s.handoffs, s.breachedAfter, s.notBreached, s.share]),
    ],
    scores: () => [
      ["By", "Team or kind", "Scored", "Average score", "Bounced back"],
      [
        ...r.scores.byQueue.map((s) => ["queue", s.key, s.scored, s.average, s.bounced]),
        ...r.scores.byKind.map((s) => ["kind", s.key, s.scored, s.average, s.bounced]),
      ],
    ],
    lowest: () => [
      ["Case", "Subject", "Kind", "Day", "From", "To", "Score", "Final", "Why"],
      r.lowest.map((l) => [
        l.caseNumber,
        l.subject,
        l.kind,
        l.day,
        l.from,
        l.to,
        l.score,
        l.final ? "yes" : "no",
        l.criteria
          .filter((c) => c.points < c.max)
          .map((c) => c.reason)
          .join("; "),
      ]),
    ],
    capacity: () => [
      ["Day", "Queue", "Agent", "Open cases"],
      [
        ...r.capacity.byQueue.map((c) => [c.day, c.queue, "All", c.openCases]),
        ...r.capacity.byAgent.map((c) => [c.day, c.queue, c.name, c.openCases]),
      ],
    ],
  };
  const [header, rows] = tables[table]();
  return toCsv(header, rows);
}

export const handoffAnalyticsCsvQuery = handoffAnalyticsQuery.extend({
  table: z
    .enum(ANALYTICS_TABLES)
    .describe("Which table: the one beside the chart of the same name (docs/analytics.md)"),
});

/** One table of the handoff analytics as CSV, with the same filters and scope as the page. */
export async function exportHandoffAnalyticsCsv(
  db: Db,
  actor: Actor,
  slug: string,
  query: HandoffAnalyticsQuery & { table: AnalyticsTable },
  now: Date = new Date(),
) {
  const report = await readHandoffAnalytics(db, actor, slug, query, now);
  return {
    filename: `handoffs-${report.workspace}-${query.table}-${report.range.from}-to-${report.range.to}.csv`,
    csv: handoffAnalyticsCsv(report, query.table),
  };
}
