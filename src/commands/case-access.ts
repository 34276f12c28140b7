import { eq } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import { membershipIn } from "../auth/actor.ts";
import { type Action, authorize } from "../auth/authorize.ts";
import type { Db } from "../db/client.ts";
import { cases } from "../db/schema.ts";
import { notFound } from "../domain/errors.ts";
import { type WorkspaceWithPolicy, workspaceById } from "./workspaces.ts";

export type CaseRow = typeof cases.$inferSelect;

export interface LoadedCase {
  row: CaseRow;
  workspace: WorkspaceWithPolicy;
}

/**
 * Loads a case the actor may act on. A case in a workspace the actor does not belong to is
 * reported exactly like a case that does not exist.
 */
export async function loadCase(
  db: Db,
  actor: Actor,
  number: number,
  action: Action,
): Promise<LoadedCase> {
  const [row] = await db.select().from(cases).where(eq(cases.number, number)).limit(1);
  if (!row || !membershipIn(actor, row.workspaceId)) throw notFound(`Case ${number}`);
  const workspace = await workspaceById(db, row.workspaceId);
  authorize(actor, action, targetOf(row), workspace.policy, `Case ${number}`);
  return { row, workspace };
}

export const targetOf = (row: CaseRow) => ({
  workspaceId: row.workspaceId,
  caseOwners: [row.ownerId, row.secondaryOwnerId],
});
