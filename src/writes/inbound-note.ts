import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { activities, attachments, inboundMessages } from "../db/schema.ts";
import { stripQuoted } from "../domain/inbound.ts";
import type { IncomingFile } from "../inbound/parse.ts";
import type { NoteSender } from "../loaders/inbound.ts";
import { emit } from "./emit.ts";

const MAX_NOTE = 20_000;

/** The note's text: the reply without its quoted history, within what a note may hold. */
export function noteBody(text: string): string {
  const fresh = stripQuoted(text);
  if (!fresh) return "(no text)";
  return fresh.length > MAX_NOTE ? `${fresh.slice(0, MAX_NOTE - 1)}…` : fresh;
}

/** New files to store with the message, or none when they are already stored (review). */
export async function storeFiles(
  tx: Db,
  inboundId: number,
  files: readonly IncomingFile[],
): Promise<void> {
  if (files.length === 0) return;
  await tx.insert(attachments).values(
    files.map((f) => ({
      id: randomUUID(),
      inboundMessageId: inboundId,
      filename: f.filename,
      contentType: f.contentType,
      size: f.size,
      sha256: f.sha256,
      content: f.content,
    })),
  );
}

export interface NoteTarget {
  caseId: string;
  caseNumber: number;
  workspaceId: string;
}

/**
 * Makes a stored message a note on its case, inside the caller's transaction: a public note from
 * the customer's side, a private one when a colleague replied to an internal message. The
 * message's files move to the case; the event tells open pages (emit).
 */
export async function attachAsNote(
  tx: Db,
  input: {
    inboundId: number;
    target: NoteTarget;
    sender: NoteSender;
    text: string;
    subject: string;
    /** The admin who attached it from review; null when it came in attached. */
    reviewerId: string | null;
  },
): Promise<{ activityId: number }> {
  const files = await tx
    .select({
      id: attachments.id,
      filename: attachments.filename,
      size: attachments.size,
      contentType: attachments.contentType,
    })
    .from(attachments)
    .where(eq(attachments.inboundMessageId, input.inboundId))
    .orderBy(attachments.createdAt, attachments.filename);
  const visibility = input.sender.role === "member" ? "private" : "public";
  const from = { name: input.sender.name ?? input.sender.email, email: input.sender.email };
  const [activity] = await tx
    .insert(activities)
    .values({
      caseId: input.target.caseId,
      kind: "note",
      visibility,
      body: noteBody(input.text),
      authorId: input.sender.userId,
      data: {
        source: "email",
        inboundId: input.inboundId,
        from,
        subject: input.subject,
        contactId: input.sender.contactId,
        attachments: files,
      },
    })
    .returning({ id: activities.id });
  if (!activity) throw new Error("activity insert returned nothing");
  await tx
    .update(attachments)
    .set({ caseId: input.target.caseId, activityId: activity.id })
    .where(eq(attachments.inboundMessageId, input.inboundId));
  await tx
    .update(inboundMessages)
    .set({
      state: "attached",
      workspaceId: input.target.workspaceId,
      caseId: input.target.caseId,
      activityId: activity.id,
    })
    .where(eq(inboundMessages.id, input.inboundId));
  await emit(tx, {
    name: "case.email_received",
    actorId: input.reviewerId,
    workspaceId: input.target.workspaceId,
    caseId: input.target.caseId,
    subjectId: String(activity.id),
    caseNumber: input.target.caseNumber,
    data: {
      number: input.target.caseNumber,
      inboundId: input.inboundId,
      visibility,
      from,
      attachments: files.length,
      ...(input.reviewerId ? { reviewedBy: input.reviewerId } : {}),
    },
  });
  return { activityId: activity.id };
}
