import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/authorize.ts";
import type { Db } from "../db/client.ts";
import { messageTemplates } from "../db/schema.ts";
import { conflict, invalid, notFound } from "../domain/errors.ts";
import { memberWorkspace } from "../loaders/member-workspace.ts";
import { TEMPLATE_TOPICS, templateTopic } from "../notify/templates/registry.ts";
import { workspaceWording } from "../notify/templates/resolve.ts";
import { builtIn, renderTopic, type TemplateTopic } from "../notify/templates/topic.ts";
import { assertWording, canonicalTag } from "../notify/templates/validate.ts";
import { emit } from "../writes/emit.ts";

// Lengths are checked with the placeholders (validate.ts), so that every refusal names its field
// the same way; the schema only says what the fields are.
export const templateInput = z.strictObject({
  subject: z.string().max(100_000).describe("The subject, one line, with {{placeholders}}"),
  text: z.string().max(100_000).describe("The text, with {{placeholders}}"),
  version: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe("The override's version when changing one; omit when creating"),
});
export type TemplateInput = z.infer<typeof templateInput>;

export const previewInput = z.strictObject({
  language: z.string().max(35).describe("The language the wording is written in"),
  subject: z.string().max(100_000),
  text: z.string().max(100_000),
});
export type PreviewInput = z.infer<typeof previewInput>;

type Row = typeof messageTemplates.$inferSelect;

function overrideView(r: Row) {
  return {
    language: r.language,
    subject: r.subject,
    text: r.text,
    version: r.version,
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function workspaceFor(
  db: Db,
  actor: Actor,
  slug: string,
  action: "template.read" | "template.manage",
) {
  const ws = await memberWorkspace(db, actor, { slug }, `Workspace ${slug}`);
  authorize(actor, action, { workspaceId: ws.id }, ws.policy, `Workspace ${slug}`);
  return ws;
}

function topicNamed(name: string): TemplateTopic<unknown> {
  const topic = templateTopic(name);
  if (!topic) throw notFound(`Message topic ${name}`);
  return topic;
}

function tagOf(language: string, field = "language"): string {
  const tag = canonicalTag(language);
  if (!tag) throw invalid(field, 'must be a BCP 47 language tag, e.g. "de" or "pt-BR"');
  return tag;
}

const rowsOf = (db: Db, workspaceId: string, topic?: string) =>
  db
    .select()
    .from(messageTemplates)
    .where(
      topic
        ? and(eq(messageTemplates.workspaceId, workspaceId), eq(messageTemplates.topic, topic))
        : eq(messageTemplates.workspaceId, workspaceId),
    )
    .orderBy(messageTemplates.topic, messageTemplates.language);

/** Every editable message: its variables, built-in languages, and the workspace's own wordings. */
export async function listTemplates(db: Db, actor: Actor, slug: string) {
  const ws = await workspaceFor(db, actor, slug, "template.read");
  const rows = await rowsOf(db, ws.id);
  return {
    defaultLanguage: ws.policy.defaults.language,
    items: TEMPLATE_TOPICS.map((t) => ({
      topic: t.topic,
      title: t.title,
      variables: Object.entries(t.variables).map(([name, description]) => ({ name, description })),
      defaultLanguages: Object.keys(t.defaults).sort(),
      overrides: rows.filter((r) => r.topic === t.topic).map(overrideView),
    })),
  };
}

/**
 * The wording a reader of `language` gets (the same precedence as a sent message), and whether
 * the workspace has its own wording in exactly this language.
 */
export async function readTemplate(
  db: Db,
  actor: Actor,
  slug: string,
  topicName: string,
  language: string,
) {
  const ws = await workspaceFor(db, actor, slug, "template.read");
  const topic = topicNamed(topicName);
  const tag = tagOf(language);
  const rows = await rowsOf(db, ws.id, topic.topic);
  const exact = rows.find((r) => r.language.toLowerCase() === tag.toLowerCase());
  const fallback = builtIn(topic, tag);
  const own = workspaceWording(rows, topic.topic, tag, ws.policy.defaults.language);
  const effective = own ?? { ...fallback.wording, language: fallback.language };
  return {
    topic: topic.topic,
    language: tag,
    overridden: exact !== undefined,
    version: exact?.version ?? null,
    subject: effective.subject,
    text: effective.text,
    /** Where the wording comes from: the workspace's or the built-in, and in which language. */
    from: {
      source: own ? ("workspace" as const) : ("default" as const),
      language: effective.language,
    },
    /** What "revert to default" leaves for this language if no other wording of the workspace applies. */
    builtIn: { ...fallback.wording, language: fallback.language },
  };
}

/** Creates or changes the workspace's wording for a topic and language (admins). */
export async function saveTemplate(
  db: Db,
  actor: Actor,
  slug: string,
  topicName: string,
  language: string,
  input: TemplateInput,
) {
  const ws = await workspaceFor(db, actor, slug, "template.manage");
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
    let row: Row | undefined;
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

/** Removes the workspace's wording: the built-in one (or a fallback of its own) applies again. */
export async function deleteTemplate(
  db: Db,
  actor: Actor,
  slug: string,
  topicName: string,
  language: string,
  version: number | undefined,
): Promise<void> {
  const ws = await workspaceFor(db, actor, slug, "template.manage");
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

/** A wording rendered with the topic's sample facts, for the editor; nothing is stored. */
export async function previewTemplate(
  db: Db,
  actor: Actor,
  slug: string,
  topicName: string,
  input: PreviewInput,
) {
  await workspaceFor(db, actor, slug, "template.read");
  const topic = topicNamed(topicName);
  const tag = tagOf(input.language);
  assertWording(topic, input);
  return renderTopic(topic, topic.sample, tag, {
    language: tag,
    subject: input.subject,
    text: input.text,
  });
}
