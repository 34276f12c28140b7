import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { cases } from "../db/schema.ts";
import type { CaseStatus } from "../domain/case-status.ts";
import type { Policy } from "../domain/policy/schema.ts";
import {
  alarmsOf,
  type CaseClocks,
  type ClockChange,
  moveClocks,
  nextAlarmAt,
  settlePause,
  slaDueAt,
} from "../domain/sla/clocks.ts";
import { slaTerms } from "../domain/sla/terms.ts";
import type { EmitScope, SubscriberList } from "../events/emit.ts";
import { type ClockedCase, lockClockedCase, withQueueRegion } from "../loaders/case-clocks.ts";
import { workspaceById } from "../loaders/workspaces.ts";

// Fields whose change is told in the audit (`case.clocks_moved`); the idle clock's reset alone is
// not, since the note or status change that reset it has its own row.
const TOLD = [
  "firstResponseDueAt",
  "firstRespondedAt",
  "nextUpdateDueAt",
  "resolutionDueAt",
  "customerWaitingSince",
  "pausedAt",
  "returnDueAt",
] as const satisfies readonly (keyof CaseClocks)[];

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const same = (a: Date | null, b: Date | null) => iso(a) === iso(b);

/**
 * Moves one case's clocks as the changes say, in the caller's transaction: the deadlines, the
 * earliest one ("due soonest") and when the alarm job next looks. The case's version is left
 * alone: clocks are Baton's bookkeeping, not fields people edit, so a note must not turn a
 * colleague's open edit into a conflict (docs/decisions/0005, 0008).
 */
export async function moveCaseClocks(
  tx: Db,
  emit: EmitScope["emit"],
  input: {
    caseId: string;
    changes: readonly ClockChange[];
    actorId: string | null;
    why: string;
    policy?: Policy;
  },
): Promise<ClockedCase | undefined> {
  const kase = await lockClockedCase(tx, input.caseId);
  if (!kase) return undefined;
  const policy = input.policy ?? (await workspaceById(tx, kase.workspaceId)).policy;
  const terms = slaTerms(policy, withQueueRegion(kase.facts, policy, kase.queue));
  let clocks = kase.clocks;
  for (const change of input.changes)
    clocks = moveClocks(
      clocks,
      // Measured from the opening as stored, so that later recomputations land on the same instants.
      change.type === "opened" ? { type: "opened", at: kase.clocks.openedAt } : change,
      terms,
      kase.status,
    );
  const last = input.changes.at(-1);
  if (last) clocks = settlePause(clocks, terms, kase.status, last.at);
  const dueAt = slaDueAt(clocks, terms, kase.status);
  const alarmAt = nextAlarmAt(alarmsOf(clocks, terms, kase.status));
  const changed = TOLD.filter((k) => !same(kase.clocks[k], clocks[k]));
  const idleMoved = !same(kase.clocks.idleSince, clocks.idleSince);
  const markMoved = !same(kase.slaDueAt, dueAt) || !same(kase.slaAlarmAt, alarmAt);
  if (!changed.length && !idleMoved && !markMoved) return kase;
  await tx
    .update(cases)
    .set({
      firstResponseDueAt: clocks.firstResponseDueAt,
      firstRespondedAt: clocks.firstRespondedAt,
      lastPublicReplyAt: clocks.lastPublicReplyAt,
      responseClockFrom: clocks.responseClockFrom,
      nextUpdateDueAt: clocks.nextUpdateDueAt,
      resolutionDueAt: clocks.resolutionDueAt,
      idleSince: clocks.idleSince,
      customerWaitingSince: clocks.customerWaitingSince,
      slaPausedAt: clocks.pausedAt,
      returnDueAt: clocks.returnDueAt,
      slaDueAt: dueAt,
      slaAlarmAt: alarmAt,
    })
    .where(eq(cases.id, kase.id));
  // Clocks started with the case are told by its case.created row.
  const opened = input.changes.some((c) => c.type === "opened");
  if (changed.length && !opened)
    await emit({
      name: "case.clocks_moved",
      actorId: input.actorId,
      workspaceId: kase.workspaceId,
      caseId: kase.id,
      caseNumber: kase.number,
      subjectId: String(kase.number),
      data: {
        why: input.why,
        changes: Object.fromEntries(
          changed.map((k) => [k, { from: iso(kase.clocks[k]), to: iso(clocks[k]) }]),
        ),
      },
    });
  return { ...kase, clocks, slaDueAt: dueAt, slaAlarmAt: alarmAt };
}

