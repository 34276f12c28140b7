import { DateTime } from "luxon";
import type { FactContext } from "./facts.ts";

/*
 * Missed 24x7 handovers as the analytics count them: one per case and shift end, however many
 * escalation levels it was raised to, with where the case should have gone. Pure: the refresh
 * loads the raises' audit rows and stores what this returns.
 */

/** One `case.handover_missed` audit row, with the case's queue and owner when it is read. */
export interface RaiseRow {
  caseId: string;
  workspaceId: string;
  at: Date;
  queue: string;
  caseOwnerId: string | null;
  data: {
    key: string;
    ownerId?: string | undefined;
    shiftEndedAt?: string | null | undefined;
    fromRegion?: string | undefined;
    toRegion?: string | null | undefined;
    meeting?: { key: string; title: string } | null | undefined;
  };
}

export interface HandoverMiss {
  caseId: string;
  shiftKey: string;
  workspaceId: string;
  raisedAt: Date;
  /** The day the shift ended on (of the raise when not known) in the reporting zone. */
  day: string;
  queue: string;
  ownerId: string | null;
  fromRegion: string | null;
  toRegion: string | null;
  meetingKey: string | null;
  meetingTitle: string | null;
}

/** The raise key's shift end part ("<ISO end>#<level>" → "<ISO end>"). */
export const shiftKeyOf = (raiseKey: string) => raiseKey.split("#")[0] ?? raiseKey;

/**
 * The misses the raises record, the first raise of each shift end standing for it. Raises kept
 * before they named regions fall back to the owner's region today, and to no receiving region.
 */
export function handoverMisses(
  raises: readonly RaiseRow[],
  contextOf: (workspaceId: string) => Pick<FactContext, "zone" | "memberRegion" | "meetingNear">,
): HandoverMiss[] {
  const first = new Map<string, RaiseRow>();
  for (const r of raises) {
    const id = `${r.caseId}|${shiftKeyOf(r.data.key)}`;
    const seen = first.get(id);
    if (!seen || r.at < seen.at) first.set(id, r);
  }
  return [...first.values()].map((r) => {
    const ctx = contextOf(r.workspaceId);
    const ownerId = r.data.ownerId ?? r.caseOwnerId;
    const fromRegion =
      r.data.fromRegion ?? (ownerId ? ctx.memberRegion.get(ownerId) : null) ?? null;
    const toRegion = r.data.toRegion ?? null;
    const shiftEnd = r.data.shiftEndedAt ? new Date(r.data.shiftEndedAt) : null;
    const meeting =
      r.data.meeting !== undefined
        ? r.data.meeting
        : fromRegion && toRegion && shiftEnd
          ? ctx.meetingNear(fromRegion, toRegion, shiftEnd)
          : null;
    return {
      caseId: r.caseId,
      shiftKey: shiftKeyOf(r.data.key),
      workspaceId: r.workspaceId,
      raisedAt: r.at,
      // The miss belongs to the shift that ended without a handover, not to the sweep.
      day: DateTime.fromJSDate(shiftEnd ?? r.at, { zone: ctx.zone }).toISODate() ?? "",
      queue: r.queue,
      ownerId,
      fromRegion,
      toRegion,
      meetingKey: meeting?.key ?? null,
      meetingTitle: meeting?.title ?? null,
    };
  });
}
