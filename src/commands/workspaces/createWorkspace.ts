import type { Db } from "../../db/client.ts";
import { policies, workspaces } from "../../db/schema.ts";
import { DomainError } from "../../domain/errors.ts";
import { parsePolicy } from "../../domain/policy/parse.ts";
import type { WorkspaceWithPolicy } from "../../loaders/workspaces.ts";
import { emit } from "../../writes/emit.ts";

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
