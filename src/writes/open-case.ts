import { z } from "zod";
import type { Db } from "../db/client.ts";
import { activities, cases } from "../db/schema.ts";
import { planAllows24x7, subProductProblem, unknownRefs } from "../domain/cases.ts";
import { type ChildCaseReason, REASON_TEXT } from "../domain/child-cases/requests.ts";
import { ruleBroken } from "../domain/errors.ts";
import { said } from "../domain/said.ts";
import { code, isoDateTime, lineText, requiredLine, safeText, toDate } from "../domain/text.ts";
import { checkCustomer, checkMembers, refuse } from "../loaders/case-refs.ts";
import type { CaseRow } from "../loaders/cases.ts";
import type { WorkspaceWithPolicy } from "../loaders/workspaces.ts";
import { writeCaseWords } from "./case-description.ts";
import { emit } from "./emit.ts";

/** A new case's fields as someone fills them in; unnamed codes take the policy's defaults. */
export const caseDraft = z.strictObject({
  subject: requiredLine(300),
  description: safeText(50_000).default(""),
  internalTitle: lineText(300, 0).default(""),
  customerId: z.uuid().optional(),
  contactId: z.uuid().optional(),
  product: code.optional(),
  subProduct: code.optional().describe("Optional; one of the product's sub-products"),
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
  partnerTicket: lineText(120, 0).optional(),
  incidentId: lineText(120, 0).optional(),
  stepsToReproduce: safeText(20_000).default(""),
  nextContactAt: isoDateTime.optional().describe("When the customer is next contacted"),
});

export type CaseDraft = z.infer<typeof caseDraft>;

/** The case a new one is opened from, and who opens it why (S4.9). */
export interface ParentLink {
  id: string;
  number: number;
  reason: ChildCaseReason | null;
  openedByName: string;
}

/** Checks what the draft names against the policy; a refusal names the field. */
export function checkDraft(policy: WorkspaceWithPolicy["policy"], draft: CaseDraft) {
  const values = {
    severity: draft.severity ?? policy.defaults.severity,
    priority: draft.priority ?? policy.defaults.priority,
    queue: draft.queue ?? policy.defaults.queue,
    brand: draft.brand ?? policy.defaults.brand,
    plan: draft.plan ?? null,
    product: draft.product ?? null,
    region: draft.region ?? null,
  };
  const sub = subProductProblem(policy, values.product, draft.subProduct);
  const issues = [...unknownRefs(policy, values), ...(sub ? [sub] : [])];
  if (issues.length) refuse(issues);
  if (draft.is24x7 && !planAllows24x7(policy, values.plan))
    throw ruleBroken("plan_not_24x7", "is24x7: the case's plan does not include 24x7", "is24x7");
  return values;
}

/**
 * Writes a new case with its first timeline line and `case.created`, inside the caller's
 * transaction. A case opened from another one says so on both timelines.
 */
export async function openCase(
  tx: Db,
  ws: WorkspaceWithPolicy,
  creatorId: string,
  draft: CaseDraft,
  parent: ParentLink | null,
): Promise<CaseRow> {
  const values = checkDraft(ws.policy, draft);
  const refIssues = [
    ...(await checkMembers(tx, ws.id, {
      ownerId: draft.ownerId,
      secondaryOwnerId: draft.secondaryOwnerId,
    })),
    ...(await checkCustomer(tx, ws.id, draft.customerId, draft.contactId)),
  ];
  if (refIssues.length) refuse(refIssues);
  const now = new Date();
  const [row] = await tx
    .insert(cases)
    .values({
      workspaceId: ws.id,
      subject: draft.subject,
      description: draft.description,
      internalTitle: draft.internalTitle,
      customerId: draft.customerId ?? null,
      contactId: draft.contactId ?? null,
      impact: draft.impact,
      subProduct: draft.subProduct ?? null,
      is24x7: draft.is24x7,
      ...values,
      ownerId: draft.ownerId ?? null,
      secondaryOwnerId: draft.secondaryOwnerId ?? null,
      parentCaseId: parent?.id ?? null,
      partnerTicket: draft.partnerTicket || null,
      incidentId: draft.incidentId || null,
      stepsToReproduce: draft.stepsToReproduce,
      nextContactAt: draft.nextContactAt ? toDate(draft.nextContactAt) : null,
      status: "new",
      // The clocks start in their reaction to case.created (src/reactions/clocks.ts).
      idleSince: now,
      responseClockFrom: now,
      createdBy: creatorId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error("case insert returned nothing");
  await writeCaseWords(tx, row.id, { subject: row.subject, description: row.description });
  const why = parent?.reason ? ` ${REASON_TEXT[parent.reason]}` : "";
  await tx.insert(activities).values([
    {
      caseId: row.id,
      kind: "system",
      visibility: "private",
      body: parent ? `Case created from case #${parent.number}${why}` : "Case created",
      authorId: creatorId,
      data: {
        event: "case.created",
        ...(parent
          ? {
              parentCaseNumber: parent.number,
              line: said("createdFromCase", { number: parent.number, reason: parent.reason }),
            }
          : {}),
      },
    },
    ...(parent
      ? [
          {
            caseId: parent.id,
            kind: "system",
            visibility: "private",
            body: `Case #${row.number} opened from this case${why} by ${parent.openedByName}`,
            authorId: creatorId,
            data: {
              event: "child_case.opened",
              childCaseNumber: row.number,
              line: said("childCaseOpened", {
                number: row.number,
                reason: parent.reason,
                by: parent.openedByName,
              }),
            },
          },
        ]
      : []),
  ]);
  await emit(tx, {
    name: "case.created",
    actorId: creatorId,
    workspaceId: ws.id,
    caseId: row.id,
    subjectId: String(row.number),
    caseNumber: row.number,
    data: {
      number: row.number,
      subject: row.subject,
      ...values,
      ownerId: row.ownerId,
      ...(parent ? { parentCaseNumber: parent.number } : {}),
    },
  });
  return row;
}
