import type { Rendered } from "./format.ts";

/** A message's wording: subject and text, each with {{placeholders}}. */
export interface TemplateText {
  subject: string;
  text: string;
}

/**
 * One kind of message Baton writes (a customer notice, an owner briefing, …). The wording is data:
 * built-in defaults per language, which a workspace may replace (message_templates). The code only
 * computes the placeholders' values from the facts, so an edited template can never reach data the
 * topic does not offer.
 */
export interface TemplateTopic<Facts> {
  /** The delivery topic (outbox.ts TOPICS). */
  topic: string;
  /** What an editor shows: the topic's purpose in one line. */
  title: string;
  /** Every placeholder the topic fills, with what it holds (shown next to the editor). */
  variables: Readonly<Record<string, string>>;
  /** Built-in wording by BCP 47 tag; English always exists. */
  defaults: Readonly<Record<string, TemplateText>> & { en: TemplateText };
  /**
   * The placeholders' values for these facts, written for `language` (dates in the reader's zone
   * and locale). Optional parts are whole phrases that are "" when they do not apply.
   */
  values(facts: Facts, language: string): Record<string, string>;
  /** Plausible facts for a preview. */
  sample: Facts;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** The placeholder names a template uses, in order of first use. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ""))];
}

/**
 * Fills {{name}} from `values`. A line made only of placeholders that all came out empty is
 * dropped, so optional parts ("Reason: {{reason}}" written as "{{reasonLine}}") leave no gap;
 * runs of blank lines collapse to one. Unknown names are left as written (the editor refuses them).
 */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  const lines: string[] = [];
  for (const line of template.split("\n")) {
    const names = placeholdersOf(line);
    const filled = line.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
    const onlyPlaceholders = names.length > 0 && line.replace(PLACEHOLDER, "").trim() === "";
    if (onlyPlaceholders && filled.trim() === "") continue;
    lines.push(filled);
  }
  return lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** The built-in wording for a language tag: exact, then its primary language, then English. */
export function defaultText<F>(topic: TemplateTopic<F>, language: string | null): TemplateText {
  if (!language) return topic.defaults.en;
  return (
    topic.defaults[language] ?? topic.defaults[language.split("-")[0] ?? ""] ?? topic.defaults.en
  );
}

/**
 * Renders a topic for `language`, using `override` (a workspace's own wording) when given. The
 * subject is one line: any line break a value brought in becomes a space.
 */
export function renderTopic<F>(
  topic: TemplateTopic<F>,
  facts: F,
  language: string | null,
  override?: TemplateText | null,
): Rendered {
  const wording = override ?? defaultText(topic, language);
  const values = topic.values(facts, language ?? "en");
  return {
    subject: fill(wording.subject, values).replace(/\s*[\r\n]+\s*/g, " "),
    text: fill(wording.text, values),
  };
}
