import { caseValues } from "./format.ts";
import type { TemplateTopic } from "./topic.ts";

/** A case's SLA clock is about to run out, or has: what its owner and the raised roles read. */
export interface ClockAlertFacts {
  caseNumber: number;
  caseSubject: string;
  recipientName: string;
  /** "Warning" or "Breached". */
  alert: string;
  /** Baton's note on the case: which clock, due when, who else was told. */
  note: string;
  link: string | null;
}

export const clockAlertTopic: TemplateTopic<ClockAlertFacts> = {
  topic: "clock_alert",
  audience: "team",
  title: "A case's SLA clock is about to run out, or has",
  variables: {
    caseTag: 'The case tag that leads the subject, e.g. "[Case 100042]"',
    caseNumber: "The case number",
    caseSubject: "The case's subject",
    recipientName: "The name of the person told",
    alert: '"Warning" before the deadline, "Breached" after it',
    note: "Baton's note on the case: the clock, when it is due, who else was told",
    link: "The case's address in Baton; empty when no public URL is configured",
    linkLine: 'A line "Open the case: <link>"; empty without a link',
  },
  defaults: {
    en: {
      subject: "{{caseTag}} {{alert}}: {{caseSubject}}",
      text: ["Hello {{recipientName}},", "", "{{note}}", "", "{{linkLine}}"].join("\n"),
    },
  },
  values(f) {
    return {
      ...caseValues(f),
      recipientName: f.recipientName,
      alert: f.alert,
      note: f.note.trim(),
    };
  },
  sample: {
    caseNumber: 100042,
    caseSubject: "Spark jobs fail after the runtime upgrade",
    recipientName: "Ana Lima",
    alert: "Breached",
    note: "The next update to the customer was due 4 Dec 2026 14:00 UTC and has not gone out. Raised to Shift lead (Morgan Lead).",
    link: "https://baton.example.com/cases/100042",
  },
};
