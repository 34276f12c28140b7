import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { activities, memberships, users } from "../../db/schema.ts";
import { mentionHandles } from "../../domain/cases.ts";
import { ruleBroken } from "../../domain/errors.ts";
import { lineText, safeText } from "../../domain/text.ts";
import { checkMembers, refuse } from "../../loaders/case-refs.ts";
import { loadCase } from "../../loaders/cases.ts";
import { emit } from "../../writes/emit.ts";

const body = safeText(20_000, 1).refine((v) => v.trim().length > 0, "must not be blank");

export const addNoteInput = z.strictObject({
  body,
  visibility: z.enum(["public", "private"]).describe("public notes are seen by the customer"),
  mentions: z.array(z.uuid()).max(50).optional().describe("Agents to mention, besides @handles"),
});

export const logCallInput = z.strictObject({
  body,
  visibility: z.enum(["public", "private"]).default("private"),
  direction: z.enum(["inbound", "outbound"]),
  durationMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  contactName: lineText(200, 0).optional(),
  mentions: z.array(z.uuid()).max(50).optional(),
});

export type AddNoteInput = z.infer<typeof addNoteInput>;
export type LogCallInput = z.infer<typeof logCallInput>;

/** Mentions are stored as agent ids: "@handle" matches the part of an email before the "@". */
async function resolveMentions(
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

export async function addActivity(
  db: Db,
  actor: Actor,
  number: number,
  input: (AddNoteInput & { kind: "note" }) | (LogCallInput & { kind: "call" }),
): Promise<{ id: number }> {
  const { row, workspace } = await loadCase(db, actor, number, "case.note");
  if (row.status === "closed")
    throw ruleBroken(
      "case_closed",
      "A closed case takes no more notes; a new issue gets a new case",
    );
  return db.transaction(async (tx) => {
    const explicit = input.mentions ?? [];
    const missing = await checkMembers(
      tx,
      row.workspaceId,
      Object.fromEntries(explicit.map((id, i) => [`mentions.${i}`, id])),
    );
    if (missing.length) refuse(missing);
    const mentions = await resolveMentions(tx, row.workspaceId, input.body, explicit);
    const data =
      input.kind === "call"
        ? {
            direction: input.direction,
            durationMinutes: input.durationMinutes,
            contactName: input.contactName ?? null,
          }
        : null;
    const [activity] = await tx
      .insert(activities)
      .values({
        caseId: row.id,
        kind: input.kind,
        visibility: input.visibility,
        body: input.body,
        authorId: actor.userId,
        mentions,
        data,
      })
      .returning({ id: activities.id });
    if (!activity) throw new Error("activity insert returned nothing");
    await emit(tx, {
      name: input.kind === "call" ? "case.call_logged" : "case.note_added",
      actorId: actor.userId,
      workspaceId: row.workspaceId,
      caseId: row.id,
      subjectId: String(activity.id),
      caseNumber: number,
      data: { number, visibility: input.visibility, mentions, ...(data ?? {}) },
      // The mentioned agents hear of it in-app and by email, with the note, or not at all.
      facts: {
        activityId: activity.id,
        activity: input.kind,
        visibility: input.visibility,
        body: input.body,
        caseSubject: row.subject,
        authorName: actor.name,
        mentions,
        language: workspace.policy.defaults.language,
      },
    });
    return activity;
  });
}
