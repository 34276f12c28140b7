import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { isOpen, type StepRecord } from "../domain/transfer/machine.ts";
import { alignmentMember } from "../loaders/transfer.ts";
import type { TransferRow } from "../loaders/transfer-facts.ts";
import { workspaceById } from "../loaders/workspaces.ts";
import { namesOf } from "./cases.ts";
import { type TransferView, transferView } from "./transfer-view.ts";

export async function presentTransfer(
  db: Db,
  actor: Actor,
  t: TransferRow,
  kase: { number: number; subject: string; severity: string; ownerId: string | null },
): Promise<TransferView> {
  const people = await namesOf(db, [
    t.requestedBy,
    t.targetAgentId,
    t.fromOwnerId,
    t.decidedBy,
    ...(t.steps as StepRecord[]).map((s) => s.by),
  ]);
  const ws = await workspaceById(db, t.workspaceId);
  const aligning = isOpen(t.state) && (t.requiredSteps as string[]).includes("handover_aligned");
  const member = aligning ? await alignmentMember(db, actor.userId, t.workspaceId) : undefined;
  return transferView(actor, t, kase, ws, people, member);
}
