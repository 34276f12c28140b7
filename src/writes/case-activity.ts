import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { activities, memberships, users } from "../db/schema.ts";
import { mentionHandles } from "../domain/cases.ts";
import type { NoteFile } from "../loaders/attachments.ts";
import { checkMembers, refuse } from "../loaders/case-refs.ts";
import { linkToNote } from "./attachments.ts";
import { emit } from "./emit.ts";

/** Mentions are stored as agent ids: "@handle" matches the part of an email before the "@". */
export async function resolveMentions(
  db: Db,
  workspaceId: string,
  text: string,
  explicit: string[],
): Promise<string[]> {
  const handles = mentionHandles(text);
  const byHandle = handles.length
    ? await db
        .select({ id: users.id })
        .from(users)
        .innerJoin(memberships, eq(memberships.userId, users.id))
        .where(
          and(
            eq(memberships.workspaceId, workspaceId),
            inArray(sql<string>`lower(split_part(${users.email}, '@', 1))`, handles),
          ),
        )
    : [];
  return [...new Set([...explicit, ...byHandle.map((r) => r.id)])];
}

export interface CaseActivityInput {
  kind: "note" | "call";
  body: string;
  visibility: "public" | "private";
  mentions?: string[] | undefined;
  /** A call's particulars. */
  call?: { direction: "inbound" | "outbound"; durationMinutes: number; contactName: string | null };
  /** A note's files, uploaded before it and checked by `uploadsForNote`. */
  files?: readonly NoteFile[] | undefined;
}

/**
 * A note or a call on a case's timeline, with its @mentions resolved, and its event
 * (`case.note_added` / `case.call_logged`: the clocks move, the mentioned hear of it). Shared by
 * adding a note or call and by logging a scheduled call as held, so both tell the same.
 */
export async function writeCaseActivity(
  tx: Db,
  kase: { id: string; number: number; subject: string; workspaceId: string },
  author: { id: string; name: string },
  language: string,
  input: CaseActivityInput,
): Promise<{ id: number }> {
  const explicit = input.mentions ?? [];
  const missing = await checkMembers(
    tx,
    kase.workspaceId,
    Object.fromEntries(explicit.map((id, i) => [`mentions.${i}`, id])),
  );
  if (missing.length) refuse(missing);
  const mentions = await resolveMentions(tx, kase.workspaceId, input.body, explicit);
  const data = input.kind === "call" && input.call ? input.call : null;
  const files = input.kind === "note" ? (input.files ?? []) : [];
  const [activity] = await tx
    .insert(activities)
    .values({
      caseId: kase.id,
      kind: input.kind,
      visibility: input.visibility,
      body: input.body,
      authorId: author.id,
      mentions,
      data: data ?? (files.length ? { attachments: files } : null),
    })
    .returning({ id: activities.id });
  if (!activity) throw new Error("activity insert returned nothing");
  await linkToNote(
    tx,
    activity.id,
    files.map((f) => f.id),
  );
  const envelope = {
    actorId: author.id,
    workspaceId: kase.workspaceId,
    caseId: kase.id,
    subjectId: String(activity.id),
    caseNumber: kase.number,
    // The mentioned agents hear of it in-app and by email, with the note, or not at all.
    facts: {
      activityId: activity.id,
      activity: input.kind,
      visibility: input.visibility,
      body: input.body,
      caseSubject: kase.subject,
      authorName: author.name,
      mentions,
      language,
    },
  };
  const payload = { number: kase.number, visibility: input.visibility, mentions };
  if (data)
    await emit(tx, { ...envelope, name: "case.call_logged", data: { ...payload, ...data } });
  else
    await emit(tx, {
      ...envelope,
      name: "case.note_added",
      data: files.length ? { ...payload, attachments: files.map((f) => f.id) } : payload,
    });
  return activity;
}
