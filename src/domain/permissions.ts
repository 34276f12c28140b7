// Every action Baton authorizes. A role in a workspace policy grants a subset of these;
// authorization code never compares role names, only permissions.
export const PERMISSIONS = [
  "case.read",
  "case.create",
  "case.update.own",
  "case.update.any",
  "case.assign",
  "case.transfer",
  "case.note",
  "case.audit.read",
  "agent.list",
  "agent.availability.own",
  "agent.availability.any",
  "policy.read",
  "policy.manage",
  "user.manage",
  // Seed 002: customer projects and their tasks (S2.1, S2.4); managing them is the PM's job.
  "project.read",
  "project.manage",
  // Reports across cases, such as project volume for capacity planning (S2.6).
  "report.read",
  // Moving a case through development's stages, for those who work in development (S2.5).
  "case.development",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_IDS = [
  "agent",
  "shift_lead",
  "supervisor",
  "triage",
  "project_manager",
  "admin",
] as const;

export type RoleId = (typeof ROLE_IDS)[number];

const EVERYONE: Permission[] = [
  "case.read",
  "case.create",
  "case.update.own",
  // S3.2: by default anyone who works cases may transfer them; a policy can take it away.
  "case.transfer",
  "case.note",
  "case.audit.read",
  "agent.list",
  "agent.availability.own",
  "policy.read",
  "project.read",
];

const LEADS: Permission[] = [
  ...EVERYONE,
  "case.update.any",
  "case.assign",
  "agent.availability.any",
  "project.manage",
  "report.read",
];

/** What a role may do unless a workspace policy says otherwise. */
export const DEFAULT_ROLE_PERMISSIONS: Record<RoleId, Permission[]> = {
  agent: [...EVERYONE, "case.assign"],
  shift_lead: LEADS,
  supervisor: LEADS,
  triage: [...EVERYONE, "case.update.any", "case.assign", "case.development"],
  project_manager: [...EVERYONE, "project.manage", "report.read"],
  admin: [...LEADS, "policy.manage", "user.manage", "case.development"],
};
