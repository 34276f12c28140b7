import { z } from "zod";
import { type Actor, membershipIn } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { childCaseRequests } from "../../db/schema.ts";
import { CHILD_CASE_REASONS, childCaseNeedsRequest } from "../../domain/child-cases/requests.ts";
import { code, requiredLine, safeText } from "../../domain/text.ts";
import { type CaseRow, loadCase } from "../../loaders/cases.ts";
import type { ChildCaseRecord } from "../../loaders/child-cases.ts";
import { presentChildCase } from "../../presenters/child-cases.ts";
import { dataOf, envelopeOf } from "../../writes/child-case.ts";
import { emit } from "../../writes/emit.ts";
import { type CaseDraft, checkDraft, openCase } from "../../writes/open-case.ts";

export const openChildCaseInput = z.strictObject({
  number: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  reason: z
    .enum(CHILD_CASE_REASONS)
    .describe("second-issue: the customer reported another issue; new-issue-on-old-case"),
  subject: requiredLine(300),
  description: safeText(50_000).default(""),
  severity: code.optional().describe("Else the parent's"),
  priority: code.optional().describe("Else the parent's"),
  product: code.optional().describe("Else the parent's"),
  queue: code.optional().describe("Else the parent's"),
  region: code.optional().describe("Else the parent's"),
});

/**
 * The new case's fields: what the asker wrote, the rest from the parent (customer, contact,
 * product, queue, region…). It belongs to the asker (seed 004, rule 12), never to whoever holds
 * the parent.
 */
function draftFrom(parent: CaseRow, input: z.infer<typeof openChildCaseInput>, askerId: string) {
  const or = (mine: string | undefined, theirs: string | null) => mine ?? theirs ?? undefined;
  return {
    subject: input.subject,
    description: input.description,
    internalTitle: "",
    impact: "",
    stepsToReproduce: "",
    customerId: parent.customerId ?? undefined,
    contactId: parent.contactId ?? undefined,
    product: or(input.product, parent.product),
    severity: or(input.severity, parent.severity),
    priority: or(input.priority, parent.priority),
    plan: parent.plan ?? undefined,
    is24x7: parent.is24x7,
    queue: or(input.queue, parent.queue),
    region: or(input.region, parent.region),
    brand: parent.brand,
    ownerId: askerId,
  } satisfies CaseDraft;
}

/**
 * "New case from this one" (S4.9): where the policy wants the shift lead's approval and the
 * asker is not an approver, the request waits on the desk; otherwise the case opens at once,
 * linked to its parent and owned by the asker.
 */
export async function openChildCase(
  db: Db,
  actor: Actor,
  input: z.infer<typeof openChildCaseInput>,
) {
  const { row: parent, workspace: ws } = await loadCase(db, actor, input.number, "case.read");
  authorize(actor, "case.create", { workspaceId: ws.id }, ws.policy);
  const draft = draftFrom(parent, input, actor.userId);
  checkDraft(ws.policy, draft);
  const rules = ws.policy.childCases;
  const viewer = { userId: actor.userId, role: membershipIn(actor, ws.id)?.role ?? null };
  return db.transaction(async (tx) => {
    if (!childCaseNeedsRequest(rules, viewer)) {
      const link = {
        id: parent.id,
        number: parent.number,
        reason: input.reason,
        openedByName: actor.name,
      };
      const child = await openCase(tx, ws, actor.userId, draft, link);
      return { outcome: "opened" as const, case: { number: child.number }, request: null };
    }
    const now = new Date();
    const [row] = await tx
      .insert(childCaseRequests)
      .values({
        workspaceId: ws.id,
        parentCaseId: parent.id,
        requestedBy: actor.userId,
        reason: input.reason,
        subject: input.subject,
        draft,
        state: "pending",
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error("child case request insert returned nothing");
    const record: ChildCaseRecord = {
      row,
      requestedByName: actor.name,
      decidedByName: null,
      parent: { number: parent.number, subject: parent.subject },
      childNumber: null,
    };
    await emit(tx, {
      ...envelopeOf(record, actor.userId),
      name: "child_case.requested",
      data: dataOf(record),
    });
    return {
      outcome: "requested" as const,
      case: null,
      request: presentChildCase(record, rules, viewer),
    };
  });
}
