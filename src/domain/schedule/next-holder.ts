import { DateTime } from "luxon";
import type { Policy } from "../policy/schema.ts";
import { onLeave } from "../transfer/leave.ts";
import {
  inWindow,
  locateAgent,
  locateRegion,
  memo,
  type ScheduleContext,
  scheduleContext,
  workingState,
} from "./context.ts";
import type { ScheduleAgent, ScheduleCase } from "./facts.ts";
import { isValidZone, type ShiftState } from "./hours.ts";
import { handoverMeetings, type MeetingOccurrence } from "./meetings.ts";
import { customerCoverage, type RegionCoverage } from "./regions.ts";
import { titleRegion } from "./title.ts";

/** A region that could take a case, and from when. */
export interface RegionOption {
  region: string;
  name: string;
  /** When the region can take the case: the handoff time if it is on duty then, else its next shift start. */
  from: Date;
  /** When that shift ends; null when beyond the horizon (always open). */
  until: Date | null;
  onDutyAtHandoff: boolean;
  /** Named by a handover pair from the current region (S1.2). */
  paired: boolean;
  /** Agents there who can take it at `from` with the case's skill and language, available. */
  matchingAgents: number;
}

/** An agent who could take a case. */
export interface AgentOption {
  agentId: string;
  name: string;
  role: string;
  /** When they can take it: the region's `from`, or their own shift start if later. */
  takeOverAt: Date;
  /** The end of that shift; null beyond the horizon. */
  shiftEnd: Date | null;
  skillMatch: boolean;
  languageMatch: boolean;
  /** Off queue right now (S4.6); ranked after those who are not. */
  offQueue: boolean;
  handoverSme: boolean;
  /** Open cases per unit of capacity. */
  load: number;
}

/** S0.2/S1.3: how the regions serve the customer's time zone. */
export interface CustomerService {
  timeZone: string;
  requestedRegion: string | null;
  /** Every region, best first. */
  coverage: RegionCoverage[];
  /** The region that should hold the case: the requested one, else the best-covering one. */
  servingRegion: string | null;
  /** Whether the current region serves the customer; null when there is no current region. */
  currentRegionServes: boolean | null;
}

export const NEXT_HOLDER_FINDINGS = [
  "customer_zone_not_served",
  "owner_off_shift",
  "no_region_on_duty",
  "no_matching_agent",
] as const;
export type NextHolderFindingCode = (typeof NEXT_HOLDER_FINDINGS)[number];

export interface NextHolderFinding {
  code: NextHolderFindingCode;
  message: string;
}

