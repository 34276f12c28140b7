import { DateTime } from "luxon";
import type { Policy, Region } from "../policy/schema.ts";
import { onLeave } from "../transfer/leave.ts";
import type { ScheduleAgent } from "./facts.ts";
import {
  agentSchedule,
  type Located,
  locate,
  regionSchedule,
  type ShiftState,
  settled,
  shiftOf,
  type Timeline,
  timeline,
  type WorkSchedule,
} from "./hours.ts";

// One decision (a case's next holder, a region's board) asks the same schedules many questions
// around the same instant; each schedule is laid out once over a short window (a few days back,
// a week and a bit ahead) and read by search, and over a wide one only when an answer runs past
// the short window (long holidays, an owner gone for days).

/** Days before and after `at` the short and the wide windows cover. */
const NEAR_BACK_DAYS = 4;
const NEAR_AHEAD_DAYS = 10;
const BACK_DAYS = 15;
const AHEAD_DAYS = 22;

interface Lines {
  schedule: WorkSchedule | null;
  near?: Timeline;
  wide?: Timeline;
}

export interface ScheduleContext {
  policy: Policy;
  at: Date;
  regions: Map<string, Region>;
  agents: Map<string, ScheduleAgent>;
  lines: Map<string, Lines>;
  /** Anything else worth computing once per decision (coverage per customer zone, meetings). */
  memo: Map<string, unknown>;
  near: { from: Date; to: Date };
  from: Date;
  to: Date;
}

export function scheduleContext(
  policy: Policy,
  agents: readonly ScheduleAgent[],
  at: Date,
): ScheduleContext {
  const base = DateTime.fromJSDate(at);
  return {
    policy,
    at,
    regions: new Map(policy.regions.map((r) => [r.code, r])),
    agents: new Map(agents.map((a) => [a.id, a])),
    lines: new Map(),
    memo: new Map(),
    near: {
      from: base.minus({ days: NEAR_BACK_DAYS }).toJSDate(),
      to: base.plus({ days: NEAR_AHEAD_DAYS }).toJSDate(),
    },
    from: base.minus({ days: BACK_DAYS }).toJSDate(),
    to: base.plus({ days: AHEAD_DAYS }).toJSDate(),
  };
}

/** A value computed once per context. */
export function memo<T>(ctx: ScheduleContext, key: string, compute: () => T): T {
  if (ctx.memo.has(key)) return ctx.memo.get(key) as T;
  const value = compute();
  ctx.memo.set(key, value);
  return value;
}

function locateWith(
  ctx: ScheduleContext,
  key: string,
  schedule: () => WorkSchedule | null,
  t: Date,
): Located | null {
  let entry = ctx.lines.get(key);
  if (!entry) {
    entry = { schedule: schedule() };
    ctx.lines.set(key, entry);
  }
  const s = entry.schedule;
  if (!s) return null;
  if (t >= ctx.near.from && t < ctx.near.to) {
    entry.near ??= timeline(s, ctx.near.from, ctx.near.to);
    const l = locate(entry.near, t);
    if (settled(l)) return l;
  }
  if (t < ctx.from || t >= ctx.to) return null;
  entry.wide ??= timeline(s, ctx.from, ctx.to);
  return locate(entry.wide, t);
}

/** Where `t` falls in a region's business hours; null for an unknown region or out of range. */
export function locateRegion(ctx: ScheduleContext, code: string, t: Date): Located | null {
  return locateWith(
    ctx,
    `region:${code}`,
    () => {
      const region = ctx.regions.get(code);
      return region ? regionSchedule(region) : null;
    },
    t,
  );
}

/**
 * Where `t` falls in an agent's working hours; null without hours or out of range. Agents with
 * the same hours, zone and holidays share one timeline.
 */
export function locateAgent(ctx: ScheduleContext, agent: ScheduleAgent, t: Date): Located | null {
  const key = memo(ctx, `agent:${agent.id}`, () => {
    const s = agentSchedule(ctx.policy.regions, agent);
    return s ? { s, key: `schedule:${s.zone}|${JSON.stringify(s.hours)}|${s.holidays}` } : null;
  });
  return key ? locateWith(ctx, key.key, () => key.s, t) : null;
}

/** Inside the context's window, or the answer would be made up. */
export function inWindow(ctx: ScheduleContext, t: Date): boolean {
  return t >= ctx.from && t < ctx.to;
}

/**
 * An agent's shift at `at` with leave taken into account: an agent on leave is off shift, since
 * the leave began (or the last shift's end, whichever is later).
 */
export function workingState(ctx: ScheduleContext, agent: ScheduleAgent): ShiftState | null {
  const located = locateAgent(ctx, agent, ctx.at);
  if (!located) return null;
  const shift = shiftOf(located);
  if (!onLeave(agent, ctx.at)) return shift;
  const leaveFrom = agent.leaveFrom;
  const lastEnd = shift.onShift ? null : shift.since;
  const since =
    leaveFrom && lastEnd ? (leaveFrom > lastEnd ? leaveFrom : lastEnd) : (leaveFrom ?? lastEnd);
  return { onShift: false, since, changeAt: agent.leaveUntil, next: null };
}

/**
 * Ids of agents by role, the ones in `region` and on shift at `at` first. Worked out once per
 * context: a board or sweep asks for the same role and region for every case it raises.
 */
export function agentsWithRole(
  ctx: ScheduleContext,
  role: string,
  region: string | null,
): readonly { agentId: string; name: string; region: string | null; onShift: boolean }[] {
  return memo(ctx, `agentsWithRole ${role} ${region ?? ""}`, () => rankWithRole(ctx, role, region));
}

function rankWithRole(
  ctx: ScheduleContext,
  role: string,
  region: string | null,
): { agentId: string; name: string; region: string | null; onShift: boolean }[] {
  const list = [...ctx.agents.values()]
    .filter((a) => a.role === role && !onLeave(a, ctx.at))
    .map((a) => ({
      agentId: a.id,
      name: a.name,
      region: a.region,
      onShift: workingState(ctx, a)?.onShift ?? false,
    }));
  const local = list.filter((a) => a.region === region);
  const pool = local.length ? local : list;
  return pool.sort(
    (a, b) =>
      Number(b.onShift) - Number(a.onShift) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
      (a.agentId < b.agentId ? -1 : 1),
  );
}

/**
 * An agent's shift at `at`: their own hours in their zone (else their region's business hours),
 * their region's holidays, and leave counted as off shift. null without hours or a region.
 */
export function agentShift(policy: Policy, agent: ScheduleAgent, at: Date): ShiftState | null {
  return workingState(scheduleContext(policy, [agent], at), agent);
}
