import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { ruleBroken } from "../../domain/errors.ts";
import { lineText, safeText } from "../../domain/text.ts";
import { uploadsForNote } from "../../loaders/attachments.ts";
import { loadCase } from "../../loaders/cases.ts";
import { writeCaseActivity } from "../../writes/case-activity.ts";

const body = safeText(20_000, 1).refine((v) => v.trim().length > 0, "must not be blank");

export const addNoteInput = z.strictObject({
  body,
  visibility: z.enum(["public", "private"]).describe("public notes are seen by the customer"),
  mentions: z.array(z.uuid()).max(50).optional().describe("Agents to mention, besides @handles"),
  attachmentIds: z
    .array(z.uuid("must be an attachment id"))
    .max(20, "takes at most 20 files")
    .refine((ids) => new Set(ids).size === ids.length, "names a file twice")
    .optional()
    .describe("Files you uploaded to this case (POST …/attachments) to put on the note"),
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
  return db.transaction(async (tx) =>
    writeCaseActivity(
      tx,
      { id: row.id, number, subject: row.subject, workspaceId: row.workspaceId },
      { id: actor.userId, name: actor.name },
      workspace.policy.defaults.language,
      {
        kind: input.kind,
        body: input.body,
        visibility: input.visibility,
        mentions: input.mentions,
        files:
          input.kind === "note"
            ? await uploadsForNote(tx, {
                caseId: row.id,
                userId: actor.userId,
                ids: input.attachmentIds ?? [],
              })
            : undefined,
        ...(input.kind === "call"
          ? {
              call: {
                direction: input.direction,
                durationMinutes: input.durationMinutes,
                contactName: input.contactName ?? null,
              },
            }
          : {}),
      },
    ),
  );
}
