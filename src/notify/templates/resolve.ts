import { primaryOf, type Wording } from "./topic.ts";

/** A workspace's own wording as stored (message_templates). */
export interface StoredTemplate extends Wording {
  topic: string;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The workspace's wording for a reader of `language`: its template in exactly that tag, then in
 * the tag's primary language, then in the workspace's default language; null when it has none
 * of these, and the built-in wording for the reader's language applies (renderTopic).
 */
export function workspaceWording(
  stored: readonly StoredTemplate[],
  topic: string,
  language: string | null,
  workspaceLanguage: string,
): Wording | null {
  const mine = stored.filter((t) => t.topic === topic);
  if (mine.length === 0) return null;
  const wanted = language
    ? [language, primaryOf(language), workspaceLanguage]
    : [workspaceLanguage];
  for (const tag of wanted) {
    const found = mine.find((t) => same(t.language, tag));
    if (found) return { language: found.language, subject: found.subject, text: found.text };
  }
  return null;
}
