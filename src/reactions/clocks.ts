import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
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
import type { EventOf } from "../events/catalogue.ts";
import type { EmitScope, SubscriberList } from "../events/emit.ts";
import {
  type ClockedCase,
  lockClockedCase,
  lockClockedCases,
  withQueueRegion,
} from "../loaders/case-clocks.ts";
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
// By instant, not by written form: a transfer compares twelve clocks, and writing each was 1 % of
// its server CPU.
const same = (a: Date | null, b: Date | null) =>
  a === b || (a !== null && b !== null && a.getTime() === b.getTime());

interface ClockMove {
  caseId: string;
  changes: readonly ClockChange[];
  actorId: string | null;
  why: string;
}

/** One case's clocks after the changes, what to write and what to tell (nothing when unmoved). */
export interface Moved {
  kase: ClockedCase;
  write: boolean;
  event: EventOf<"case.clocks_moved"> | null;
}

/**
 * Moves one case's clocks as the changes say, in the caller's transaction: the deadlines, the
 * earliest one ("due soonest") and when the alarm job next looks. The case's version is left
 * alone: clocks are Baton's bookkeeping, not fields people edit, so a note must not turn a
 * colleague's open edit into a conflict (docs/decisions/0005, 0008).
 */
export async function moveCaseClocks(
  tx: Db,
  emit: EmitScope["emit"],
  input: ClockMove & {
    /** A policy the caller already holds, used if the case is in that workspace. */
    known?: { workspaceId: string; policy: Policy };
  },
): Promise<ClockedCase | undefined> {
  const kase = await lockClockedCase(tx, input.caseId);
  if (!kase) return undefined;
  const policy =
    input.known?.workspaceId === kase.workspaceId
      ? input.known.policy
      : (await workspaceById(tx, kase.workspaceId)).policy;
  const moved = moveOne(kase, input, policy);
  if (moved.write) await writeClocks(tx, [moved.kase]);
  if (moved.event) await emit(moved.event);
  return moved.kase;
}

/**
 * The same for a batch of cases (routing assigns a batch of waiting cases at once): their rows
 * locked in one read, the moved clocks written in one statement, the audit in one emit.
 */
export async function moveManyClocks(
  tx: Db,
  emitMany: EmitScope["emitMany"],
  moves: readonly ClockMove[],
): Promise<void> {
  const byCase = new Map(moves.map((m) => [m.caseId, m]));
  const policies = new Map<string, Policy>();
  const written: ClockedCase[] = [];
  const events: EventOf<"case.clocks_moved">[] = [];
  for (const kase of await lockClockedCases(tx, [...byCase.keys()])) {
    let policy = policies.get(kase.workspaceId);
    if (!policy) {
      policy = (await workspaceById(tx, kase.workspaceId)).policy;
      policies.set(kase.workspaceId, policy);
    }
    const moved = moveOne(kase, byCase.get(kase.id)!, policy);
    if (moved.write) written.push(moved.kase);
    if (moved.event) events.push(moved.event);
  }
  await writeClocks(tx, written);
  await emitMany(events);
}

/**
 * What a transfer does to the clocks of the case it reassigns (S3.5), worked out before the
 * reassignment so that its UPDATE writes them too: `kase` is the case as the transfer leaves it.
 */
export function transferClockMove(
  kase: ClockedCase,
  policy: Policy,
  kindCode: string,
  actorId: string | null,
  at: Date,
): Moved {
  const kind = policy.transferKinds.find((k) => k.code === kindCode);
  return moveOne(
    kase,
    {
      caseId: kase.id,
      changes: [
        { type: "terms_changed", at },
        { type: "transferred", at, resetsResponse: kind?.resetsResponseClock !== false },
      ],
      actorId,
      why: "transferred",
    },
    policy,
  );
}

function moveOne(kase: ClockedCase, input: ClockMove, policy: Policy): Moved {
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
  if (!changed.length && !idleMoved && !markMoved) return { kase, write: false, event: null };
  // Clocks started with the case are told by its case.created row.
  const opened = input.changes.some((c) => c.type === "opened");
  const event: EventOf<"case.clocks_moved"> | null =
    changed.length && !opened
      ? {
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
        }
      : null;
  return { kase: { ...kase, clocks, slaDueAt: dueAt, slaAlarmAt: alarmAt }, write: true, event };
}

