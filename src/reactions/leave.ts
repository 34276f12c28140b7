import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { qualified } from "../db/qualified.ts";
import { cases, leavePlanItems, transfers } from "../db/schema.ts";
import type { EventName } from "../events/catalogue.ts";
import type { SubscriberList } from "../events/emit.ts";

const ENDED_WITHOUT_HAND_OFF = ["rejected", "declined", "withdrawn", "expired"];

/**
 * A leave plan's case follows its transfer (docs/leave.md): handed off when the transfer
 * completes (to whoever owns the case then), kept by its owner when the transfer ends otherwise.
 * Transfers the lead decides on the planner, and those a receiver accepts later, alike.
 */
async function followTransfer(tx: Db, transferId: string, known?: string): Promise<void> {
  const [t] = known
    ? [{ state: known }]
    : await tx
        .select({ state: transfers.state })
        .from(transfers)
        .where(eq(transfers.id, transferId));
  if (!t) return;
  const done = t.state === "completed";
  if (!done && !ENDED_WITHOUT_HAND_OFF.includes(t.state)) return;
  await tx
    .update(leavePlanItems)
    .set({
      state: done ? "handed_off" : "kept",
      holderId: done
        ? sql`(select ${qualified(cases.ownerId)} from ${cases}
            where ${qualified(cases.id)} = ${qualified(leavePlanItems.caseId)})`
        : null,
      version: sql`${leavePlanItems.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(leavePlanItems.transferId, transferId), eq(leavePlanItems.state, "requested")));
}

const ENDINGS = [
  "transfer.rejected",
  "transfer.declined",
  "transfer.withdrawn",
  "transfer.expired",
] as const satisfies readonly EventName[];

export const LEAVE_REACTIONS: SubscriberList = {
  ...Object.fromEntries(
    ENDINGS.map((name) => [
      name,
      [
        async function leaveItemFollowsTransfer(tx: Db, e: { subjectId: string }) {
          await followTransfer(tx, e.subjectId);
        },
      ],
    ]),
  ),
  "transfer.completed": [
    async function leaveItemHandedOff(tx, e) {
      // A transfer requested and completed in one go has no item yet: the plan links it after.
      if (!e.facts.requestedNow) await followTransfer(tx, e.subjectId, "completed");
    },
  ],
};
