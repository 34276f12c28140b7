import { and, eq } from "drizzle-orm";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { messageTemplates } from "../../db/schema.ts";
import { conflict, notFound } from "../../domain/errors.ts";
import { templateWorkspace } from "../../loaders/templates.ts";
import { tagOf, topicNamed } from "../../notify/templates/lookup.ts";
import { emit } from "../../writes/emit.ts";

/** Removes the workspace's wording: the built-in one (or a fallback of its own) applies again. */
export async function deleteTemplate(
  db: Db,
  actor: Actor,
  slug: string,
  topicName: string,
  language: string,
  version: number | undefined,
): Promise<void> {
  const ws = await templateWorkspace(db, actor, slug, "template.manage");
  const topic = topicNamed(topicName);
  const tag = tagOf(language);
  await db.transaction(async (tx) => {
    const where = and(
      eq(messageTemplates.workspaceId, ws.id),
      eq(messageTemplates.topic, topic.topic),
      eq(messageTemplates.language, tag),
    );
    const [gone] = await tx
      .delete(messageTemplates)
      .where(version === undefined ? where : and(where, eq(messageTemplates.version, version)))
      .returning();
    if (!gone) {
      const [still] = await tx
        .select({ v: messageTemplates.version })
        .from(messageTemplates)
        .where(where);
      if (still)
        throw conflict(`The ${tag} wording of ${topic.topic} changed meanwhile; reload it`);
      throw notFound(`The ${tag} wording of ${topic.topic}`);
    }
    await emit(tx, {
      name: "template.deleted",
      actorId: actor.userId,
      workspaceId: ws.id,
      subjectId: gone.id,
      data: { topic: gone.topic, language: gone.language, version: gone.version },
    });
  });
}
