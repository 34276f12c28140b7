import { caseValues } from "./format.ts";
import type { TemplateTopic } from "./topic.ts";

/** A scheduled customer call is about to start, or was missed (S4.3). */
export interface CallAlertFacts {
  caseNumber: number;
  caseSubject: string;
  recipientName: string;
  /** "Call soon" before it, "Call missed" after it. */
  alert: string;
  /** Baton's sentence: with whom, when in the reader's zone and the customer's, where. */
  note: string;
  link: string | null;
}

export const callAlertTopic: TemplateTopic<CallAlertFacts> = {
  topic: "call_alert",
  audience: "team",
  title: "A scheduled customer call is about to start, or was missed",
  variables: {
    caseTag: 'The case tag that leads the subject, e.g. "[Case 100042]"',
    caseNumber: "The case number",
    caseSubject: "The case's subject",
    recipientName: "The name of the person told",
    alert: '"Call soon" before the call, "Call missed" after it',
    note: "Baton's sentence: with whom, when (your time and the customer's), the meeting link",
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
    alert: "Call soon",
    note: "Call with Priya Raman (customer) at Tue 24 Nov 10:00 CET, 14:30 IST for them. Join: https://meet.example.com/abc",
    link: "https://baton.example.com/cases/100042",
  },
};
