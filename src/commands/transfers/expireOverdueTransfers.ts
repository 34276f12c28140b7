import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { cases, transfers } from "../../db/schema.ts";
import { requiredSteps, type StepRecord } from "../../domain/transfer/machine.ts";
import { workspaceById } from "../../loaders/workspaces.ts";
import { completeTransfer } from "../../writes/complete-transfer.ts";
import { emit } from "../../writes/emit.ts";

/**
 * A receiver who neither accepts nor declines in time: by the kind's policy the case goes back
 * to the queue unowned, or the transfer returns to the approver to pick someone else. Any
 * process may run this; SKIP LOCKED keeps two from handling the same transfer.
 */
export async function expireOverdueTransfers(db: Db, now: Date, batch = 50): Promise<number> {
  let handled = 0;
  for (;;) {
    const done = await db.transaction(async (tx): Promise<boolean | "again"> => {
      const overdue = and(
        eq(transfers.state, "awaiting_acceptance"),
        lte(transfers.expiresAt, now),
      );
      // The case first, then its transfer: the order every decision on a transfer locks them in,
      // so a receiver accepting at the deadline and this sweep cannot deadlock.
      const [due] = await tx
        .select({ id: transfers.id })
        .from(transfers)
        .innerJoin(cases, eq(cases.id, transfers.caseId))
        .where(overdue)
        .orderBy(asc(transfers.expiresAt))
        .limit(1)
        .for("update", { of: cases, skipLocked: true });
      if (!due) return false;
      const [t] = await tx
        .select()
        .from(transfers)
        .where(and(eq(transfers.id, due.id), overdue))
        .for("update");
      // Answered between the look and the lock: look again.
      if (!t) return "again";
      const ws = await workspaceById(tx, t.workspaceId);
      const kind = ws.policy.transferKinds.find((k) => k.code === t.kind);
      const [kase] = await tx
        .select({ id: cases.id, number: cases.number, subject: cases.subject })
        .from(cases)
        .where(eq(cases.id, t.caseId));
      const toApprover =
        kind?.acceptance.onTimeout === "back_to_approver" && (kind.approverRoles.length ?? 0) > 0;
      if (toApprover && kind) {
        const required = requiredSteps(kind, "queue", { approvalForced: true });
        const steps = (t.steps as StepRecord[]).filter((s) => s.step === "notes_updated");
        await tx
          .update(transfers)
          .set({
            state: "awaiting_approval",
            targetType: "queue",
            targetAgentId: null,
            requiredSteps: required,
            steps,
            expiresAt: null,
            version: sql`${transfers.version} + 1`,
            updatedAt: now,
          })
          .where(eq(transfers.id, t.id));
      } else {
        await completeTransfer(
          tx,
          { ...t, targetType: "queue", targetAgentId: null, pin: false },
          t.requestedBy,
          ws.policy,
          now,
        );
        await tx.update(transfers).set({ state: "expired" }).where(eq(transfers.id, t.id));
      }
      // The offer is gone: the receiver's call to act is answered, and approvers are asked again.
      const [moved] = kase ? await tx.select().from(transfers).where(eq(transfers.id, t.id)) : [];
      await emit(tx, {
        name: "transfer.expired",
        actorId: null,
        workspaceId: t.workspaceId,
        caseId: t.caseId,
        ...(kase ? { caseNumber: kase.number } : {}),
        subjectId: t.id,
        data: { outcome: toApprover ? "back_to_approver" : "back_to_queue", queue: t.targetQueue },
        facts:
          kase && moved
            ? {
                transfer: moved,
                from: "awaiting_acceptance",
                to: moved.state,
                kase,
                policy: ws.policy,
                actorName: "Baton",
              }
            : null,
      });
      return true;
    });
    if (!done) return handled;
    if (done === "again") continue;
    handled += 1;
    if (handled >= batch) return handled;
  }
}
