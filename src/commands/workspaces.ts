import { desc, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { policies, workspaces } from "../db/schema.ts";
import { DomainError, notFound } from "../domain/errors.ts";
import { deepFreeze } from "../domain/freeze.ts";
import { parsePolicy } from "../domain/policy/parse.ts";
import type { Policy } from "../domain/policy/schema.ts";
import { recordAudit } from "./audit.ts";

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
    await recordAudit(tx, {
      action: "workspace.created",
      actorId,
      workspaceId: ws.id,
      subjectType: "workspace",
      subjectId: ws.id,
      data: { slug: ws.slug, preset: ws.preset, policyVersion: 1 },
    });
    return { ...ws, policy: parsed.policy, policyVersion: 1 };
  });
}

async function withPolicy(db: Db, ws: Workspace): Promise<WorkspaceWithPolicy> {
  const [row] = await db
    .select()
    .from(policies)
    .where(eq(policies.workspaceId, ws.id))
    .orderBy(desc(policies.version))
    .limit(1);
  if (!row) throw new Error(`workspace ${ws.slug} has no policy`);
  return { ...ws, policy: parsedPolicy(row.id, row.document, ws.slug), policyVersion: row.version };
}

// A stored policy version never changes, so its parsed form can be kept by row id. Parsing on
// every request was a third of the CPU of a transfer (docs/performance.md).
const PARSED = new Map<string, Policy>();
const PARSED_LIMIT = 500;

function parsedPolicy(rowId: string, document: unknown, slug: string): Policy {
  const cached = PARSED.get(rowId);
  if (cached) return cached;
  // Stored policies were validated when written; parsing again fills defaults added since.
  const parsed = parsePolicy(document);
  if (!parsed.ok) throw new Error(`stored policy of ${slug} (${rowId}) no longer parses`);
  if (PARSED.size >= PARSED_LIMIT) PARSED.delete(PARSED.keys().next().value as string);
  const frozen = deepFreeze(parsed.policy);
  PARSED.set(rowId, frozen);
  return frozen;
}

const pick = (w: Workspace): Workspace => ({
  id: w.id,
  slug: w.slug,
  name: w.name,
  preset: w.preset,
});

export async function workspaceBySlug(db: Db, slug: string): Promise<WorkspaceWithPolicy> {
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, slug)).limit(1);
  if (!ws) throw notFound(`Workspace ${slug}`);
  return withPolicy(db, pick(ws));
}

export async function workspaceById(db: Db, id: string): Promise<WorkspaceWithPolicy> {
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.id, id)).limit(1);
  if (!ws) throw notFound("Workspace");
  return withPolicy(db, pick(ws));
}

export async function listWorkspaces(db: Db): Promise<Workspace[]> {
  const rows = await db.select().from(workspaces).orderBy(workspaces.slug);
  return rows.map(pick);
}
