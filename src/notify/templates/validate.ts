import { type FieldIssue, invalidFields } from "../../domain/errors.ts";
import { placeholdersOf } from "../../domain/placeholders.ts";
import type { TemplateText, TemplateTopic } from "./topic.ts";

export const SUBJECT_MAX = 300;
export const TEXT_MAX = 10_000;
const TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

/**
 * A BCP 47 language tag in its canonical spelling ("pt-br" → "pt-BR"), or null if it is none.
 * Stored canonical, so one language has one template.
 */
export function canonicalTag(tag: string): string | null {
  if (tag.length > 35 || !TAG.test(tag)) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/** What is wrong with a wording for a topic, field by field; empty when it may be saved. */
export function wordingIssues<F>(topic: TemplateTopic<F>, wording: TemplateText): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const check = (field: "subject" | "text", value: string, max: number) => {
    if (value.trim() === "") issues.push({ field, message: "must not be empty" });
    if (value.length > max) issues.push({ field, message: `must be at most ${max} characters` });
    for (const name of placeholdersOf(value))
      if (!Object.hasOwn(topic.variables, name))
        issues.push({
          field,
          message: `unknown placeholder {{${name}}}; this message knows ${Object.keys(
            topic.variables,
          )
            .map((v) => `{{${v}}}`)
            .join(", ")}`,
        });
  };
  check("subject", wording.subject, SUBJECT_MAX);
  if (/[\r\n\u2028\u2029]/.test(wording.subject))
    issues.push({ field: "subject", message: "must be one line" });
  check("text", wording.text, TEXT_MAX);
  return issues;
}

/** Refuses a wording with a 400 naming each field and what is wrong with it. */
export function assertWording<F>(topic: TemplateTopic<F>, wording: TemplateText): void {
  const issues = wordingIssues(topic, wording);
  if (issues.length > 0) throw invalidFields(issues);
}
