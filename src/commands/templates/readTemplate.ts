import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { templateRows, templateWorkspace } from "../../loaders/templates.ts";
import { tagOf, topicNamed } from "../../notify/templates/lookup.ts";
import { workspaceWording } from "../../notify/templates/resolve.ts";
import { builtIn } from "../../notify/templates/topic.ts";

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
  const ws = await templateWorkspace(db, actor, slug, "template.read");
  const topic = topicNamed(topicName);
  const tag = tagOf(language);
  const rows = await templateRows(db, ws.id, topic.topic);
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
