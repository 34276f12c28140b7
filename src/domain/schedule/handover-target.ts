import { DateTime } from "luxon";
import type { Policy } from "../policy/schema.ts";
import type { ScheduleAgent, ScheduleCase } from "./facts.ts";
import { nextHolder, pairedTargets, type RegionOption } from "./next-holder.ts";

// S1.2: a 24x7 case goes to the next region of its owner's region pair that is on shift when
// the owner's shift ends. Handing it to a region that is not in the pair, or whose shift has
// ended by then, left it unattended until the sweeper raised it as a missed handover. The
// decision reuses `nextHolder`, so what the case page suggests is exactly what is accepted.

/** Why a 24x7 hand-off to `targetRegion` is the wrong one; undefined when it is right. */
export interface HandoverTargetProblem {
  /** The owner's region the case leaves. */
  from: string;
  /** The regions that should take it (all equally soon), best first. */
  expected: RegionOption[];
  message: string;
}

/** "08:00 Europe/Berlin (2026-12-04T07:00Z)", with the weekday when it is not the same day. */
export function whenText(instant: Date, zone: string, at: Date): string {
  const local = DateTime.fromJSDate(instant).setZone(zone);
  const sameDay = local.toISODate() === DateTime.fromJSDate(at).setZone(zone).toISODate();
  const utc = DateTime.fromJSDate(instant).toUTC().toFormat("yyyy-MM-dd'T'HH:mm'Z'");
  return `${local.toFormat(sameDay ? "HH:mm" : "ccc HH:mm")} ${zone} (${utc})`;
}

function orList(items: string[]): string {
  if (items.length < 2) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/**
 * Checks a 24x7 hand-off of an owned case to `targetRegion` at `at`. Cases without an owner (in
 * the queue already), without 24x7, or whose owner's shift never ends within the horizon have
 * no follow-the-sun order to keep, so nothing is said about them.
 */
export function handoverTargetProblem(
  policy: Policy,
  kase: ScheduleCase,
  agents: readonly ScheduleAgent[],
  targetRegion: string,
  at: Date,
): HandoverTargetProblem | undefined {
  if (!kase.is24x7 || !kase.ownerId) return undefined;
  const holder = nextHolder(policy, kase, agents, at);
  const from = holder.currentRegion;
  const best = holder.regions[0];
  if (holder.mode !== "follow_the_sun" || !from || !holder.handoffAt || !best) return undefined;
  // Regions that are on shift equally soon are equally right (APAC hands to IST or EMEA).
  const expected = holder.regions.filter((r) => r.from.getTime() === best.from.getTime());
  if (expected.some((r) => r.region === targetRegion)) return undefined;

  const zoneOf = (code: string) => policy.regions.find((r) => r.code === code)?.timeZone ?? "UTC";
  const names = orList(expected.map((r) => r.region));
  const when =
    best.from.getTime() <= at.getTime()
      ? `, on shift now${best.until ? ` until ${whenText(best.until, zoneOf(best.region), at)}` : ""}`
      : best.onDutyAtHandoff
        ? `, on shift when the owner's shift ends at ${whenText(best.from, zoneOf(best.region), at)}`
        : `, whose shift starts ${whenText(best.from, zoneOf(best.region), at)}`;
  const target = holder.regions.find((r) => r.region === targetRegion);
  const pairs = pairedTargets(policy, from);
  const why =
    pairs.length > 0 && !pairs.includes(targetRegion)
      ? `${targetRegion} is not a region ${from} hands over to`
      : target
        ? `${targetRegion} is not on shift then (its next shift starts ${whenText(target.from, zoneOf(targetRegion), at)})`
        : `${targetRegion} has no shift in the coming weeks`;
  return {
    from,
    expected,
    message: `A 24x7 case goes from ${from} to ${names}${when}; ${why}. Hand it to ${names}.`,
  };
}
