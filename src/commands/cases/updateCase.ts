import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { membershipIn } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { activities, cases } from "../../db/schema.ts";
import { directAssignmentProblem } from "../../domain/assignment.ts";
import { describeChanges, peopleIn } from "../../domain/case-changes.ts";
import { CASE_STATUSES, type CaseStatus } from "../../domain/case-status.ts";
import {
  planAllows24x7,
  statusChangeProblem,
  subProductProblem,
  unknownRefs,
} from "../../domain/cases.ts";
import { openChildrenProblem } from "../../domain/child-cases/requests.ts";
import { conflict, DomainError, ruleBroken } from "../../domain/errors.ts";
import { rowVersion } from "../../domain/numbers.ts";
import {
  code,
  isoDateTime,
  lineText,
  requiredLine,
  safeText,
  toDate,
  trackerUrl,
} from "../../domain/text.ts";
import { checkMembers, refuse } from "../../loaders/case-refs.ts";
import { loadCase, targetOf } from "../../loaders/cases.ts";
import { openChildNumbers } from "../../loaders/child-cases.ts";
import { namesOf } from "../../presenters/cases.ts";
import { rewriteCaseWords } from "../../writes/case-description.ts";
import { diff } from "../../writes/changes.ts";
import { emit } from "../../writes/emit.ts";

export const updateCaseInput = z
  .strictObject({
    version: rowVersion.describe("The version you last read"),
    subject: requiredLine(300).optional(),
    description: safeText(50_000).optional(),
    internalTitle: lineText(300, 0).optional(),
    status: z.enum(CASE_STATUSES).optional(),
    severity: code.optional(),
    priority: code.optional(),
    impact: safeText(2_000).optional(),
    product: code.nullable().optional(),
    subProduct: code.nullable().optional().describe("Optional; one of the product's sub-products"),
    plan: code.nullable().optional(),
    is24x7: z.boolean().optional(),
    region: code.nullable().optional(),
    brand: code.optional(),
    partnerTicket: lineText(120, 0).nullable().optional(),
    incidentId: lineText(120, 0).nullable().optional(),
    trackerUrl: trackerUrl.nullable().optional().describe("The issue in the team's tracker"),
    stepsToReproduce: safeText(20_000).optional(),
    nextContactAt: isoDateTime
      .nullable()
      .optional()
      .describe("When the customer is next contacted, ISO 8601 with an offset; null clears it"),
    ownerId: z.uuid().nullable().optional(),
    secondaryOwnerId: z.uuid().nullable().optional(),
    queue: code.optional(),
    confirmOpenChildren: z
      .boolean()
      .optional()
      .describe("Resolve or close although cases opened from this one are still open"),
  })
  .refine((v) => Object.keys(v).length > 1, {
    message: "name at least one field to change besides version",
    path: ["version"],
  });

export type UpdateCaseInput = z.infer<typeof updateCaseInput>;

const ASSIGNMENT_FIELDS = ["ownerId", "secondaryOwnerId", "queue"] as const;

