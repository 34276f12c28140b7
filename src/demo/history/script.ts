/** One case's history as the planner decides it and the player plays it (times in ms). */
export interface CaseScript {
  openedAt: number;
  subject: string;
  queue: string;
  ownerId: string;
  is24x7: boolean;
  plan: string | undefined;
  product: string | undefined;
  customerId: string | undefined;
  contactId: string | undefined;
  handoffs: HandoffScript[];
  /** Hours after the last handoff the holder resolves it; none leaves it open. */
  resolveAfterHours: number | null;
  /** Hours after resolving the customer comes back (a reopen), then it is resolved again. */
  reopenAfterHours: number | null;
}

export type Outcome = "completed" | "declined" | "withdrawn" | "expired" | "rejected";

export interface HandoffScript {
  /** Hours after the previous event of the case. */
  afterHours: number;
  kind: string;
  target: { agentId?: string; queue?: string; region?: string; autoAssign?: boolean };
  /** Who takes a case handed to a queue (an agent of that queue and region). */
  takerId: string | null;
  reason: string;
  outcome: Outcome;
  /** Leave the template's optional fields empty. */
  sloppy: boolean;
  approverId: string | null;
  approvalMinutes: number;
  acceptanceMinutes: number;
  stepMinutes: number;
  /** Minutes after the handoff the receiver first replies to the customer; null: never. */
  replyAfterMinutes: number | null;
  /** The receiver's first-response clock breaches before anyone replies. */
  breach: boolean;
  /** The owner's shift ends first without a handover (24x7): the sweep raises it. */
  missedFirst: boolean;
}
