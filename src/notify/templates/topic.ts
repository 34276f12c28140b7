import { fill } from "../../domain/placeholders.ts";
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
  /**
   * Who reads it: a customer (no links into Baton, no list headers), the support team (a link to
   * the case, List-Id), or one person about their own account (an invitation).
   */
  audience: "customer" | "team" | "person";
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

/** The built-in wording for a language tag: exact, then its primary language, then English. */
export function defaultText<F>(topic: TemplateTopic<F>, language: string | null): TemplateText {
  return builtIn(topic, language).wording;
}

/** The built-in wording for a language tag, with the tag it is written in. */
export function builtIn<F>(
  topic: TemplateTopic<F>,
  language: string | null,
): { language: string; wording: TemplateText } {
  for (const tag of language ? [language, primaryOf(language)] : []) {
    const wording = topic.defaults[tag];
    if (wording) return { language: tag, wording };
  }
  return { language: "en", wording: topic.defaults.en };
}

/** "de" for "de-AT". */
export const primaryOf = (tag: string): string => tag.split("-")[0] ?? tag;

/** A workspace's wording, with the language it is written in (message_templates). */
export interface Wording extends TemplateText {
  language: string;
}

/**
 * Renders a topic for a reader of `language`, using `override` (a workspace's own wording) when
 * given. Values are written in the wording's language, and in the reader's own variant of it when
 * they share the primary language (dates for "de-AT" in an Austrian "de" notice; an English
 * notice for a "pt-BR" reader writes English dates). The subject is one line: any line break a
 * value brought in becomes a space.
 */
export function renderTopic<F>(
  topic: TemplateTopic<F>,
  facts: F,
  language: string | null,
  override?: Wording | null,
): Rendered {
  const { language: written, wording } = override
    ? { language: override.language, wording: override }
    : builtIn(topic, language);
  const reader =
    language && primaryOf(language) === primaryOf(written) && language !== primaryOf(language)
      ? language
      : written;
  const values = topic.values(facts, reader);
  return {
    subject: fill(wording.subject, values).replace(/\s*[\r\n]+\s*/g, " "),
    text: fill(wording.text, values),
  };
}
