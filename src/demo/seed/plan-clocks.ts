import type { CaseStatus } from "../../domain/case-status.ts";
import type { Policy } from "../../domain/policy/schema.ts";
import {
  alarmsOf,
  type CaseClocks,
  moveClocks,
  nextAlarmAt,
  openedClocks,
  slaDueAt,
} from "../../domain/sla/clocks.ts";
import { type SlaFacts, slaTerms } from "../../domain/sla/terms.ts";
import { makeRng } from "./random.ts";

const MIN = 60_000;

/**
 * A demo case's clocks, as its history would have left them on the day the demo loads: answered
 * within its target, last updated recently enough that most promises still hold, and a few
 * (about one open case in eight) just past a deadline, to show what a breach looks like. Worked
 * out by the same rules the running system applies (src/domain/sla), so nothing reads oddly.
 */
export function planClocks(input: {
  policy: Policy;
  facts: SlaFacts;
  status: CaseStatus;
  createdAt: number;
  updatedAt: number;
  now: number;
  /** Seeds the draws, so the clocks do not shift the rest of the demo's random sequence. */
  seed: string;
}) {
  const { policy, facts, status, createdAt, now } = input;
  const rng = makeRng(input.seed);
  const terms = slaTerms(policy, facts);
  let c: CaseClocks = openedClocks(terms, new Date(createdAt));
  const answered = status !== "new";
  if (answered) {
    const target = (terms.firstResponseMinutes ?? 60) * MIN;
    const firstReply = Math.min(now - MIN, createdAt + target * rng.between(0.1, 0.8));
    c = moveClocks(
      c,
      { type: "agent_activity", at: new Date(firstReply), publicReply: true },
      terms,
      "active",
    );
    const every = (terms.nextUpdateMinutes ?? 1440) * MIN;
    // The last public update: most well within the promise, some just past it.
    const late = rng.chance(0.12);
    const sinceLast = late ? every * rng.between(1.02, 1.3) : every * rng.between(0.05, 0.85);
    const lastReply = Math.max(firstReply, now - sinceLast);
    c = moveClocks(
      c,
      { type: "agent_activity", at: new Date(lastReply), publicReply: true },
      terms,
      "active",
    );
    c = { ...c, idleSince: new Date(Math.max(lastReply, input.updatedAt)) };
  }
  if (status !== "new" && status !== "active")
    c = moveClocks(
      c,
      { type: "status", at: new Date(input.updatedAt), from: "active", to: status },
      terms,
      status,
    );
  // Alarms already behind the load time are history, not news: the job starts at the next one.
  const alarmAt = nextAlarmAt(alarmsOf(c, terms, status), new Date(now));
  return {
    responseClockFrom: c.responseClockFrom,
    firstResponseDueAt: c.firstResponseDueAt,
    firstRespondedAt: c.firstRespondedAt,
    lastPublicReplyAt: c.lastPublicReplyAt,
    nextUpdateDueAt: c.nextUpdateDueAt,
    resolutionDueAt: c.resolutionDueAt,
    idleSince: c.idleSince,
    slaPausedAt: c.pausedAt,
    slaDueAt: slaDueAt(c, terms, status),
    slaAlarmAt: alarmAt,
  };
}
