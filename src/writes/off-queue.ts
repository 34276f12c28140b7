import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { offQueueRequests, users } from "../db/schema.ts";
import { conflict } from "../domain/errors.ts";
import type { OffQueueState } from "../domain/off-queue/requests.ts";
import type { OffQueueRecord } from "../loaders/off-queue.ts";
import { emit } from "./emit.ts";

type Availability = "available" | "off_queue";

/**
 * Sets a person's availability as an off-queue request moves, audited as any availability
 * change is (`agent.availability_changed`), so routing hears an agent come back and sends them
 * the cases waiting in their queues. Someone on leave meanwhile stays on leave.
 */
async function changeAvailability(
  tx: Db,
  input: { userId: string; workspaceId: string; to: Availability; actorId: string | null },
): Promise<void> {
  const [user] = await tx
    .select({ availability: users.availability })
    .from(users)
    .where(eq(users.id, input.userId))
    .for("update");
  if (!user || user.availability === input.to || user.availability === "on_leave") return;
  await tx
    .update(users)
    .set({ availability: input.to, version: sql`${users.version} + 1`, updatedAt: new Date() })
    .where(eq(users.id, input.userId));
  await emit(tx, {
    name: "agent.availability_changed",
    actorId: input.actorId,
    workspaceId: input.workspaceId,
    subjectId: input.userId,
    data: { changes: { availability: { from: user.availability, to: input.to } } },
  });
}

const EVENT = {
  approved: "off_queue.approved",
  declined: "off_queue.declined",
  withdrawn: "off_queue.withdrawn",
} as const;

/**
 * Moves a request (its row locked by the caller) to its next state, checking the version the
 * person saw; approval starts the time off queue, ending it puts the agent back on queue. One
 * event tells of it.
 */
export async function moveOffQueue(
  tx: Db,
  r: OffQueueRecord,
  input: {
    to: Exclude<OffQueueState, "pending">;
    version: number | null;
    actorId: string | null;
    note?: string | null;
    now: Date;
  },
): Promise<OffQueueRecord> {
  if (input.version !== null && input.version !== r.row.version)
    throw conflict("This request was changed by someone else; reload and try again", {
      currentVersion: r.row.version,
    });
  const { now, to } = input;
  const decides = to === "approved" || to === "declined";
  const [row] = await tx
    .update(offQueueRequests)
    .set({
      state: to,
      ...(to === "approved"
        ? { startedAt: now, until: new Date(now.getTime() + r.row.hours * 3_600_000) }
        : {}),
      ...(decides
        ? { decidedBy: input.actorId, decidedAt: now, decisionNote: input.note ?? null }
        : {}),
      ...(to === "ended" ? { endedAt: now } : {}),
      version: sql`${offQueueRequests.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(offQueueRequests.id, r.row.id), eq(offQueueRequests.version, r.row.version)))
    .returning();
  if (!row) throw conflict("This request was changed by someone else; reload and try again");
  if (to === "approved")
    await changeAvailability(tx, { ...common(r), to: "off_queue", actorId: input.actorId });
  if (to === "ended")
    await changeAvailability(tx, { ...common(r), to: "available", actorId: input.actorId });
  const envelope = { actorId: input.actorId, workspaceId: r.row.workspaceId, subjectId: r.row.id };
  const data = dataOf({ ...r, row });
  if (to === "ended")
    await emit(tx, {
      ...envelope,
      name: "off_queue.ended",
      data: { ...data, early: row.until !== null && now < row.until },
    });
  else await emit(tx, { ...envelope, name: EVENT[to], data });
  return { ...r, row };
}

const common = (r: OffQueueRecord) => ({ userId: r.row.userId, workspaceId: r.row.workspaceId });

/** What every off-queue event carries. */
export const dataOf = (r: OffQueueRecord) => ({
  userId: r.row.userId,
  userName: r.userName,
  hours: r.row.hours,
  reason: r.row.reason,
  until: r.row.until ? r.row.until.toISOString() : null,
  note: r.row.decisionNote,
});
