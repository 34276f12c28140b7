// The message templates page's help in the reader's language: what each topic is for and what
// each placeholder holds. The server sends them in English only (src/notify/templates/*.ts); the
// topic and the placeholder's name are in the answer, so the page words them from en.json and
// de.json (test/unit/template-text.test.ts keeps en.json the same as the server's English). A
// topic or placeholder this page does not know keeps the server's text.
import { exists, t } from "i18next";

/** The topic's purpose in one line. */
export function topicTitle(topic: { topic: string; title: string }): string {
  const key = `templateTopics.${topic.topic}.title`;
  return exists(key) ? t(key) : topic.title;
}

/** What a placeholder holds: the topic's own words for it, else the words most topics share. */
export function variableText(topic: string, v: { name: string; description: string }): string {
  for (const key of [`templateTopics.${topic}.${v.name}`, `templateVariables.${v.name}`])
    if (exists(key)) return t(key);
  return v.description;
}
