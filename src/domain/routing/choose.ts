import { DateTime } from "luxon";
import type { Policy, Queue } from "../policy/schema.ts";
import { type Said, said } from "../said.ts";
import type { ScheduleAgent } from "../schedule/facts.ts";
import { agentSchedule, isOnShift, nextShiftChange } from "../schedule/hours.ts";
import { type Distribution, SKILL_CRITERIA, type SkillCriterion } from "./methods.ts";

/** What routing needs to know of the case. */
export interface RoutedCase {
  queue: string;
  /** The product's skill, if the case names a product. */
  skill: string | null;
  /** The customer's (or contact's) language. */
  language: string | null;
  /** The region the customer is served from: the case's, else the customer's. */
  region: string | null;
}

export interface Considered {
  agentId: string;
  name: string;
  /** Why the agent was passed over; null for the one chosen (and those merely not reached). */
  passed: string | null;
}

export interface RoutingDecision {
  method: Distribution;
  agentId: string | null;
  considered: Considered[];
  /** For skills routing: the criteria the chosen agent matched (after any fallback). */
  matched?: SkillCriterion[];
}

const when = (d: Date, zone: string) =>
  DateTime.fromJSDate(d, { zone }).toFormat("ccc d LLL HH:mm ZZZZ");

/** Why an agent may not receive a case of this queue now; null when they may. */
export function ineligible(
  policy: Policy,
  agent: ScheduleAgent,
  queue: string,
  now: Date,
): string | null {
  return standing(policy, agent, queue, now) ?? atCapacity(agent);
}

/**
 * The reasons that do not change while a batch is routed (role, queue, leave, shift), worked out
 * once per agent: a batch weighs every member for every case, and each shift check builds the
 * agent's hours with luxon. Capacity is asked afresh, since each case given changes it.
 */
export function eligibilityCheck(
  policy: Policy,
  queue: string,
  now: Date,
): (agent: ScheduleAgent) => string | null {
  const known = new Map<string, string | null>();
  return (agent) => {
    let why = known.get(agent.id);
    if (why === undefined) {
      why = standing(policy, agent, queue, now);
      known.set(agent.id, why);
    }
    return why ?? atCapacity(agent);
  };
}

function atCapacity(agent: ScheduleAgent): string | null {
  return agent.openCases >= agent.capacity
    ? `at capacity (${agent.openCases} of ${agent.capacity} open cases)`
    : null;
}

function standing(policy: Policy, agent: ScheduleAgent, queue: string, now: Date): string | null {
  if (!policy.routing.roles.some((r) => r === agent.role))
    return "takes no routed work in this role";
  if (agent.queues.length > 0 && !agent.queues.includes(queue)) return "does not work this queue";
  // Leave booked for later is no leave yet: the agent works (and clears their bin) until it starts.
  if (agent.leaveFrom && agent.leaveUntil) {
    if (agent.leaveFrom <= now && now < agent.leaveUntil)
      return `on leave until ${when(agent.leaveUntil, agent.timeZone)}`;
  } else if (agent.availability === "on_leave") return "on leave";
  if (agent.availability === "off_queue") return "off queue";
  // Whether on shift needs the day around `now` only; when the shift next starts, only the
  // agents passed over (routing weighs every member of the queue for every case).
  const schedule = agentSchedule(policy.regions, agent);
  if (schedule && !isOnShift(schedule, now)) {
    const back = nextShiftChange(schedule, now).changeAt;
    return back ? `off shift until ${when(back, agent.timeZone)}` : "off shift";
  }
  return null;
}

const load = (a: ScheduleAgent) => a.openCases / Math.max(1, a.capacity);

function leastLoaded(agents: readonly ScheduleAgent[]): ScheduleAgent[] {
  return [...agents].sort(
    (a, b) =>
      load(a) - load(b) ||
      a.openCases - b.openCases ||
      a.name.localeCompare(b.name) ||
      a.id.localeCompare(b.id),
  );
}

/** The agents in round-robin turn: the one after `lastAgentId` first, in a stable order. */
function inTurn(agents: readonly ScheduleAgent[], lastAgentId: string | null): ScheduleAgent[] {
  const ordered = [...agents].sort((a, b) => a.id.localeCompare(b.id));
  if (!lastAgentId) return ordered;
  const next = ordered.findIndex((a) => a.id.localeCompare(lastAgentId) > 0);
  return next < 0 ? ordered : [...ordered.slice(next), ...ordered.slice(0, next)];
}

function matches(agent: ScheduleAgent, kase: RoutedCase, criterion: SkillCriterion): boolean {
  switch (criterion) {
    case "skill":
      return !kase.skill || agent.skills.includes(kase.skill);
    case "language":
      return (
        !kase.language ||
        agent.languages.some(
          (l) => l === kase.language || l.split("-")[0] === kase.language?.split("-")[0],
        )
      );
    case "region":
      return !kase.region || agent.region === kase.region;
  }
}

