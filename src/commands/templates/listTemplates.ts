import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { templateRows, templateWorkspace } from "../../loaders/templates.ts";
import { TEMPLATE_TOPICS } from "../../notify/templates/registry.ts";
import { overrideView } from "../../presenters/templates.ts";

/** Every editable message: its variables, built-in languages, and the workspace's own wordings. */
export async function listTemplates(db: Db, actor: Actor, slug: string) {
  const ws = await templateWorkspace(db, actor, slug, "template.read");
  const rows = await templateRows(db, ws.id);
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
