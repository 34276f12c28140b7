import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { can } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { ruleBroken } from "../../domain/errors.ts";
import { rowVersion } from "../../domain/numbers.ts";
import { caseByNumber, senderOf } from "../../loaders/inbound.ts";
import { loadForReview } from "../../loaders/inbound-review.ts";
import { workspaceById } from "../../loaders/workspaces.ts";
import { claimForReview } from "../../writes/inbound-claim.ts";
import { attachAsNote } from "../../writes/inbound-note.ts";
import { getInbound } from "./getInbound.ts";

export const version = rowVersion.describe("The message's version, as last read");

export const attachInput = z.strictObject({
  caseNumber: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  version,
});

/** An admin makes a held (or wrongly ignored) message a note on a case of their workspace. */
export async function attachInbound(
  db: Db,
  actor: Actor,
  messageId: number,
  input: z.infer<typeof attachInput>,
) {
  const message = await loadForReview(db, actor, messageId);
  const kase = await caseByNumber(db, input.caseNumber);
  const ws =
    kase && actor.memberships.some((m) => m.workspaceId === kase.workspaceId)
      ? await workspaceById(db, kase.workspaceId)
      : undefined;
  if (!kase || !ws || !can(actor, "inbound.review", { workspaceId: ws.id }, ws.policy))
    throw ruleBroken(
      "case_not_reviewable",
      `Case ${input.caseNumber} is not in a workspace whose mail you review`,
      "caseNumber",
    );
  if (kase.status === "closed")
    throw ruleBroken("case_closed", `Case ${kase.number} is closed`, "caseNumber");
  await db.transaction(async (tx) => {
    await claimForReview(tx, actor, messageId, input.version, "attached");
    await attachAsNote(tx, {
      inboundId: messageId,
      target: { caseId: kase.id, caseNumber: kase.number, workspaceId: kase.workspaceId },
      sender: await senderOf(tx, kase, message.from, message.fromName),
      text: message.text,
      subject: message.subject,
      reviewerId: actor.userId,
    });
  });
  return getInbound(db, actor, messageId);
}
