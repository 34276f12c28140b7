import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { cases } from "../../db/schema.ts";
import { conflict, DomainError, ruleBroken } from "../../domain/errors.ts";
import { answerProblems, leaveKindOf, leaveQuestions } from "../../domain/leave/hand-off.ts";
import { leaveVersion } from "../../domain/leave/inputs.ts";
import { code, safeText, slug } from "../../domain/text.ts";
import { checkMembers, refuse } from "../../loaders/case-refs.ts";
import { lockLeaveItem } from "../../loaders/leave.ts";
import { leaveWorkspace, lockedPlan } from "../../loaders/leave-access.ts";
import { changeItem } from "../../writes/leave.ts";
import { getLeavePlan } from "./getLeavePlan.ts";

export const editLeaveItemInput = z.strictObject({
  workspace: slug,
  id: z.uuid(),
  itemId: z.uuid(),
  version: leaveVersion,
  handedOff: safeText(4_000).optional().describe("What the receiver takes over"),
  validated: safeText(4_000).optional().describe("What was validated so far"),
  followUps: safeText(4_000).optional().describe("Follow-ups done, and those due with dates"),
  customerTold: z.boolean().optional().describe("You told the customer who looks after it"),
  proposedHolderId: z.uuid().nullable().optional().describe("Who you would hand it to"),
  answers: z
    .record(code, safeText(4_000))
    .refine((a) => Object.keys(a).length <= 30, "at most 30 answers")
    .optional()
    .describe("Answers to the leave kind's other questions, by key (see the case's questions)"),
});

/**
 * The absent agent writes down, case by case, what the receiver takes over, what was validated
 * so far and the follow-ups (S4.4, S4.5), and may suggest another colleague than routing did.
 */
export async function editLeaveItem(
  db: Db,
  actor: Actor,
  input: z.infer<typeof editLeaveItemInput>,
) {
  const ws = await leaveWorkspace(db, actor, input.workspace);
  await db.transaction(async (tx) => {
    const { plan } = await lockedPlan(tx, actor, ws, input.id, "edit");
    const item = await lockLeaveItem(tx, plan.row.id, input.itemId);
    if (item.state !== "open")
      throw conflict(`This case is ${item.state.replace("_", " ")} already`);
    if (input.proposedHolderId) {
      const issues = await checkMembers(tx, ws.id, { proposedHolderId: input.proposedHolderId });
      if (issues.length) refuse(issues);
      if (input.proposedHolderId === plan.row.userId)
        throw ruleBroken(
          "holder_is_self",
          "proposedHolderId: is you; pick who holds the case while you are away",
          "proposedHolderId",
        );
    }
    const {
      workspace: _w,
      id: _i,
      itemId: _t,
      version,
      proposedHolderId,
      answers,
      ...text
    } = input;
    if (answers) {
      const [kase] = await tx
        .select({ queue: cases.queue, is24x7: cases.is24x7 })
        .from(cases)
        .where(eq(cases.id, item.caseId));
      const leave = kase
        ? leaveKindOf(ws.policy, kase, plan.row.leaveFrom, plan.row.leaveUntil)
        : null;
      const problems = answerProblems(leave ? leaveQuestions(leave.kind) : [], answers);
      if (problems.length)
        throw new DomainError(
          "rule",
          "invalid_answer",
          problems.map((p) => `${p.field}: ${p.message}`).join("; "),
          { issues: problems },
        );
    }
    await changeItem(tx, item, version, {
      ...text,
      ...(answers ? { answers: { ...(item.answers as Record<string, string>), ...answers } } : {}),
      ...(proposedHolderId !== undefined
        ? { proposedHolderId, proposal: proposedHolderId ? "your pick" : "" }
        : {}),
    });
  });
  return getLeavePlan(db, actor, { workspace: ws.slug, id: input.id });
}
