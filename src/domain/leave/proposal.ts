import type { Policy } from "../policy/schema.ts";
import { chooseAgent } from "../routing/choose.ts";
import type { ScheduleAgent } from "../schedule/facts.ts";

export interface LeaveCase {
  id: string;
  queue: string;
  /** The product's skill, if the case names a product. */
  skill: string | null;
  language: string | null;
}

export interface Proposal {
  agentId: string | null;
  /** Why this colleague, or why nobody: shown to the absent agent and the shift lead. */
  why: string;
}

/**
 * Who should hold each case while its owner is away (S1.6: an in-region backup, never the queue):
 * routing's skills method over the workspace's members, kept to the absent agent's region and
 * weighed at `at` (when the absent agent's shift would begin, so shifts count), passing over
 * anyone whose own leave overlaps. Each proposal adds to its holder's load, so the bin is spread.
 */
export function proposeHolders(input: {
  policy: Policy;
  absent: { id: string; region: string | null; leaveFrom: Date; leaveUntil: Date };
  cases: readonly LeaveCase[];
  agents: readonly ScheduleAgent[];
  at: Date;
}): Map<string, Proposal> {
  const { policy, absent, at } = input;
  // In region first: drop language, then skill, and the region only when nobody else fits.
  const keepRegion: Policy = {
    ...policy,
    routing: { ...policy.routing, skillsFallback: ["language", "skill", "region"] },
  };
  const agents = input.agents.map((a) => ({ ...a }));
  const exclude = new Map<string, string>([[absent.id, "is the one going on leave"]]);
  for (const a of agents)
    if (
      a.id !== absent.id &&
      a.leaveFrom &&
      a.leaveUntil &&
      a.leaveFrom < absent.leaveUntil &&
      absent.leaveFrom < a.leaveUntil
    )
      exclude.set(a.id, "is on leave then too");
  const proposals = new Map<string, Proposal>();
  for (const c of input.cases) {
    const queue = policy.queues.find((q) => q.code === c.queue);
    if (!queue) {
      proposals.set(c.id, { agentId: null, why: `queue ${c.queue} is not in the policy` });
      continue;
    }
    const decision = chooseAgent({
      policy: keepRegion,
      queue: { ...queue, distribution: "skills" },
      kase: { queue: c.queue, skill: c.skill, language: c.language, region: absent.region },
      agents,
      now: at,
      exclude,
    });
    const chosen = agents.find((a) => a.id === decision.agentId);
    if (!chosen) {
      const seen = decision.considered.length;
      proposals.set(c.id, {
        agentId: null,
        why: seen
          ? `Nobody can take it: ${decision.considered
              .slice(0, 3)
              .map((x) => `${x.name} ${x.passed}`)
              .join("; ")}`
          : "Nobody else works this queue",
      });
      continue;
    }
    const matched = decision.matched ?? [];
    const how = [
      chosen.region ? `in ${chosen.region}` : null,
      matched.includes("skill") && c.skill ? `knows ${c.skill}` : null,
      matched.includes("language") && c.language ? `speaks ${c.language}` : null,
      `${chosen.openCases} of ${chosen.capacity} open cases`,
    ].filter(Boolean);
    proposals.set(c.id, { agentId: chosen.id, why: `${chosen.name}: ${how.join(", ")}` });
    chosen.openCases += 1;
  }
  return proposals;
}
