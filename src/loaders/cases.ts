import { eq, sql } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import { membershipIn } from "../auth/actor.ts";
import { type Action, authorize } from "../auth/authorize.ts";
import type { Db } from "../db/client.ts";
import { rowAsJson } from "../db/json-row.ts";
import { prepared } from "../db/prepared.ts";
import { cases, workspaces } from "../db/schema.ts";
import { notFound } from "../domain/errors.ts";
import {
  latestPolicyId,
  type Workspace,
  type WorkspaceWithPolicy,
  withPolicyId,
} from "./workspaces.ts";

export type CaseRow = typeof cases.$inferSelect;

export interface LoadedCase {
  row: CaseRow;
  workspace: WorkspaceWithPolicy;
}

/** The case with its workspace and the id of its current policy: what `admitCase` takes. */
export const caseWithWorkspaceColumns = {
  row: rowAsJson(cases),
  ws: {
    id: workspaces.id,
    slug: workspaces.slug,
    name: workspaces.name,
    preset: workspaces.preset,
  },
  policyId: latestPolicyId(cases.workspaceId),
};

export interface CaseWithWorkspace {
  row: CaseRow;
  ws: Workspace;
  policyId: string | null;
}

const caseWithWorkspace = prepared("baton_load_case", (db) =>
  db
    .select(caseWithWorkspaceColumns)
    .from(cases)
    .innerJoin(workspaces, eq(workspaces.id, cases.workspaceId))
    .where(eq(cases.number, sql.placeholder("number")))
    .limit(1),
);

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
  const [found] = await caseWithWorkspace(db, { number });
  return admitCase(db, actor, number, action, found);
}

/** loadCase's checks, for a query that read the case (by `caseWithWorkspaceColumns`) and more. */
export async function admitCase(
  db: Db,
  actor: Actor,
  number: number,
  action: Action,
  found: CaseWithWorkspace | undefined,
): Promise<LoadedCase> {
  if (!found || !membershipIn(actor, found.row.workspaceId)) throw notFound(`Case ${number}`);
  const { row } = found;
  const workspace = await withPolicyId(db, found.ws, found.policyId);
  authorize(actor, action, targetOf(row), workspace.policy, `Case ${number}`);
  return { row, workspace };
}

export const targetOf = (row: CaseRow) => ({
  workspaceId: row.workspaceId,
  caseOwners: [row.ownerId, row.secondaryOwnerId],
});
