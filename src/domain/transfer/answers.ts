import type { FieldIssue } from "../errors.ts";
import type { TemplateField, TransferKind } from "./kind-schema.ts";

/** What a yes/no field accepts: the two answers the transfer form offers. */
export const YES_NO = ["Yes", "No"] as const;

/** The answers a field offers, or null when it takes free text. */
export function offeredAnswers(field: TemplateField): readonly string[] | null {
  if (field.kind === "yesno") return YES_NO;
  if (field.kind === "choice") return field.choices ?? [];
  return null;
}

const list = (answers: readonly string[]) =>
  answers.length === 2
    ? `"${answers[0]}" or "${answers[1]}"`
    : answers.map((a) => `"${a}"`).join(", ");

const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text);

export interface CheckedAnswers {
  /** The answers as given, a yes/no or choice answer written as the field offers it. */
  values: Record<string, string>;
  issues: FieldIssue[];
}

/**
 * Checks the answers a person gave to a kind's template: a yes/no field takes only Yes or No, a
 * choice field only one of its choices (either in any letter case; stored as offered). An empty
 * answer is left to the required-field check. Unknown keys are the caller's concern.
 */
export function checkAnswers(kind: TransferKind, given: Record<string, string>): CheckedAnswers {
  const values: Record<string, string> = {};
  const issues: FieldIssue[] = [];
  for (const [key, raw] of Object.entries(given)) {
    const field = kind.template.find((f) => f.key === key);
    const answers = field ? offeredAnswers(field) : null;
    const value = raw.trim();
    if (!field || !answers || value === "") {
      values[key] = raw;
      continue;
    }
    const match = answers.find((a) => a.toLowerCase() === value.toLowerCase());
    if (match) values[key] = match;
    else
      issues.push({
        field: `fields.${key}`,
        message: answers.length
          ? `"${clip(value)}" is not an answer to "${field.label}"; answer ${list(answers)}`
          : `"${field.label}" offers no choices to answer with`,
      });
  }
  return { values, issues };
}