export async function updateCase(
  db: Db,
  actor: Actor,
  number: number,
  input: UpdateCaseInput,
): Promise<void> {
  const { version, nextContactAt, confirmOpenChildren, ...fields } = input;
  const changes = {
    ...fields,
    ...(nextContactAt === undefined
      ? {}
      : { nextContactAt: nextContactAt === null ? null : toDate(nextContactAt) }),
  };
  const { row, workspace } = await loadCase(db, actor, number, "case.read");
  const p = workspace.policy;
  const assigning = ASSIGNMENT_FIELDS.some((f) => changes[f] !== undefined);
  const editing = Object.keys(changes).some(
    (k) => !ASSIGNMENT_FIELDS.includes(k as (typeof ASSIGNMENT_FIELDS)[number]),
  );
  if (assigning) authorize(actor, "case.assign", targetOf(row), p, `Case ${number}`);
  if (editing) authorize(actor, "case.update", targetOf(row), p, `Case ${number}`);
  if (row.version !== version) throw staleVersion(number, row.version);

  // A new product drops a sub-product that is not its own, unless a sub-product is named too.
  const product = changes.product !== undefined ? changes.product : row.product;
  if (changes.product !== undefined && changes.subProduct === undefined && row.subProduct)
    if (subProductProblem(p, product, row.subProduct)) changes.subProduct = null;
  const sub = subProductProblem(p, product, changes.subProduct);
  const issues = [...unknownRefs(p, changes), ...(sub ? [sub] : [])];
  if (issues.length) refuse(issues);
  if (changes.status) {
    const problem = statusChangeProblem(row.status as CaseStatus, changes.status);
    if (problem) throw ruleBroken("status_transition", `status: ${problem}`, "status");
    if (changes.status !== row.status) {
      const open = await openChildNumbers(db, row.id);
      const asked = openChildrenProblem(changes.status, open, confirmOpenChildren === true);
      if (asked)
        throw new DomainError("conflict", "open_children", asked, {
          issues: [{ field: "status", message: asked }],
          details: { number, openChildren: open },
        });
    }
  } else if (row.status === "closed") {
    throw ruleBroken("case_closed", "status: a closed case cannot change", "status");
  }
  const role = membershipIn(actor, row.workspaceId)?.role;
  if (assigning && role) {
    const problem = directAssignmentProblem(p, role, actor.userId, row, changes);
    if (problem)
      throw ruleBroken("transfer_required", `${problem.field}: ${problem.message}`, problem.field);
  }
  const plan = changes.plan !== undefined ? changes.plan : row.plan;
  const is24x7 = changes.is24x7 ?? row.is24x7;
  if (is24x7 && !planAllows24x7(p, plan))
    throw ruleBroken("plan_not_24x7", "is24x7: the case's plan does not include 24x7", "is24x7");

  const changed = diff(row, changes);
  if (Object.keys(changed).length === 0) return;
  const ownerChanged = "ownerId" in changed && row.ownerId !== null;

  await db.transaction(async (tx) => {
    const memberIssues = await checkMembers(tx, row.workspaceId, {
      ownerId: changes.ownerId,
      secondaryOwnerId: changes.secondaryOwnerId,
    });
    if (memberIssues.length) refuse(memberIssues);
    const now = new Date();
    // The version in the WHERE clause settles races: of two writers, the second updates nothing.
    const updated = await tx
      .update(cases)
      .set({
        ...changes,
        version: sql`${cases.version} + 1`,
        updatedAt: now,
        ...(ownerChanged ? { handoffCount: sql`${cases.handoffCount} + 1` } : {}),
      })
      .where(and(eq(cases.id, row.id), eq(cases.version, version)))
      .returning({ version: cases.version });
    if (updated.length === 0) throw staleVersion(number);
    await rewriteCaseWords(tx, row.id, {
      subject: "subject" in changed ? changes.subject : undefined,
      description: "description" in changed ? changes.description : undefined,
    });
    await tx.insert(activities).values({
      caseId: row.id,
      kind: "system",
      visibility: "private",
      // Stored with names as they are today; the timeline retells it from `changes` when read.
      body: describeChanges(changed, { policy: p, people: await namesOf(tx, peopleIn(changed)) }),
      authorId: actor.userId,
      data: { event: "case.updated", changes: changed },
    });
    await emit(tx, {
      name: "case.updated",
      actorId: actor.userId,
      workspaceId: row.workspaceId,
      caseId: row.id,
      subjectId: String(number),
      caseNumber: number,
      // A new owner is briefed by a subscriber (S1.2: the dispatcher assigns the case the next
      // region takes).
      data: { changes: changed, version: updated[0]?.version },
    });
  });
}

function staleVersion(number: number, current?: number) {
  return conflict(
    `Case ${number} was changed by someone else since you read it; reload it and try again`,
    current === undefined ? { number } : { number, currentVersion: current },
  );
}