export interface NextHolder {
  caseNumber: number;
  /** follow_the_sun for 24x7 cases (S1.2), local_region otherwise (S1.3). */
  mode: "follow_the_sun" | "local_region";
  /** The region holding the case now: the owner's, else the case's. */
  currentRegion: string | null;
  /** The owner's shift at `at` (leave counts as off shift); null without an owner or hours. */
  ownerShift: ShiftState | null;
  /**
   * When the case should change hands: for 24x7, the end of the owner's shift (`at` when the
   * owner is already off, or the case has no owner); for others, `at` when the customer is not
   * served. null when the case should stay where it is.
   */
  handoffAt: Date | null;
  /** The suggested region: the first of `regions`, or null. */
  region: RegionOption | null;
  /** The candidate regions, best first. */
  regions: RegionOption[];
  /** Agents of the suggested region who could take the case, best first. */
  agents: AgentOption[];
  /** The next meeting of the pair current region → suggested region (24x7 only). */
  meeting: MeetingOccurrence | null;
  /** How the regions serve the customer (non-24x7 only). */
  customer: CustomerService | null;
  findings: NextHolderFinding[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function primaryLanguage(tag: string): string {
  return tag.toLowerCase().split("-")[0] ?? "";
}

export function caseSkill(policy: Policy, kase: ScheduleCase): string | null {
  return kase.product
    ? (policy.products.find((p) => p.code === kase.product)?.skill ?? null)
    : null;
}

export function caseLanguage(kase: ScheduleCase): string | null {
  return kase.contact?.language ?? kase.customer?.language ?? null;
}

export function customerZone(kase: ScheduleCase): string | null {
  const zone = kase.contact?.timeZone ?? kase.customer?.timeZone ?? null;
  return zone && isValidZone(zone) ? zone : null;
}

/** The region the owner works in, else the case's region. */
export function currentRegionOf(ctx: ScheduleContext, kase: ScheduleCase): string | null {
  const owner = kase.ownerId ? ctx.agents.get(kase.ownerId) : undefined;
  const region = owner?.region ?? kase.region;
  return region && ctx.regions.has(region) ? region : null;
}

/** A region's duty at or after `t`. */
function dutyFrom(
  ctx: ScheduleContext,
  code: string,
  t: Date,
): { from: Date; until: Date | null; onDuty: boolean } | null {
  const l = locateRegion(ctx, code, t);
  if (!l) return null;
  if (l.containing) return { from: t, until: l.containing.end, onDuty: true };
  if (l.following) return { from: l.following.start, until: l.following.end, onDuty: false };
  return null;
}

/** The agents of `region` who could take the case at `from` (before `until`), best first. */
export function rankAgents(
  ctx: ScheduleContext,
  kase: ScheduleCase,
  region: string,
  from: Date,
  until: Date | null,
): AgentOption[] {
  const skill = caseSkill(ctx.policy, kase);
  const language = caseLanguage(kase);
  const out: AgentOption[] = [];
  for (const agent of ctx.agents.values()) {
    if (agent.region !== region || agent.id === kase.ownerId) continue;
    if (agent.queues.length > 0 && !agent.queues.includes(kase.queue)) continue;
    const l = locateAgent(ctx, agent, from);
    if (!l) continue;
    let takeOverAt: Date;
    let shiftEnd: Date | null;
    if (l.containing) {
      takeOverAt = from;
      shiftEnd = l.containing.end;
    } else if (l.following && (!until || l.following.start < until)) {
      takeOverAt = l.following.start;
      shiftEnd = l.following.end;
    } else continue;
    if (onLeave(agent, takeOverAt)) continue;
    out.push({
      agentId: agent.id,
      name: agent.name,
      role: agent.role,
      takeOverAt,
      shiftEnd,
      skillMatch: !skill || agent.skills.includes(skill),
      languageMatch:
        !language || agent.languages.some((l) => primaryLanguage(l) === primaryLanguage(language)),
      offQueue: agent.availability === "off_queue",
      handoverSme: agent.handoverSme ?? false,
      load: agent.capacity > 0 ? agent.openCases / agent.capacity : Number.POSITIVE_INFINITY,
    });
  }
  return out.sort(
    (a, b) =>
      Number(b.skillMatch) - Number(a.skillMatch) ||
      Number(b.languageMatch) - Number(a.languageMatch) ||
      Number(a.offQueue) - Number(b.offQueue) ||
      a.takeOverAt.getTime() - b.takeOverAt.getTime() ||
      a.load - b.load ||
      cmp(a.name, b.name) ||
      cmp(a.agentId, b.agentId),
  );
}

const matching = (agents: AgentOption[]) =>
  agents.filter((a) => a.skillMatch && a.languageMatch && !a.offQueue).length;

function option(
  ctx: ScheduleContext,
  kase: ScheduleCase,
  code: string,
  at: Date,
  paired: boolean,
): RegionOption | null {
  const duty = dutyFrom(ctx, code, at);
  const region = ctx.regions.get(code);
  if (!duty || !region) return null;
  return {
    region: code,
    name: region.name,
    from: duty.from,
    until: duty.until,
    onDutyAtHandoff: duty.onDuty,
    paired,
    matchingAgents: matching(rankAgents(ctx, kase, code, duty.from, duty.until)),
  };
}

/** Soonest first; then one with a matching agent; then the longest shift; then listed order. */
function rankRegions(options: (RegionOption | null)[]): RegionOption[] {
  const listed = options.filter((o): o is RegionOption => o !== null);
  const order = new Map(listed.map((o, i) => [o.region, i]));
  const until = (o: RegionOption) => o.until?.getTime() ?? Number.POSITIVE_INFINITY;
  return listed.sort(
    (a, b) =>
      a.from.getTime() - b.from.getTime() ||
      Number(b.matchingAgents > 0) - Number(a.matchingAgents > 0) ||
      until(b) - until(a) ||
      (order.get(a.region) ?? 0) - (order.get(b.region) ?? 0),
  );
}

/** The regions the current region hands 24x7 cases to, in pair order. */
export function pairedTargets(policy: Policy, from: string): string[] {
  const out: string[] = [];
  for (const pair of policy.handover.pairs)
    if (pair.from === from) for (const to of pair.to) if (!out.includes(to)) out.push(to);
  return out;
}

/** The next (or running) meeting of a pair from → to that `to` takes part in. */
function nextMeeting(
  ctx: ScheduleContext,
  from: string | null,
  to: string,
  after: Date,
): MeetingOccurrence | null {
  if (!from) return null;
  const list = memo(ctx, "meetings", () => {
    const start = DateTime.fromJSDate(ctx.at);
    return handoverMeetings(
      ctx.policy,
      start.minus({ hours: 4 }).toJSDate(),
      start.plus({ days: 8 }).toJSDate(),
    );
  });
  return list.find((m) => m.from === from && m.to.includes(to) && m.end > after) ?? null;
}

export function customerService(
  ctx: ScheduleContext,
  kase: ScheduleCase,
  current: string | null,
): CustomerService | null {
  const zone = customerZone(kase);
  if (!zone) return null;
  const hours = kase.customer?.workingHours ?? null;
  const coverage = memo(ctx, `coverage:${zone}:${hours ? JSON.stringify(hours) : ""}`, () =>
    customerCoverage(ctx.policy, zone, ctx.at, hours),
  );
  const requested =
    kase.customer?.region && ctx.regions.has(kase.customer.region) ? kase.customer.region : null;
  const best = coverage[0];
  const servingRegion = requested ?? (best && best.share > 0 ? best.region : null);
  let currentRegionServes: boolean | null = null;
  if (current) {
    const share = coverage.find((c) => c.region === current)?.share ?? 0;
    currentRegionServes = requested
      ? current === requested
      : current === servingRegion || share >= ctx.policy.handover.customerOverlap;
  }
  return {
    timeZone: zone,
    requestedRegion: requested,
    coverage,
    servingRegion,
    currentRegionServes,
  };
}

/** nextHolder within a context shared by several cases (the handoff board). */
export function nextHolderIn(ctx: ScheduleContext, kase: ScheduleCase): NextHolder {
  const at = ctx.at;
  const current = currentRegionOf(ctx, kase);
  const owner = kase.ownerId ? ctx.agents.get(kase.ownerId) : undefined;
  const ownerShift = owner ? workingState(ctx, owner) : null;
  const findings: NextHolderFinding[] = [];
  const result = (
    handoffAt: Date | null,
    regions: RegionOption[],
    customer: CustomerService | null,
  ): NextHolder => {
    const region = regions[0] ?? null;
    const agents = region ? rankAgents(ctx, kase, region.region, region.from, region.until) : [];
    if (handoffAt && !region)
      findings.push({
        code: "no_region_on_duty",
        message: "No region has a shift within the next weeks to take this case.",
      });
    if (region && region.matchingAgents === 0)
      findings.push({
        code: "no_matching_agent",
        message: `Nobody in ${region.region} with the case's skill and language is on shift then.`,
      });
    return {
      caseNumber: kase.number,
      mode: kase.is24x7 ? "follow_the_sun" : "local_region",
      currentRegion: current,
      ownerShift,
      handoffAt,
      region,
      regions,
      agents,
      meeting: kase.is24x7 && region ? nextMeeting(ctx, current, region.region, at) : null,
      customer,
      findings,
    };
  };

  if (!kase.is24x7) {
    const customer = customerService(ctx, kase, current);
    if (customer?.currentRegionServes !== false) {
      // Served (or nothing to judge by): no handover; a case without a region gets a suggestion.
      const target = !current && customer?.servingRegion ? customer.servingRegion : null;
      if (!target) return result(null, [], customer);
      return result(at, rankRegions([option(ctx, kase, target, at, false)]), customer);
    }
    findings.push({
      code: "customer_zone_not_served",
      message:
        `The customer's time zone (${customer.timeZone}) is not served by ${current}` +
        (customer.servingRegion ? `; ${customer.servingRegion} serves it.` : "."),
    });
    const target = customer.servingRegion;
    return result(at, target ? rankRegions([option(ctx, kase, target, at, false)]) : [], customer);
  }

  // 24x7 (S1.2): hand over when the owner's shift ends, to the next region on duty.
  let handoffAt: Date | null = at;
  if (ownerShift?.onShift) handoffAt = ownerShift.changeAt;
  else if (ownerShift)
    findings.push({
      code: "owner_off_shift",
      message: "The owner's shift has ended and the case has not been handed over.",
    });
  if (!handoffAt || !inWindow(ctx, handoffAt)) return result(null, [], null);

  // An owned case goes to the current region's pairs; a case in the queue waits for the region
  // its title names, else for whichever region is on duty first.
  const waitingFor = owner ? null : titleRegion(ctx.policy, kase.internalTitle);
  let candidates: { code: string; paired: boolean }[];
  if (waitingFor) candidates = [{ code: waitingFor, paired: false }];
  else if (owner && current) {
    const paired = pairedTargets(ctx.policy, current);
    candidates = paired.map((code) => ({ code, paired: true }));
    const reachable = candidates.some((c) => dutyFrom(ctx, c.code, handoffAt as Date));
    if (!reachable)
      candidates = ctx.policy.regions
        .filter((r) => r.code !== current)
        .map((r) => ({ code: r.code, paired: false }));
  } else candidates = ctx.policy.regions.map((r) => ({ code: r.code, paired: false }));
  const options = candidates.map((c) => option(ctx, kase, c.code, handoffAt as Date, c.paired));
  return result(handoffAt, rankRegions(options), null);
}

/**
 * Who should hold a case next, and from when. 24x7 cases (S1.2) follow the sun: when the
 * owner's shift ends the case goes to the next region on duty — the current region's handover
 * pairs first (all other regions when it has none, or none of them opens within the horizon) —
 * ranked by who is on duty soonest, then has an agent with the skill and language, then the
 * longest shift. Other cases (S0.2/S1.3) stay unless the owner's region does not serve the
 * customer's time zone; then the region that does is suggested. Agents are ranked by skill,
 * language, availability, when they can start, and load.
 */
export function nextHolder(
  policy: Policy,
  kase: ScheduleCase,
  agents: readonly ScheduleAgent[],
  at: Date,
): NextHolder {
  return nextHolderIn(scheduleContext(policy, agents, at), kase);
}
