import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { messageTemplates } from "../../db/schema.ts";
import { conflict } from "../../domain/errors.ts";
import { rowVersion } from "../../domain/numbers.ts";
import { templateWorkspace } from "../../loaders/templates.ts";
import { tagOf, topicNamed } from "../../notify/templates/lookup.ts";
import { assertWording } from "../../notify/templates/validate.ts";
import { overrideView, type TemplateRow } from "../../presenters/templates.ts";
import { emit } from "../../writes/emit.ts";

// Lengths are checked with the placeholders (validate.ts), so that every refusal names its field
// the same way; the schema only says what the fields are.
export const templateInput = z.strictObject({
  subject: z.string().max(100_000).describe("The subject, one line, with {{placeholders}}"),
  text: z.string().max(100_000).describe("The text, with {{placeholders}}"),
  version: rowVersion
    .optional()
    .describe("The override's version when changing one; omit when creating"),
});

export type TemplateInput = z.infer<typeof templateInput>;

/** Creates or changes the workspace's wording for a topic and language (admins). */
export async function saveTemplate(
  db: Db,
  actor: Actor,
  slug: string,
  topicName: string,
  language: string,
  input: TemplateInput,
) {
  const ws = await templateWorkspace(db, actor, slug, "template.manage");
  const topic = topicNamed(topicName);
  const tag = tagOf(language);
  assertWording(topic, input);
  return db.transaction(async (tx) => {
    const where = and(
      eq(messageTemplates.workspaceId, ws.id),
      eq(messageTemplates.topic, topic.topic),
      eq(messageTemplates.language, tag),
    );
    const now = new Date();
    let row: TemplateRow | undefined;
    if (input.version === undefined) {
      [row] = await tx
        .insert(messageTemplates)
        .values({
          workspaceId: ws.id,
          topic: topic.topic,
          language: tag,
          subject: input.subject,
          text: input.text,
          updatedBy: actor.userId,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (!row)
        throw conflict(
          `The ${tag} wording of ${topic.topic} exists already; reload it and send its version`,
        );
    } else {
      [row] = await tx
        .update(messageTemplates)
        .set({
          subject: input.subject,
          text: input.text,
          updatedBy: actor.userId,
          updatedAt: now,
          version: sql`${messageTemplates.version} + 1`,
        })
        .where(and(where, eq(messageTemplates.version, input.version)))
        .returning();
      if (!row)
        throw conflict(
          `The ${tag} wording of ${topic.topic} changed or was removed meanwhile; reload it`,
        );
    }
    await emit(tx, {
      name: "template.updated",
      actorId: actor.userId,
      workspaceId: ws.id,
      subjectId: row.id,
      data: {
        topic: row.topic,
        language: row.language,
        version: row.version,
        subject: row.subject,
        text: row.text,
      },
    });
    return { topic: row.topic, ...overrideView(row) };
  });
}
