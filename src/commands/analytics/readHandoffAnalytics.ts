import { z } from "zod";
import { type Actor, membershipIn } from "../../auth/actor.ts";
import { analyticsScope } from "../../auth/authorize.ts";
import { STEP_NAMES } from "../../db/analytics-sql.ts";
import type { Db } from "../../db/client.ts";
import { analyticsWatermark } from "../../db/schema.ts";
import { scoreFigures, slaFigures, transferFigures } from "../../domain/analytics/figures.ts";
import { stepFigures } from "../../domain/analytics/steps.ts";
import { sunFigures } from "../../domain/analytics/sun-figures.ts";
import { isoWeeksOf } from "../../domain/analytics/weeks.ts";
import { invalid } from "../../domain/errors.ts";
import { reportDays, reportingZone, reportRange } from "../../domain/reports/project-volume.ts";
import { code } from "../../domain/text.ts";
import {
  bouncePairs,
  capacitySeries,
  handoffCounts,
  lowestScores,
  missedHandovers,
  pingPongCases,
  stepCounts,
  sunHandovers,
} from "../../loaders/handoff-analytics.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";

export const handoffAnalyticsQuery = z.strictObject({
  ...reportDays,
  queue: code.optional().describe("Only handoffs from or to this queue (team), by its code"),
  region: code.optional().describe("Only handoffs from or to this region, by its code"),
  kind: code.optional().describe("Only transfers of this kind, by its code"),
});

export type HandoffAnalyticsQuery = z.infer<typeof handoffAnalyticsQuery>;

/** How many of the lowest-scoring transfers the dashboard lists. */
export const LOWEST_LIMIT = 20;

/**
 * Handoff analytics (issue 18, docs/analytics.md): transfers by kind, region pair, queue and
 * week with their outcomes; time in each step; ping-pong; follow-the-sun handovers and misses;
 * SLA breaches after a handoff; quality scores by team and kind with the lowest transfers
 * explained; open cases per queue and agent. From what the analytics refresh stored, narrowed
 * to the handoffs the actor may see (analyticsScope), which the answer names.
 */
export async function readHandoffAnalytics(
  db: Db,
  actor: Actor,
  slug: string,
  query: HandoffAnalyticsQuery,
  now: Date = new Date(),
) {
  const ws = await memberWorkspace(db, actor, { slug }, `Workspace ${slug}`);
  const { policy } = ws;
  const scope = analyticsScope(actor, ws.id, policy);
  if (query.queue && !policy.queues.some((q) => q.code === query.queue))
    throw invalid("querystring.queue", "is not a queue of this workspace");
  if (query.region && !policy.regions.some((r) => r.code === query.region))
    throw invalid("querystring.region", "is not a region of this workspace");
  if (query.kind && !policy.transferKinds.some((k) => k.code === query.kind))
    throw invalid("querystring.kind", "is not a transfer kind of this workspace");
  const zone = reportingZone(policy.regions);
  const range = reportRange(query, zone, now);
  const filter = {
    from: range.from,
    to: range.to,
    queue: query.queue,
    region: query.region,
    kind: query.kind,
  };
  const a = policy.analytics;
  const [counts, steps, pingPong, pairs, sun, missed, lowest, capacity, [mark]] = await Promise.all(
    [
      handoffCounts(db, ws.id, scope, filter),
      stepCounts(db, ws.id, scope, filter),
      pingPongCases(db, ws.id, scope, filter, a.pingPongLimit),
      bouncePairs(db, ws.id, scope, filter),
      sunHandovers(db, ws.id, scope, filter),
      missedHandovers(db, ws.id, scope, filter),
      lowestScores(db, ws.id, scope, filter, LOWEST_LIMIT),
      capacitySeries(db, ws.id, scope, filter),
      db.select({ at: analyticsWatermark.refreshedAt }).from(analyticsWatermark),
    ],
  );
  const named = (list: readonly { code: string; name: string }[]) =>
    list.map((i) => ({ code: i.code, name: i.name }));
  return {
    workspace: ws.slug,
    range: { from: range.from, to: range.to, zone: range.zone },
    scope: {
      scope: scope.scope,
      queues: scope.scope === "team" ? [...scope.queues] : [],
      role: membershipIn(actor, ws.id)?.role ?? null,
    },
    filters: {
      queue: query.queue ?? null,
      region: query.region ?? null,
      kind: query.kind ?? null,
    },
    policy: a,
    transfers: transferFigures(counts, isoWeeksOf(range)),
    steps: stepFigures(steps, STEP_NAMES),
    pingPong: {
      limit: a.pingPongLimit,
      hours: a.pingPongHours,
      cases: pingPong.map((p) => ({
        caseNumber: p.case_number,
        subject: p.subject,
        handoffs: p.handoffs,
        lastAt: p.last_at.toISOString(),
      })),
      pairs: pairs.map((p) => ({
        fromId: p.from_owner,
        from: p.from_name,
        toId: p.to_owner,
        to: p.to_name,
        transfers: p.transfers,
        bounced: p.bounced,
      })),
    },
    followTheSun: followTheSunFigures(sun, missed),
    sla: { windowHours: a.slaWindowHours, byKind: slaFigures(counts) },
    scores: scoreFigures(counts),
    lowest: lowest.map((l) => ({
      transferId: l.transfer_id,
      caseNumber: l.case_number,
      subject: l.subject,
      kind: l.kind,
      day: l.day,
      from: l.from_name,
      to: l.to_name,
      fromQueue: l.from_queue,
      toQueue: l.to_queue,
      score: l.score,
      final: l.score_final,
      criteria: l.criteria,
    })),
    capacity,
    choices: {
      queues: named(policy.queues),
      regions: policy.regions.map((r) => ({ code: r.code, name: r.code })),
      kinds: named(policy.transferKinds),
    },
    refreshedAt: mark && mark.at.getTime() > 0 ? mark.at.toISOString() : null,
    generatedAt: now.toISOString(),
  };
}

export type HandoffAnalytics = Awaited<ReturnType<typeof readHandoffAnalytics>>;

type SunRows = Awaited<ReturnType<typeof sunHandovers>>;
type MissedRows = Awaited<ReturnType<typeof missedHandovers>>;

function followTheSunFigures(sun: SunRows, missed: MissedRows) {
  const row = (r: SunRows[number] | MissedRows[number], count: number) => ({
    fromRegion: r.from_region,
    toRegion: r.to_region,
    meeting: r.meeting_series || null,
    meetingTitle: r.meeting_title,
    count,
  });
  const { pairs, meetings } = sunFigures(
    sun.map((s) => row(s, s.handovers)),
    missed.map((m) => row(m, m.missed)),
  );
  const byRegion = new Map<string | null, number>();
  for (const m of missed)
    byRegion.set(m.from_region, (byRegion.get(m.from_region) ?? 0) + m.missed);
  return {
    handedOver: pairs
      .filter((p) => p.handedOver > 0)
      .map((p) => ({ fromRegion: p.fromRegion, toRegion: p.toRegion, handovers: p.handedOver }))
      .sort((a, b) => b.handovers - a.handovers),
    missed: [...byRegion]
      .map(([region, count]) => ({ region, missed: count }))
      .sort((a, b) => b.missed - a.missed),
    pairs,
    meetings,
  };
}
