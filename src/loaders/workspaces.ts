import { eq, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.ts";
import { prepared } from "../db/prepared.ts";
import { qualified } from "../db/qualified.ts";
import { policies, workspaces } from "../db/schema.ts";
import { notFound } from "../domain/errors.ts";
import { deepFreeze } from "../domain/freeze.ts";
import { parsePolicy } from "../domain/policy/parse.ts";
import type { Policy } from "../domain/policy/schema.ts";

// Loading a workspace with its policy, for commands and for the subscribers below them
// (notify), which must not import commands.

export interface Workspace {
  id: string;
  slug: string;
  name: string;
  preset: string | null;
}

export interface WorkspaceWithPolicy extends Workspace {
  policy: Policy;
  policyVersion: number;
}

/**
 * The id of a workspace's newest policy version, as a column any query on its rows can add.
 * Drizzle leaves column names unqualified in a one-table query, so the names are spelled out.
 */
export const latestPolicyId = (workspaceId: AnyPgColumn) =>
  sql<
    string | null
  >`(select p.id from ${policies} p where p.workspace_id = ${qualified(workspaceId)} order by p.version desc limit 1)`;

// A stored policy version never changes, so its parsed form can be kept by row id, and then the
// document need not even be read again. Parsing on every request was a third of the CPU of a
// transfer (docs/performance.md).
const PARSED = new Map<string, { policy: Policy; version: number }>();
const PARSED_LIMIT = 500;

const policyById = prepared("baton_policy_by_id", (db) =>
  db
    .select({ document: policies.document, version: policies.version })
    .from(policies)
    .where(eq(policies.id, sql.placeholder("id"))),
);

/** The workspace with the policy version `policyId` (from `latestPolicyId`). */
export async function withPolicyId(
  db: Db,
  ws: Workspace,
  policyId: string | null,
): Promise<WorkspaceWithPolicy> {
  if (!policyId) throw new Error(`workspace ${ws.slug} has no policy`);
  let cached = PARSED.get(policyId);
  if (!cached) {
    const [row] = await policyById(db, { id: policyId });
    if (!row) throw new Error(`workspace ${ws.slug} has no policy ${policyId}`);
    // Stored policies were validated when written; parsing again fills defaults added since.
    const parsed = parsePolicy(row.document);
    if (!parsed.ok) throw new Error(`stored policy of ${ws.slug} (${policyId}) no longer parses`);
    if (PARSED.size >= PARSED_LIMIT) PARSED.delete(PARSED.keys().next().value as string);
    cached = { policy: deepFreeze(parsed.policy), version: row.version };
    PARSED.set(policyId, cached);
  }
  return { ...ws, policy: cached.policy, policyVersion: cached.version };
}

const columns = {
  id: workspaces.id,
  slug: workspaces.slug,
  name: workspaces.name,
  preset: workspaces.preset,
  policyId: latestPolicyId(workspaces.id),
};

const bySlug = prepared("baton_workspace_by_slug", (db) =>
  db
    .select(columns)
    .from(workspaces)
    .where(eq(workspaces.slug, sql.placeholder("slug")))
    .limit(1),
);

const byId = prepared("baton_workspace_by_id", (db) =>
  db
    .select(columns)
    .from(workspaces)
    .where(eq(workspaces.id, sql.placeholder("id")))
    .limit(1),
);

export const pickWorkspace = (w: Workspace): Workspace => ({
  id: w.id,
  slug: w.slug,
  name: w.name,
  preset: w.preset,
});

export async function workspaceBySlug(db: Db, slug: string): Promise<WorkspaceWithPolicy> {
  const [ws] = await bySlug(db, { slug });
  if (!ws) throw notFound(`Workspace ${slug}`);
  return withPolicyId(db, pickWorkspace(ws), ws.policyId);
}

export async function workspaceById(db: Db, id: string): Promise<WorkspaceWithPolicy> {
  const [ws] = await byId(db, { id });
  if (!ws) throw notFound("Workspace");
  return withPolicyId(db, pickWorkspace(ws), ws.policyId);
}

/**
 * The workspace's newest policy, read after locking the workspace row, so that two admins
 * changing the policy at once are taken one after the other and the second sees the first's
 * version. NO KEY UPDATE, so that inserting cases and members (whose foreign keys take KEY SHARE
 * on this row) never waits for a policy change. The policy is read in a second statement: one
 * that waited for the lock must see the version committed meanwhile.
 */
export async function lockedWorkspacePolicy(tx: Db, ws: Workspace): Promise<WorkspaceWithPolicy> {
  await tx
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.id, ws.id))
    .for("no key update");
  const [row] = await tx
    .select({ policyId: latestPolicyId(workspaces.id) })
    .from(workspaces)
    .where(eq(workspaces.id, ws.id));
  return withPolicyId(tx, ws, row?.policyId ?? null);
}
