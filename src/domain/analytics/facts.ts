import { DateTime } from "luxon";
import type { MeetingRef } from "../schedule/meetings.ts";
import type { AnalyticsPolicy } from "./policy.ts";
import { type CriterionScore, finalAfter, type StepDone, scoreTransfer } from "./score.ts";

/*
 * What the dashboards measure of each transfer that ended, worked out from one case's history:
 * its transfers, the public replies on it, its reopens and its SLA breaches. Pure: the refresh
 * loads the rows and stores what this returns.
 */

export const SETTLED_STATES = [
  "completed",
  "declined",
  "rejected",
  "withdrawn",
  "expired",
] as const;

export interface TransferHistory {
  id: string;
  kind: string;
  state: string;
  requestedAt: Date;
  completedAt: Date | null;
  updatedAt: Date;
  fromOwnerId: string | null;
  fromQueue: string;
  targetQueue: string | null;
  targetRegion: string | null;
  targetAgentId: string | null;
  /** The template's answers as the sender left them. */
  values: Record<string, unknown>;
  requiredSteps: readonly string[];
  steps: readonly StepDone[];
  /** Where the case went, from the transfer.completed audit row. */
  to: { ownerId: string | null; queue: string | null; region: string | null } | null;
}

export interface CaseHistory {
  caseId: string;
  workspaceId: string;
  is24x7: boolean;
  openedAt: Date;
  /** When a person worked the case: any note or call of theirs, public or private (S3.5). */
  worked: readonly Date[];
  transfers: readonly TransferHistory[];
  /** Public notes and calls on the case, by whom and when. */
  replies: readonly { authorId: string | null; at: Date }[];
  /** When the case went from resolved or solution delivered back to work. */
  reopens: readonly Date[];
  /** When one of its SLA clocks breached. */
  breaches: readonly Date[];
}

/** What the facts need to know of the workspace. */
export interface FactContext {
  analytics: AnalyticsPolicy;
  zone: string;
  kinds: ReadonlyMap<string, { templateKeys: readonly string[]; customerNotice: "auto" | "off" }>;
  /** The region of each queue that has one, and of each member. */
  queueRegion: ReadonlyMap<string, string>;
  memberRegion: ReadonlyMap<string, string>;
  /** The handover meeting of the pair from → to nearest `at`, if the pair has one then. */
  meetingNear: (from: string, to: string, at: Date) => MeetingRef | null;
}

export interface HandoffFact {
  transferId: string;
  workspaceId: string;
  caseId: string;
  kind: string;
  outcome: string;
  requestedAt: Date;
  settledAt: Date;
  day: string;
  fromQueue: string;
  toQueue: string | null;
  fromRegion: string | null;
  toRegion: string | null;
  fromOwnerId: string | null;
  toOwnerId: string | null;
  is24x7: boolean;
  approvalMinutes: number | null;
  acceptanceMinutes: number | null;
  customerToldMinutes: number | null;
  completionMinutes: number | null;
  firstResponseMinutes: number | null;
  idleMinutes: number | null;
  meeting: MeetingRef | null;
  bouncedBack: boolean;
  reopened: boolean;
  slaBreachedAfter: boolean;
  windowHandoffs: number;
  score: number | null;
  scoreFinal: boolean;
  criteria: CriterionScore[] | null;
}

const HOUR = 3_600_000;
const minutesBetween = (from: Date, to: Date | null | undefined) =>
  to ? Math.round(((to.getTime() - from.getTime()) / 60_000) * 10) / 10 : null;

const filled = (value: unknown) =>
  value !== undefined && value !== null && String(value).trim() !== "";

const firstAfter = (dates: readonly Date[], from: Date) =>
  dates
    .filter((d) => d.getTime() >= from.getTime())
    .reduce<Date | null>((min, d) => (!min || d < min ? d : min), null);

