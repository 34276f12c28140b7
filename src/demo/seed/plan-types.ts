import type {
  activities,
  cases,
  contacts,
  customers,
  memberships,
  projects,
  projectTasks,
  users,
} from "../../db/schema.ts";
import type { RoleId } from "../../domain/permissions.ts";
import type { Policy } from "../../domain/policy/schema.ts";
import type { PresetSlug } from "../../presets/index.ts";
import type { RegionCode } from "./data/people.ts";
import type { Rng } from "./random.ts";

// The shapes a demo plan is made of, shared by the planning steps and the writer.

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export type UserRow = typeof users.$inferInsert;
export type MembershipRow = typeof memberships.$inferInsert;
export type CustomerRow = typeof customers.$inferInsert;
export type ContactRow = typeof contacts.$inferInsert;
type CaseRow = typeof cases.$inferInsert;
export type ActivityRow = typeof activities.$inferInsert;

export interface DemoLogin {
  email: string;
  role: RoleId;
  workspace: string;
}

export interface Member {
  id: string;
  name: string;
  email: string;
  role: RoleId;
  region: RegionCode;
  queues: string[];
  availability: "available" | "off_queue" | "on_leave";
}

export interface PlannedActivity {
  row: Omit<ActivityRow, "caseId">;
  audit?: { action: "case.note_added" | "case.call_logged" | "case.updated"; data: object };
}

export interface PlannedCase {
  row: CaseRow & { id: string; createdAt: Date; updatedAt: Date; createdBy: string };
  activities: PlannedActivity[];
}

export interface Plan {
  slug: PresetSlug;
  name: string;
  policy: Policy;
  foundedAt: Date;
  members: Member[];
  users: UserRow[];
  memberships: Omit<MembershipRow, "workspaceId">[];
  customers: Omit<CustomerRow, "workspaceId">[];
  contacts: ContactRow[];
  cases: PlannedCase[];
  /** Availability audit events, after the memberships. */
  availability: { userId: string; data: object }[];
  logins: DemoLogin[];
  /** Seed 002's customer projects and their tasks (professional services only). */
  projects: (typeof projects.$inferInsert)[];
  tasks: (typeof projectTasks.$inferInsert)[];
}

/** What every planning step reads about the workspace, and the generator they all draw from. */
export interface WorkspaceContext {
  slug: PresetSlug;
  policy: Policy;
  rng: Rng;
  now: number;
  domain: string;
  policyRoles: Set<string>;
  policyLanguages: Set<string>;
  policyRegions: Set<string>;
  skills: string[];
  regionalQueues: Policy["queues"];
  sharedQueues: Policy["queues"];
  triageQueue: string | undefined;
}