const missing: Record<SkillCriterion, (k: RoutedCase) => string> = {
  skill: (k) => `lacks skill ${k.skill}`,
  language: (k) => `does not speak ${k.language}`,
  region: (k) => `not in region ${k.region}`,
};

/**
 * Who among the agents should receive the case, by the queue's method, and why each other agent
 * was passed over. Pure: the caller loads the agents (with their open cases now) and, for round
 * robin, who had the queue's last case; the database then makes sure the choice still holds.
 */
export function chooseAgent(input: {
  policy: Policy;
  queue: Queue;
  kase: RoutedCase;
  agents: readonly ScheduleAgent[];
  now: Date;
  /** Agents not to choose (the owner a returned case left), with why. */
  exclude?: ReadonlyMap<string, string>;
  /** Round robin: who received the queue's previous case. */
  lastAgentId?: string | null;
  /** An `eligibilityCheck` shared by the cases of one batch; made afresh without it. */
  eligible?: (agent: ScheduleAgent) => string | null;
}): RoutingDecision {
  const { policy, queue, kase, now } = input;
  const check = input.eligible ?? eligibilityCheck(policy, queue.code, now);
  const method = queue.distribution as Distribution;
  const considered: Considered[] = [];
  const eligible: ScheduleAgent[] = [];
  for (const agent of input.agents) {
    if (agent.queues.length > 0 && !agent.queues.includes(queue.code)) continue;
    const excluded = input.exclude?.get(agent.id);
    const why = excluded ?? check(agent);
    if (why) considered.push({ agentId: agent.id, name: agent.name, passed: why });
    else eligible.push(agent);
  }
  if (method === "manual") return { method, agentId: null, considered };
  let ranked: ScheduleAgent[];
  let matched: SkillCriterion[] | undefined;
  if (method === "round_robin") ranked = inTurn(eligible, input.lastAgentId ?? null);
  else if (method === "least_loaded") ranked = leastLoaded(eligible);
  else {
    // Drop criteria in the policy's fallback order until someone matches all that remain.
    const order = policy.routing.skillsFallback;
    let criteria: SkillCriterion[] = [...SKILL_CRITERIA];
    let pool = eligible.filter((a) => criteria.every((c) => matches(a, kase, c)));
    for (const drop of order) {
      if (pool.length) break;
      criteria = criteria.filter((c) => c !== drop);
      pool = eligible.filter((a) => criteria.every((c) => matches(a, kase, c)));
    }
    matched = criteria;
    ranked = leastLoaded(pool);
    for (const a of eligible)
      if (!pool.includes(a)) {
        const lacks = SKILL_CRITERIA.filter((c) => !matches(a, kase, c));
        considered.push({
          agentId: a.id,
          name: a.name,
          passed: lacks.map((c) => missing[c](kase)).join(", ") || "matched less",
        });
      }
  }
  const chosen = ranked[0];
  for (const a of ranked)
    considered.push({
      agentId: a.id,
      name: a.name,
      passed:
        a === chosen
          ? null
          : method === "round_robin"
            ? "not next in turn"
            : `more loaded (${a.openCases} of ${a.capacity})`,
    });
  return {
    method,
    agentId: chosen?.id ?? null,
    considered: [
      ...considered.filter((c) => c.passed === null),
      ...considered.filter((c) => c.passed !== null),
    ],
    ...(matched ? { matched } : {}),
  };
}

/** "Assigned to Ana Lima by round robin; 4 considered." */
export function assignmentText(
  decision: RoutingDecision,
  agentName: string,
  trigger: string,
): string {
  const how: Record<Distribution, string> = {
    manual: "by hand",
    round_robin: "by round robin",
    least_loaded: "as the least loaded",
    skills: `by skills${decision.matched ? ` (matching ${decision.matched.join(", ") || "none"})` : ""}`,
  };
  const why: Record<string, string> = {
    created: "new case",
    transferred: "transferred to the queue",
    agent_available: "an agent became available",
    return_timer: "returned: no first response in time",
    pulled: "asked for the next case",
    sweep: "waiting in the queue",
  };
  return `Assigned to ${agentName} ${how[decision.method]} (${why[trigger] ?? trigger}); ${decision.considered.length} considered.`;
}

/**
 * The same line as a code and its values, for a page in the reader's language: the method and
 * trigger as codes, `matched` the skills routing matched ("" for none).
 */
export function assignmentLine(
  decision: RoutingDecision,
  agentName: string,
  trigger: string,
): Said {
  return said("autoAssigned", {
    agent: agentName,
    method: decision.method,
    matched: decision.method === "skills" && decision.matched ? decision.matched.join(", ") : null,
    trigger,
    considered: decision.considered.length,
  });
}
