// Reading a workspace policy for display: names for codes, my queues, severity colours.
import type { Agent, PolicyView } from "../api/types.ts";

type Queue = PolicyView["queues"][number];

/** The queues I am a member of (from the agent list) and the rest, in policy order. */
export function splitQueues(
  policy: Pick<PolicyView, "queues"> | undefined,
  agents: Pick<Agent, "id" | "queues">[] | undefined,
  me: string,
): { mine: Queue[]; others: Queue[] } {
  const all = policy?.queues ?? [];
  const mine = agents?.find((a) => a.id === me)?.queues;
  // Without the agent list (a role without agent.list), every queue is offered.
  if (!mine) return { mine: all, others: [] };
  return {
    mine: all.filter((q) => mine.includes(q.code)),
    others: all.filter((q) => !mine.includes(q.code)),
  };
}

/** The name of a code from a policy list, or the code itself. */
export function labelIn(
  list: readonly { code: string; name: string }[] | undefined,
  code: string | null,
): string {
  if (code === null || code === "") return "—";
  return list?.find((x) => x.code === code)?.name ?? code;
}

export type Tone = "critical" | "high" | "medium" | "low" | "neutral";

/** Colour of a severity by its place in the policy: the first is the most severe. */
export function severityTone(codes: readonly string[], code: string): Tone {
  const i = codes.indexOf(code);
  if (i < 0) return "neutral";
  const fromEnd = codes.length - 1 - i;
  if (i === 0 && codes.length > 1) return "critical";
  if (fromEnd === 0) return "low";
  return i === 1 ? "high" : "medium";
}

export function planAllows24x7(
  policy: Pick<PolicyView, "plans"> | undefined,
  plan: string | null,
): boolean {
  if (!policy || plan === null) return false;
  return policy.plans.find((p) => p.code === plan)?.allows24x7 ?? false;
}
