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

export const isDistribution = (value: string): value is Distribution =>
  (DISTRIBUTIONS as readonly string[]).includes(value);
