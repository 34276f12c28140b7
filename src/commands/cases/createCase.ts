import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { activities, cases, idempotencyKeys } from "../../db/schema.ts";
import { planAllows24x7, unknownRefs } from "../../domain/cases.ts";
import { DomainError, invalid, notFound, ruleBroken } from "../../domain/errors.ts";
import {
  code,
  isoDateTime,
  lineText,
  requiredLine,
  safeText,
  slug,
  toDate,
} from "../../domain/text.ts";
import { checkCustomer, checkMembers, parentCaseId, refuse } from "../../loaders/case-refs.ts";
import { type WorkspaceWithPolicy, workspaceBySlug } from "../../loaders/workspaces.ts";
import { emit } from "../../writes/emit.ts";

export const createCaseInput = z.strictObject({
  workspace: slug.optional().describe("Workspace slug; optional when you belong to one only"),
  subject: requiredLine(300),
  description: safeText(50_000).default(""),
  internalTitle: lineText(300, 0).default(""),
  customerId: z.uuid().optional(),
  contactId: z.uuid().optional(),
  product: code.optional(),
  severity: code.optional(),
  priority: code.optional(),
  impact: safeText(2_000).default(""),
  plan: code.optional(),
  is24x7: z.boolean().default(false),
  queue: code.optional(),
  region: code.optional(),
  brand: code.optional(),
  ownerId: z.uuid().nullable().optional(),
  secondaryOwnerId: z.uuid().nullable().optional(),
  parentCaseNumber: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  partnerTicket: lineText(120, 0).optional(),
  incidentId: lineText(120, 0).optional(),
  stepsToReproduce: safeText(20_000).default(""),
  nextContactAt: isoDateTime.optional().describe("When the customer is next contacted"),
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
  const p = ws.policy;
  const values = {
    severity: input.severity ?? p.defaults.severity,
    priority: input.priority ?? p.defaults.priority,
    queue: input.queue ?? p.defaults.queue,
    brand: input.brand ?? p.defaults.brand,
    plan: input.plan ?? null,
    product: input.product ?? null,
    region: input.region ?? null,
  };
  const issues = unknownRefs(p, values);
  if (issues.length) refuse(issues);
  if (input.is24x7 && !planAllows24x7(p, values.plan))
    throw ruleBroken("plan_not_24x7", "is24x7: the case's plan does not include 24x7", "is24x7");
  // Taking a case yourself is part of creating it (S4.1); naming someone else is an assignment.
  if (input.ownerId && input.ownerId !== actor.userId)
    authorize(actor, "case.assign", { workspaceId: ws.id, caseOwners: [actor.userId] }, ws.policy);

  return db.transaction(async (tx) => {
    if (idempotency) {
      const replay = await claimKey(tx, actor, idempotency);
      if (replay !== undefined) return { number: replay, replayed: true };
    }
    const refIssues = [
      ...(await checkMembers(tx, ws.id, {
        ownerId: input.ownerId,
        secondaryOwnerId: input.secondaryOwnerId,
      })),
      ...(await checkCustomer(tx, ws.id, input.customerId, input.contactId)),
    ];
    const parent = await parentCaseId(tx, ws.id, input.parentCaseNumber);
    refIssues.push(...parent.issues);
    if (refIssues.length) refuse(refIssues);

    const now = new Date();
    const [row] = await tx
      .insert(cases)
      .values({
        workspaceId: ws.id,
        subject: input.subject,
        description: input.description,
        internalTitle: input.internalTitle,
        customerId: input.customerId ?? null,
        contactId: input.contactId ?? null,
        impact: input.impact,
        is24x7: input.is24x7,
        ...values,
        ownerId: input.ownerId ?? null,
        secondaryOwnerId: input.secondaryOwnerId ?? null,
        parentCaseId: parent.id,
        partnerTicket: input.partnerTicket || null,
        incidentId: input.incidentId || null,
        stepsToReproduce: input.stepsToReproduce,
        nextContactAt: input.nextContactAt ? toDate(input.nextContactAt) : null,
        status: "new",
        // The clocks start in their reaction to case.created (src/reactions/clocks.ts).
        idleSince: now,
        responseClockFrom: now,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error("case insert returned nothing");
    await tx.insert(activities).values({
      caseId: row.id,
      kind: "system",
      visibility: "private",
      body: "Case created",
      authorId: actor.userId,
      data: { event: "case.created" },
    });
    await emit(tx, {
      name: "case.created",
      actorId: actor.userId,
      workspaceId: ws.id,
      caseId: row.id,
      subjectId: String(row.number),
      caseNumber: row.number,
      data: { number: row.number, subject: row.subject, ...values, ownerId: row.ownerId },
    });
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
