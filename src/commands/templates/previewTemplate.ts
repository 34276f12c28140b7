import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { templateWorkspace } from "../../loaders/templates.ts";
import { tagOf, topicNamed } from "../../notify/templates/lookup.ts";
import { renderTopic } from "../../notify/templates/topic.ts";
import { assertWording } from "../../notify/templates/validate.ts";

export const previewInput = z.strictObject({
  language: z.string().max(35).describe("The language the wording is written in"),
  subject: z.string().max(100_000),
  text: z.string().max(100_000),
});

export type PreviewInput = z.infer<typeof previewInput>;

/** A wording rendered with the topic's sample facts, for the editor; nothing is stored. */
export async function previewTemplate(
  db: Db,
  actor: Actor,
  slug: string,
  topicName: string,
  input: PreviewInput,
) {
  await templateWorkspace(db, actor, slug, "template.read");
  const topic = topicNamed(topicName);
  const tag = tagOf(input.language);
  assertWording(topic, input);
  return renderTopic(topic, topic.sample, tag, {
    language: tag,
    subject: input.subject,
    text: input.text,
  });
}
