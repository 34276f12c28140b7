// The routing vocabulary, apart from the routing itself so that the policy schema can name it
// without importing the schedule code (which imports the schema).
export const DISTRIBUTIONS = ["manual", "round_robin", "least_loaded", "skills"] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];

export const SKILL_CRITERIA = ["skill", "language", "region"] as const;
export type SkillCriterion = (typeof SKILL_CRITERIA)[number];

/**
 * Who routing gives cases to unless the policy says otherwise: agents and triage engineers.
 * Shift leads, supervisors and admins assign by hand; a policy may add them (`routing.roles`).
 */
export const DEFAULT_ROUTED_ROLES = ["agent", "triage"] as const;

/** Each method in plain words, for the people who choose one (the web's queue settings). */
export const DISTRIBUTION_WORDS: Record<Distribution, { name: string; description: string }> = {
  manual: {
    name: "Manual",
    description: "Nobody gets a case automatically: a lead assigns it, or an agent takes it.",
  },
  round_robin: {
    name: "Round robin",
    description: "Each agent in turn, skipping whoever is off shift, away or full.",
  },
  least_loaded: {
    name: "Least loaded",
    description: "The agent with the most room, counting open cases against their capacity.",
  },
  skills: {
    name: "Skills",
    description:
      "An agent with the product's skill, the customer's language and region; the least loaded of them.",
  },
};

export const isDistribution = (value: string): value is Distribution =>
  (DISTRIBUTIONS as readonly string[]).includes(value);
