import type { CaseStatus } from "../case-status.ts";
import type { WeeklyHours } from "../policy/schema.ts";

// What the schedule functions need to know about agents and cases: plain facts the caller loads
// (from the database, a test, a what-if), so every decision here is a pure function of them.

/** An agent as the schedule sees them: one membership of a workspace plus the person's fields. */
export interface ScheduleAgent {
  id: string;
  name: string;
  /** The membership's role id (agent, shift_lead, supervisor, …). */
  role: string;
  region: string | null;
  /** The person's IANA zone; their working hours are read in it. */
  timeZone: string;
  /** Weekly working hours; null means the region's business hours. */
  workingHours: WeeklyHours | null;
  /** Queues the agent works; empty means every queue. */
  queues: readonly string[];
  skills: readonly string[];
  languages: readonly string[];
  capacity: number;
  /** Open cases the agent owns now, for ranking by load. */
  openCases: number;
  availability: "available" | "off_queue" | "on_leave";
  leaveFrom: Date | null;
  leaveUntil: Date | null;
  /** S1.2: the region's handover subject-matter expert (a membership flag, not a role). */
  handoverSme?: boolean;
}

export interface ScheduleCustomer {
  timeZone: string;
  language: string;
  /** The region the customer asked for (S1.2 "per customer's region/request"), if any. */
  region?: string | null;
  /** The customer's working hours; null means Monday to Friday 09:00–17:00 in their zone. */
  workingHours?: WeeklyHours | null;
}

export interface ScheduleContact {
  timeZone: string;
  language: string;
}

/** A case as the schedule sees it. */
export interface ScheduleCase {
  number: number;
  status: CaseStatus;
  internalTitle: string;
  is24x7: boolean;
  queue: string;
  /** Product code; its skill comes from the policy. */
  product: string | null;
  region: string | null;
  ownerId: string | null;
  /** True while a transfer of the case is open (waiting for steps, approval or acceptance). */
  handoverUnderWay: boolean;
  /** Since when nothing has happened on the case (how long a `Need <REGION> SE` case waits). */
  idleSince?: Date | null;
  customer: ScheduleCustomer | null;
  /** The contact's zone and language win over the customer's. */
  contact?: ScheduleContact | null;
}