/** A case's clock columns as stored, by their SQL names. */
export function clockColumnValues({ clocks: c, slaDueAt: due, slaAlarmAt: alarm }: ClockedCase) {
  return {
    first_response_due_at: iso(c.firstResponseDueAt),
    first_responded_at: iso(c.firstRespondedAt),
    last_public_reply_at: iso(c.lastPublicReplyAt),
    response_clock_from: iso(c.responseClockFrom),
    next_update_due_at: iso(c.nextUpdateDueAt),
    resolution_due_at: iso(c.resolutionDueAt),
    idle_since: iso(c.idleSince),
    customer_waiting_since: iso(c.customerWaitingSince),
    sla_paused_at: iso(c.pausedAt),
    return_due_at: iso(c.returnDueAt),
    sla_due_at: iso(due),
    sla_alarm_at: iso(alarm),
    paused_response_minutes: c.pausedMinutes.firstResponse,
    paused_update_minutes: c.pausedMinutes.nextUpdate,
    paused_resolution_minutes: c.pausedMinutes.resolution,
  };
}

type ClockColumn = keyof ReturnType<typeof clockColumnValues>;
const CLOCK_COLUMN_SET: Record<ClockColumn, true> = {
  first_response_due_at: true,
  first_responded_at: true,
  last_public_reply_at: true,
  response_clock_from: true,
  next_update_due_at: true,
  resolution_due_at: true,
  idle_since: true,
  customer_waiting_since: true,
  sla_paused_at: true,
  return_due_at: true,
  sla_due_at: true,
  sla_alarm_at: true,
  paused_response_minutes: true,
  paused_update_minutes: true,
  paused_resolution_minutes: true,
};
/** The SQL names of the columns `clockColumnValues` gives, for a statement that sets them all. */
export const CLOCK_COLUMNS = Object.keys(CLOCK_COLUMN_SET) as readonly ClockColumn[];

/** The moved clocks of one or more cases, in one statement. */
async function writeClocks(tx: Db, moved: readonly ClockedCase[]): Promise<void> {
  if (!moved.length) return;
  const rows = moved.map((kase) => ({ id: kase.id, ...clockColumnValues(kase) }));
  await tx.execute(sql`
    UPDATE cases SET
      first_response_due_at = x.first_response_due_at,
      first_responded_at = x.first_responded_at,
      last_public_reply_at = x.last_public_reply_at,
      response_clock_from = x.response_clock_from,
      next_update_due_at = x.next_update_due_at,
      resolution_due_at = x.resolution_due_at,
      idle_since = x.idle_since,
      customer_waiting_since = x.customer_waiting_since,
      sla_paused_at = x.sla_paused_at,
      return_due_at = x.return_due_at,
      sla_due_at = x.sla_due_at,
      sla_alarm_at = x.sla_alarm_at,
      paused_response_minutes = x.paused_response_minutes,
      paused_update_minutes = x.paused_update_minutes,
      paused_resolution_minutes = x.paused_resolution_minutes
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(
      id uuid, first_response_due_at timestamptz, first_responded_at timestamptz,
      last_public_reply_at timestamptz, response_clock_from timestamptz,
      next_update_due_at timestamptz, resolution_due_at timestamptz, idle_since timestamptz,
      customer_waiting_since timestamptz, sla_paused_at timestamptz, return_due_at timestamptz,
      sla_due_at timestamptz, sla_alarm_at timestamptz, paused_response_minutes float8,
      paused_update_minutes float8, paused_resolution_minutes float8)
    WHERE cases.id = x.id`);
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
  "case.auto_assigned": [clocksOnAutoAssign],
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
      const { transfer, policy, clocksMoved } = e.facts;
      // Written with the reassignment already (src/writes/complete-transfer.ts): only told here.
      if (clocksMoved) {
        if (clocksMoved.event) await scope.emit(clocksMoved.event);
        return;
      }
      const kind = policy.transferKinds.find((k) => k.code === transfer.kind);
      const at = new Date();
      await moveCaseClocks(tx, scope.emit, {
        caseId: e.caseId,
        // The transfer holds its workspace's policy; a case sent to another workspace is
        // measured by that one's, read afresh.
        known: { workspaceId: transfer.workspaceId, policy },
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

/** A new owner may bring another calendar (their region's hours), then the return timer. */
const assignedMove = (e: EventOf<"case.auto_assigned">): ClockMove[] => {
  if (!e.caseId) return [];
  const at = new Date();
  return [
    {
      caseId: e.caseId,
      changes: [
        { type: "terms_changed", at },
        { type: "auto_assigned", at },
      ],
      actorId: e.actorId,
      why: "auto-assigned",
    },
  ];
};

async function clocksOnAutoAssign(
  tx: Db,
  e: EventOf<"case.auto_assigned">,
  scope: EmitScope,
): Promise<void> {
  const [move] = assignedMove(e);
  if (move) await moveCaseClocks(tx, scope.emit, move);
}
clocksOnAutoAssign.many = async (
  tx: Db,
  events: readonly EventOf<"case.auto_assigned">[],
  scope: EmitScope,
): Promise<void> => moveManyClocks(tx, scope.emitMany, events.flatMap(assignedMove));

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
