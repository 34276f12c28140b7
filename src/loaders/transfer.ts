import { and, eq } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import { membershipIn } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { cases, memberships, transfers } from "../db/schema.ts";
import { notFound } from "../domain/errors.ts";
import type { TransferKind } from "../domain/policy/schema.ts";
import type { LoadedCase } from "./cases.ts";
import type { TransferRow } from "./transfer-facts.ts";
import { workspaceById } from "./workspaces.ts";

export interface LoadedTransfer {
  transfer: TransferRow;
  loaded: LoadedCase;
  kind: TransferKind;
}

/** A transfer in a workspace the actor does not belong to is reported as missing. */
export async function loadTransfer(db: Db, actor: Actor, id: string): Promise<LoadedTransfer> {
  const [transfer] = await db.select().from(transfers).where(eq(transfers.id, id));
  if (!transfer || !membershipIn(actor, transfer.workspaceId)) throw notFound("Transfer");
  const [row] = await db.select().from(cases).where(eq(cases.id, transfer.caseId));
  if (!row) throw notFound("Transfer");
  const workspace = await workspaceById(db, transfer.workspaceId);
  const kind = workspace.policy.transferKinds.find((k) => k.code === transfer.kind);
  if (!kind) throw new Error(`transfer kind ${transfer.kind} is no longer in the policy`);
  return { transfer, loaded: { row, workspace }, kind };
}

/** The viewer's region and handover SME flag in a workspace, for the alignment step. */
export async function alignmentMember(db: Db, userId: string, workspaceId: string) {
  const [m] = await db
    .select({ region: memberships.region, handoverSme: memberships.handoverSme })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId)));
  return m;
}