/** The facts of every settled transfer of one case, at `now`. */
export function handoffFacts(history: CaseHistory, ctx: FactContext, now: Date): HandoffFact[] {
  const settled = history.transfers.filter((t) =>
    (SETTLED_STATES as readonly string[]).includes(t.state),
  );
  return settled.map((t) => {
    const completed = t.state === "completed" && t.completedAt ? t.completedAt : null;
    const settledAt = completed ?? t.updatedAt;
    const toOwnerId = t.to?.ownerId ?? (completed ? t.targetAgentId : null);
    const toQueue = t.to?.queue ?? t.targetQueue;
    const regionOf = (owner: string | null, queue: string | null) =>
      (owner ? ctx.memberRegion.get(owner) : undefined) ??
      (queue ? ctx.queueRegion.get(queue) : undefined) ??
      null;
    const stepAt = (step: string) => t.steps.find((s) => s.step === step)?.at ?? null;
    const kind = ctx.kinds.get(t.kind);
    const customerToldAt =
      stepAt("customer_notified") ??
      (completed && kind?.customerNotice === "auto" ? completed : null);
    const facts = {
      transferId: t.id,
      workspaceId: history.workspaceId,
      caseId: history.caseId,
      kind: t.kind,
      outcome: t.state,
      requestedAt: t.requestedAt,
      settledAt,
      day: DateTime.fromJSDate(settledAt, { zone: ctx.zone }).toISODate() ?? "",
      fromQueue: t.fromQueue,
      toQueue,
      fromRegion: regionOf(t.fromOwnerId, t.fromQueue),
      toRegion: t.to?.region ?? t.targetRegion ?? regionOf(toOwnerId, toQueue),
      fromOwnerId: t.fromOwnerId,
      toOwnerId,
      is24x7: history.is24x7,
      approvalMinutes: minutesBetween(t.requestedAt, stepAt("approval")),
      acceptanceMinutes: minutesBetween(t.requestedAt, stepAt("receiver_acceptance")),
      customerToldMinutes: minutesBetween(t.requestedAt, customerToldAt),
      completionMinutes: minutesBetween(t.requestedAt, completed),
    };
    if (!completed)
      return {
        ...facts,
        firstResponseMinutes: null,
        idleMinutes: null,
        meeting: null,
        bouncedBack: false,
        reopened: false,
        slaBreachedAfter: false,
        windowHandoffs: 0,
        score: null,
        scoreFinal: true,
        criteria: null,
      };
    const a = ctx.analytics;
    const firstResponseAt = toOwnerId
      ? firstAfter(
          history.replies.filter((r) => r.authorId === toOwnerId).map((r) => r.at),
          completed,
        )
      : null;
    // Back to the sender: a later completed transfer of the case that gave it to them again.
    const bouncedBackAt = t.fromOwnerId
      ? firstAfter(
          history.transfers
            .filter(
              (o) =>
                o.id !== t.id &&
                o.state === "completed" &&
                o.completedAt !== null &&
                o.completedAt > completed &&
                (o.to?.ownerId ?? o.targetAgentId) === t.fromOwnerId,
            )
            .map((o) => o.completedAt as Date),
          completed,
        )
      : null;
    const reopenedAt = firstAfter(history.reopens, completed);
    const breachedAt = firstAfter(history.breaches, completed);
    const score = scoreTransfer(
      {
        completedAt: completed,
        template: {
          fields: kind?.templateKeys.length ?? 0,
          filled: kind?.templateKeys.filter((k) => filled(t.values[k])).length ?? 0,
        },
        requiredSteps: t.requiredSteps,
        stepsDone: t.steps,
        customerToldAt,
        firstResponseAt,
        bouncedBackAt,
        reopenedAt,
      },
      a,
      now,
    );
    // The idle clock runs from the last time someone worked the case, and a handoff does not
    // reset it (S3.5): what it showed at completion is what the receiver inherited.
    const lastWorked = [history.openedAt, ...history.worked]
      .filter((d) => d.getTime() <= completed.getTime())
      .reduce<Date | null>((max, d) => (!max || d > max ? d : max), null);
    const crossesRegions =
      history.is24x7 &&
      facts.fromRegion !== null &&
      facts.toRegion !== null &&
      facts.fromRegion !== facts.toRegion;
    const inWindow = (at: Date | null, hours: number) =>
      at !== null && at.getTime() - completed.getTime() <= hours * HOUR;
    return {
      ...facts,
      firstResponseMinutes: minutesBetween(completed, firstResponseAt),
      idleMinutes: lastWorked ? minutesBetween(lastWorked, completed) : null,
      meeting:
        crossesRegions && facts.fromRegion && facts.toRegion
          ? ctx.meetingNear(facts.fromRegion, facts.toRegion, completed)
          : null,
      bouncedBack: inWindow(bouncedBackAt, a.bounceBackHours),
      reopened: inWindow(reopenedAt, a.reopenHours),
      slaBreachedAfter: inWindow(breachedAt, a.slaWindowHours),
      windowHandoffs: settled.filter(
        (o) =>
          o.state === "completed" &&
          o.completedAt !== null &&
          o.completedAt <= completed &&
          o.completedAt.getTime() > completed.getTime() - a.pingPongHours * HOUR,
      ).length,
      score: score.score,
      // Final only once every window, the SLA one included, has closed.
      scoreFinal:
        score.final &&
        now.getTime() >= finalAfter(completed, a).getTime() &&
        now.getTime() >= completed.getTime() + a.slaWindowHours * HOUR,
      criteria: score.criteria,
    };
  });
}