const TERMS_FIELDS = ["severity", "plan", "is24x7", "ownerId", "region", "queue"];

/** What a case edit does to its clocks: a status change, and new targets or calendar. */
function updateChanges(
  changes: Record<string, { from: unknown; to: unknown }>,
  at: Date,
): ClockChange[] {
  const out: ClockChange[] = [];
  const status = changes.status;
  if (status)
    out.push({
      type: "status",
      at,
      from: status.from as CaseStatus,
      to: status.to as CaseStatus,
    });
  if (changes.ownerId) out.push({ type: "owner_set", at });
  if (TERMS_FIELDS.some((f) => f in changes)) out.push({ type: "terms_changed", at });
  return out;
}

/** The clocks' subscribers (src/reactions/index.ts lists them). */
export const CLOCK_REACTIONS: SubscriberList = {
  "case.created": [
    async function clocksOnCreate(tx, e, scope) {
      if (!e.caseId) return;
      await moveCaseClocks(tx, scope.emit, {
        caseId: e.caseId,
        changes: [{ type: "opened", at: new Date() }],
        actorId: e.actorId,
        why: "case opened",
      });
    },
  ],
  "case.auto_assigned": [
    async function clocksOnAutoAssign(tx, e, scope) {
      if (!e.caseId) return;
      await moveCaseClocks(tx, scope.emit, {
        caseId: e.caseId,
        // A new owner may bring another calendar (their region's hours), then the return timer.
        changes: [
          { type: "terms_changed", at: new Date() },
          { type: "auto_assigned", at: new Date() },
        ],
        actorId: e.actorId,
        why: "auto-assigned",
      });
    },
  ],
  "case.note_added": [clocksOnActivity],
  "case.call_logged": [clocksOnActivity],
  "case.email_received": [
    async function clocksOnCustomerReply(tx, e, scope) {
      if (!e.caseId) return;
      await moveCaseClocks(tx, scope.emit, {
        caseId: e.caseId,
        changes: [{ type: "customer_reply", at: new Date() }],
        actorId: e.actorId,
        why: "the customer wrote",
      });
    },
  ],
  "case.updated": [
    async function clocksOnUpdate(tx, e, scope) {
      if (!e.caseId) return;
      const changes = updateChanges(e.data.changes, new Date());
      if (!changes.length) return;
      await moveCaseClocks(tx, scope.emit, {
        caseId: e.caseId,
        changes,
        actorId: e.actorId,
        why: e.data.changes.status ? "status changed" : "case changed",
      });
    },
  ],
  "transfer.completed": [
    async function clocksOnTransfer(tx, e, scope) {
      if (!e.caseId) return;
      const { transfer, policy } = e.facts;
      const kind = policy.transferKinds.find((k) => k.code === transfer.kind);
      const at = new Date();
      await moveCaseClocks(tx, scope.emit, {
        caseId: e.caseId,
        changes: [
          { type: "terms_changed", at },
          { type: "transferred", at, resetsResponse: kind?.resetsResponseClock !== false },
        ],
        actorId: e.actorId,
        why: "transferred",
      });
    },
  ],
};

async function clocksOnActivity(
  tx: Db,
  e: { caseId?: string | null; actorId: string | null; data: { visibility: "public" | "private" } },
  scope: EmitScope,
): Promise<void> {
  if (!e.caseId) return;
  const publicReply = e.data.visibility === "public";
  await moveCaseClocks(tx, scope.emit, {
    caseId: e.caseId,
    changes: [{ type: "agent_activity", at: new Date(), publicReply }],
    actorId: e.actorId,
    why: publicReply ? "public reply" : "agent activity",
  });
}
