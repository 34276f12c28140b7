import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { type Actor, membershipIn } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { idempotencyKeys } from "../../db/schema.ts";
import { childCaseNeedsRequest } from "../../domain/child-cases/requests.ts";
import { DomainError, invalid, notFound, ruleBroken } from "../../domain/errors.ts";
import { slug } from "../../domain/text.ts";
import { parentCaseId, refuse } from "../../loaders/case-refs.ts";
import { type WorkspaceWithPolicy, workspaceBySlug } from "../../loaders/workspaces.ts";
import { caseDraft, checkDraft, openCase } from "../../writes/open-case.ts";

export const createCaseInput = caseDraft.extend({
  workspace: slug.optional().describe("Workspace slug; optional when you belong to one only"),
  parentCaseNumber: z
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .describe("Opens the case from this one; where that needs approval, ask from it instead"),
});

export type CreateCaseInput = z.infer<typeof createCaseInput>;

export interface Idempotency {
  key: string;
  /** Hash of the request body, so reusing a key for a different request is caught. */
  fingerprint: string;
}

async function resolveWorkspace(
  db: Db,
  actor: Actor,
  slugName: string | undefined,
): Promise<WorkspaceWithPolicy> {
  if (slugName) {
    const member = actor.memberships.find((m) => m.workspaceSlug === slugName);
    if (!member) throw notFound(`Workspace ${slugName}`);
    return workspaceBySlug(db, slugName);
  }
  const [only, ...more] = actor.memberships;
  if (!only) throw notFound("Workspace");
  if (more.length > 0)
    throw invalid("workspace", "you belong to several workspaces; name one (its slug)");
  return workspaceBySlug(db, only.workspaceSlug);
}

export interface CreateCaseResult {
  number: number;
  replayed: boolean;
}

export async function createCase(
  db: Db,
  actor: Actor,
  input: CreateCaseInput,
  idempotency?: Idempotency,
): Promise<CreateCaseResult> {
  const ws = await resolveWorkspace(db, actor, input.workspace);
  authorize(actor, "case.create", { workspaceId: ws.id }, ws.policy);
  checkDraft(ws.policy, input);
  const viewer = { userId: actor.userId, role: membershipIn(actor, ws.id)?.role ?? null };
  if (input.parentCaseNumber !== undefined && childCaseNeedsRequest(ws.policy.childCases, viewer))
    throw ruleBroken(
      "child_case_needs_approval",
      `parentCaseNumber: a new case from case #${input.parentCaseNumber} needs the shift lead's approval: ask for it from the parent case`,
      "parentCaseNumber",
    );
  // Taking a case yourself is part of creating it (S4.1); naming someone else is an assignment.
  if (input.ownerId && input.ownerId !== actor.userId)
    authorize(actor, "case.assign", { workspaceId: ws.id, caseOwners: [actor.userId] }, ws.policy);

  return db.transaction(async (tx) => {
    if (idempotency) {
      const replay = await claimKey(tx, actor, idempotency);
      if (replay !== undefined) return { number: replay, replayed: true };
    }
    const parent = await parentCaseId(tx, ws.id, input.parentCaseNumber);
    if (parent.issues.length) refuse(parent.issues);
    const { workspace: _, parentCaseNumber, ...draft } = input;
    const row = await openCase(
      tx,
      ws,
      actor.userId,
      // A case opened from another belongs to whoever opens it unless they name someone (S4.9).
      parent.id && draft.ownerId === undefined ? { ...draft, ownerId: actor.userId } : draft,
      parent.id && parentCaseNumber !== undefined
        ? { id: parent.id, number: parentCaseNumber, reason: null, openedByName: actor.name }
        : null,
    );
    if (idempotency)
      await tx
        .update(idempotencyKeys)
        .set({ response: { number: row.number } })
        .where(
          and(eq(idempotencyKeys.userId, actor.userId), eq(idempotencyKeys.key, idempotency.key)),
        );
    return { number: row.number, replayed: false };
  });
}

/** Returns the case number of an earlier request with this key, or undefined if it is new. */
async function claimKey(tx: Db, actor: Actor, idem: Idempotency): Promise<number | undefined> {
  // The insert blocks behind a concurrent request with the same key until that one commits.
  const claimed = await tx
    .insert(idempotencyKeys)
    .values({
      userId: actor.userId,
      key: idem.key,
      requestHash: idem.fingerprint,
      statusCode: 201,
      response: sql`'{}'::jsonb`,
    })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length) return undefined;
  const [earlier] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, actor.userId), eq(idempotencyKeys.key, idem.key)));
  if (!earlier) throw new Error("idempotency key vanished");
  if (earlier.requestHash !== idem.fingerprint)
    throw new DomainError(
      "rule",
      "idempotency_key_reused",
      "Idempotency-Key was already used for a different request",
      { issues: [{ field: "Idempotency-Key", message: "already used for a different request" }] },
    );
  const number = (earlier.response as { number?: number }).number;
  if (typeof number !== "number") throw new Error("idempotency record has no case number");
  return number;
}
