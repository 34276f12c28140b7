import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { policies, workspaces } from "../db/schema.ts";
import { DomainError, notFound } from "../domain/errors.ts";
import { parsePolicy } from "../domain/policy/parse.ts";
import {
  pickWorkspace,
  type Workspace,
  type WorkspaceWithPolicy,
  workspaceById,
} from "../loaders/workspaces.ts";
import { emit } from "../writes/emit.ts";

export {
  latestPolicyId,
  pickWorkspace,
  type Workspace,
  type WorkspaceWithPolicy,
  withPolicyId,
  workspaceById,
  workspaceBySlug,
} from "../loaders/workspaces.ts";

export async function createWorkspace(
  db: Db,
  input: { slug: string; name: string; preset?: string; policy: unknown },
  actorId: string | null,
): Promise<WorkspaceWithPolicy> {
  const parsed = parsePolicy(input.policy);
  if (!parsed.ok)
    throw new DomainError("validation", "invalid_policy", "The policy is not valid", {
      issues: parsed.issues.map((i) => ({ field: `policy.${i.field}`, message: i.message })),
    });
  return db.transaction(async (tx) => {
    const [ws] = await tx
      .insert(workspaces)
      .values({ slug: input.slug, name: input.name, preset: input.preset ?? null })
      .returning();
    if (!ws) throw new Error("workspace insert returned nothing");
    await tx
      .insert(policies)
      .values({ workspaceId: ws.id, version: 1, document: parsed.policy, createdBy: actorId });
    await emit(tx, {
      name: "workspace.created",
      actorId,
      workspaceId: ws.id,
      subjectId: ws.id,
      data: { slug: ws.slug, preset: ws.preset, policyVersion: 1 },
    });
    return { ...ws, policy: parsed.policy, policyVersion: 1 };
  });
}

export async function listWorkspaces(db: Db): Promise<Workspace[]> {
  const rows = await db.select().from(workspaces).orderBy(workspaces.slug);
  return rows.map(pickWorkspace);
}

/**
 * A workspace the actor belongs to, by slug or id; any other is reported as `what` not found, so
 * nobody learns that a workspace they are not in exists.
 */
export async function memberWorkspace(
  db: Db,
  actor: Actor,
  by: { slug: string } | { id: string },
  what: string,
): Promise<WorkspaceWithPolicy> {
  const known = actor.memberships.find((m) =>
    "slug" in by ? m.workspaceSlug === by.slug : m.workspaceId === by.id,
  );
  if (!known) throw notFound(what);
  return workspaceById(db, known.workspaceId);
}
