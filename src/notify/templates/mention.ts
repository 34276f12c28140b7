import { caseValues } from "./format.ts";
import type { TemplateTopic } from "./topic.ts";

/** What an agent @mentioned in a note or call log is told (S2.3: @mentions instead of side emails). */
export interface MentionFacts {
  caseNumber: number;
  caseSubject: string;
  recipientName: string;
  authorName: string;
  /** "note" or "call". */
  activity: "note" | "call";
  visibility: "public" | "private";
  /** The note's text as written. */
  note: string;
  /** The case in the web app; null when Baton's public URL is not configured. */
  link: string | null;
}

export const mentionTopic: TemplateTopic<MentionFacts> = {
  topic: "mention",
  audience: "team",
  title: "An agent is @mentioned in a note on a case",
  variables: {
    caseTag: 'The case tag that leads the subject, e.g. "[Case 100042]"',
    caseNumber: "The case number",
    caseSubject: "The case's subject",
    recipientName: "The mentioned agent's name",
    authorName: "Who wrote the note",
    what: 'What mentions them, e.g. "a private note" or "a call log"',
    note: "The note's text",
    link: "The case's address in Baton; empty when no public URL is configured",
    linkLine: 'A line "Open the case: <link>"; empty without a link',
  },
  defaults: {
    en: {
      subject: "{{caseTag}} {{authorName}} mentioned you: {{caseSubject}}",
      text: [
        "Hello {{recipientName}},",
        "",
        '{{authorName}} mentioned you in {{what}} on case {{caseNumber}}, "{{caseSubject}}":',
        "",
        "{{note}}",
        "",
        "{{linkLine}}",
      ].join("\n"),
    },
  },
  values(f) {
    const what =
      f.activity === "call"
        ? `a ${f.visibility === "public" ? "" : "private "}call log`
        : `a ${f.visibility === "public" ? "public" : "private"} note`;
    return {
      ...caseValues(f),
      recipientName: f.recipientName,
      authorName: f.authorName,
      what,
      note: f.note.trim(),
    };
  },
  sample: {
    caseNumber: 100042,
    caseSubject: "Label printer offline in the Duisburg hub",
    recipientName: "Priya Nair",
    authorName: "Sam Lee",
    activity: "note",
    visibility: "private",
    note: "@priya could you check the firmware logs? The customer says it started after 4.2.",
    link: "https://baton.example.com/cases/100042",
  },
};
