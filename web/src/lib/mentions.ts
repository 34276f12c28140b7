// @mentions in notes: the server mentions the agent whose email starts with "handle@". These
// helpers find the @token being typed at the caret, rank agents for it and insert the choice.
// The rules match the server's (src/domain/cases.ts): "@" at the start or after a character
// that is not a letter, digit, "_", "@" or ".", then [a-z0-9][a-z0-9._-]{0,63}.

const HANDLE_CHAR = /[a-z0-9._-]/i;
const WORD_BEFORE = /[\w@.]/;
const MAX_HANDLE = 64;

export interface MentionToken {
  /** Index of the "@". */
  start: number;
  /** End of the handle characters, which may run past the caret. */
  end: number;
  /** What is typed between "@" and the caret. */
  query: string;
}

/** The @token the caret is in or right after, or null. */
export function mentionAt(text: string, caret: number): MentionToken | null {
  if (caret < 0 || caret > text.length) return null;
  let i = caret;
  while (i > 0 && HANDLE_CHAR.test(text[i - 1] ?? "")) i--;
  if (i === 0 || text[i - 1] !== "@") return null;
  const at = i - 1;
  if (at > 0 && WORD_BEFORE.test(text[at - 1] ?? "")) return null;
  const query = text.slice(i, caret);
  if (query.length > 0 && !/^[a-z0-9]/i.test(query)) return null;
  let end = caret;
  while (end < text.length && HANDLE_CHAR.test(text[end] ?? "")) end++;
  if (end - i > MAX_HANDLE) return null;
  return { start: at, end, query };
}

export interface Mentionable {
  handle: string;
  name: string;
}

/**
 * Agents matching what was typed: handle prefix first, then a word of the name, then anywhere;
 * alphabetical within each group.
 */
export function filterAgents<T extends Mentionable>(
  agents: readonly T[],
  query: string,
  limit = 8,
): T[] {
  const q = query.toLowerCase();
  const score = (a: T): number => {
    if (!q) return 0;
    const handle = a.handle.toLowerCase();
    const name = a.name.toLowerCase();
    if (handle.startsWith(q)) return 0;
    if (name.split(/\s+/).some((w) => w.startsWith(q))) return 1;
    // One letter inside a word matches nearly everyone: only prefixes count until two are typed.
    if (q.length > 1 && (handle.includes(q) || name.includes(q))) return 2;
    return -1;
  };
  return agents
    .map((agent) => ({ agent, s: score(agent) }))
    .filter((x) => x.s >= 0)
    .sort((a, b) => a.s - b.s || a.agent.name.localeCompare(b.agent.name))
    .slice(0, limit)
    .map((x) => x.agent);
}

/** Replaces the token with "@handle " and says where the caret goes. */
export function insertMention(
  text: string,
  token: MentionToken,
  handle: string,
): { text: string; caret: number } {
  const before = text.slice(0, token.start);
  const after = text.slice(token.end);
  const inserted = `@${handle}`;
  const spacer = /^\s/.test(after) ? "" : " ";
  return {
    text: `${before}${inserted}${spacer}${after}`,
    caret: before.length + inserted.length + 1,
  };
}

export type BodyPart = { text: string } | { text: string; handle: string };

const MENTION = /(^|[^\w@.])@([a-z0-9][a-z0-9._-]{0,63})/gi;

/**
 * Splits a note into plain text and @mentions for highlighting. Only handles `known` accepts are
 * marked. Every part is rendered as text, never as HTML.
 */
export function splitMentions(
  body: string,
  known: (handle: string) => boolean = () => true,
): BodyPart[] {
  const parts: BodyPart[] = [];
  let last = 0;
  for (const match of body.matchAll(MENTION)) {
    const prefix = match[1] ?? "";
    const raw = match[2] ?? "";
    const handle = raw.replace(/[._-]+$/, "");
    if (!handle || !known(handle.toLowerCase())) continue;
    const at = (match.index ?? 0) + prefix.length;
    if (at > last) parts.push({ text: body.slice(last, at) });
    parts.push({ text: `@${handle}`, handle: handle.toLowerCase() });
    last = at + 1 + handle.length;
  }
  if (last < body.length) parts.push({ text: body.slice(last) });
  return parts;
}
