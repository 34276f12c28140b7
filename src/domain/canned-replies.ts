import { z } from "zod";
import { DomainError, type FieldIssue, invalidFields } from "./errors.ts";
import { placeholdersOf } from "./placeholders.ts";
import { textProblem } from "./text.ts";

export const TITLE_MAX = 200;
/** As long as a note may be, so any reply fits the composer it is put into. */
export const BODY_MAX = 20_000;

export const CANNED_SCOPES = ["workspace", "personal"] as const;
export type CannedScope = (typeof CANNED_SCOPES)[number];

/** Every placeholder a canned reply may use, with what it holds (shown next to the editor). */
export const CANNED_PLACEHOLDERS = {
  caseNumber: "The case number",
  caseSubject: "The case's subject",
  customerName: "The customer's name",
  contactName: "The customer contact's name; empty when the case has none",
  ownerName: "The case owner's name; empty when nobody owns it",
  myName: "Your own name (whoever uses the reply)",
} as const satisfies Record<string, string>;

export type CannedValues = Record<keyof typeof CANNED_PLACEHOLDERS, string>;

// Title and body are checked with the placeholders (cannedReplyIssues), so that every refusal
// names its field once and in Baton's words; the API's schemas only say what the fields are.
const text = (what: string) =>
  z.string(`must be ${what}`).max(100_000, "is far longer than Baton takes");

export const cannedTitle = text("the reply's name, as text").describe(
  "Its name in the composer's list, one line; unique in its scope whatever its case",
);
export const cannedBody = text("the reply's text").describe(
  "The text put into the note, with {{placeholders}} filled from the case",
);

/** A reply's scope from its owner column: null is the workspace's, anything else a person's. */
export const scopeOf = (ownerId: string | null): CannedScope =>
  ownerId === null ? "workspace" : "personal";

/** What is wrong with a reply's title and body, field by field; empty when it may be saved. */
export function cannedReplyIssues(reply: { title?: string; body?: string }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (reply.title !== undefined) {
    const t = reply.title;
    if (t.trim() === "") issues.push({ field: "title", message: "must not be empty" });
    else if (t.length > TITLE_MAX)
      issues.push({ field: "title", message: `must be at most ${TITLE_MAX} characters` });
    else if (/[\r\n\t]/.test(t)) issues.push({ field: "title", message: "must be a single line" });
    const problem = textProblem(t);
    if (problem) issues.push({ field: "title", message: problem });
  }
  if (reply.body !== undefined) {
    const b = reply.body;
    if (b.trim() === "") issues.push({ field: "body", message: "must not be empty" });
    else if (b.length > BODY_MAX)
      issues.push({ field: "body", message: `must be at most ${BODY_MAX} characters` });
    const problem = textProblem(b);
    if (problem) issues.push({ field: "body", message: problem });
    const unknown = placeholdersOf(b).filter((name) => !Object.hasOwn(CANNED_PLACEHOLDERS, name));
    if (unknown.length > 0)
      issues.push({
        field: "body",
        message: `unknown placeholder ${unknown.map((n) => `{{${n}}}`).join(", ")}; a canned reply knows ${Object.keys(
          CANNED_PLACEHOLDERS,
        )
          .map((v) => `{{${v}}}`)
          .join(", ")}`,
      });
  }
  return issues;
}

/** Refuses a title or body with a 400 naming each field and what is wrong with it. */
export function assertCannedReply(reply: { title?: string; body?: string }): void {
  const issues = cannedReplyIssues(reply);
  if (issues.length > 0) throw invalidFields(issues);
}

/** A title taken in the reply's scope (409), naming the field. */
export const titleTaken = (title: string, scope: CannedScope): DomainError => {
  const message = `${scope === "workspace" ? "the workspace has" : "you have"} a canned reply called "${title}" already`;
  return new DomainError("conflict", "title_taken", `title: ${message}`, {
    issues: [{ field: "title", message }],
  });
};

/** What a reply's events carry; a person's own keeps its wording out of the audit trail. */
export const replyEventData = (r: {
  ownerId: string | null;
  title: string;
  version: number;
  body: string;
}) => ({
  scope: scopeOf(r.ownerId),
  ownerId: r.ownerId,
  title: r.title,
  version: r.version,
  ...(r.ownerId === null ? { body: r.body } : {}),
});

/** The values a reply is filled with on a case; what the case lacks is "". */
export function cannedValues(
  facts: {
    number: number;
    subject: string;
    customerName: string | null;
    contactName: string | null;
    ownerName: string | null;
  },
  myName: string,
): CannedValues {
  return {
    caseNumber: String(facts.number),
    caseSubject: facts.subject,
    customerName: facts.customerName ?? "",
    contactName: facts.contactName ?? "",
    ownerName: facts.ownerName ?? "",
    myName,
  };
}
