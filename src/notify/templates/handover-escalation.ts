import { caseValues } from "./format.ts";
import type { TemplateTopic } from "./topic.ts";

/**
 * What the people a missed handover is raised to are told (S1.5): not a colleague's mention, but
 * Baton escalating a 24x7 case whose owner went off shift without handing it over.
 */
export interface HandoverEscalationFacts {
  caseNumber: number;
  caseSubject: string;
  recipientName: string;
  /** Baton's note on the case: who it is raised to, when the shift ended, who can take it. */
  note: string;
  /** The case in the web app; null when Baton's public URL is not configured. */
  link: string | null;
}

export const handoverEscalationTopic: TemplateTopic<HandoverEscalationFacts> = {
  topic: "handover_escalation",
  audience: "team",
  title: "A 24x7 case missed its handover and is escalated to you",
  variables: {
    caseTag: 'The case tag that leads the subject, e.g. "[Case 100042]"',
    caseNumber: "The case number",
    caseSubject: "The case's subject",
    recipientName: "The name of the person it is escalated to",
    note: "Baton's note on the case: the shift that ended, who can take the case next",
    link: "The case's address in Baton; empty when no public URL is configured",
    linkLine: 'A line "Open the case: <link>"; empty without a link',
  },
  defaults: {
    en: {
      subject: "{{caseTag}} Needs a handover: escalated to you — {{caseSubject}}",
      text: [
        "Hello {{recipientName}},",
        "",
        'Case {{caseNumber}}, "{{caseSubject}}", needs a handover: its owner\'s shift ended without one, so Baton escalated it to you.',
        "",
        "{{note}}",
        "",
        "{{linkLine}}",
      ].join("\n"),
    },
  },
  values(f) {
    return {
      ...caseValues(f),
      recipientName: f.recipientName,
      note: f.note.trim(),
    };
  },
  sample: {
    caseNumber: 100042,
    caseSubject: "Spark jobs fail after the runtime upgrade",
    recipientName: "Morgan Supervisor",
    note: "Raised to Supervisor (Morgan Supervisor): this 24x7 case's owner went off shift at 17:00 SGT without a handover. Hand the case over now, or confirm the customer does not need the next shift.",
    link: "https://baton.example.com/cases/100042",
  },
};
