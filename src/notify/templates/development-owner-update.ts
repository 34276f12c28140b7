import { caseValues } from "./format.ts";
import type { TemplateTopic } from "./topic.ts";

/**
 * The customer's support owner hears by mail of each stage development moves their case to
 * (S2.5, shared ownership): they keep answering the customer, so they need development's news
 * without watching the case.
 */
export interface DevelopmentOwnerUpdateFacts {
  caseNumber: number;
  caseSubject: string;
  recipientName: string;
  stageName: string;
  previousStageName: string;
  /** Who moved it: a person's name, or "the tracker". */
  by: string;
  note: string | null;
  customerTold: boolean;
  link: string | null;
}

export const developmentOwnerUpdateTopic: TemplateTopic<DevelopmentOwnerUpdateFacts> = {
  topic: "development_owner_update",
  audience: "team",
  title: "The customer's owner hears that development moved their case to another stage",
  variables: {
    caseTag: 'The case tag that leads the subject, e.g. "[Case 100042]"',
    caseNumber: "The case number",
    caseSubject: "The case's subject",
    recipientName: "The customer's owner's name",
    stageName: 'Development\'s new stage, e.g. "Fix in progress"',
    previousStageName: "The stage it was at before",
    by: 'Who moved it: a person\'s name, or "the tracker"',
    noteLine: "A line with development's note; empty without one",
    customerLine: "Whether Baton told the customer of this stage, as a sentence",
    link: "The case's address in Baton; empty when no public URL is configured",
    linkLine: 'A line "Open the case: <link>"; empty without a link',
  },
  defaults: {
    en: {
      subject: "{{caseTag}} Development: {{stageName}} — {{caseSubject}}",
      text: [
        "Hello {{recipientName}},",
        "",
        'Development moved case {{caseNumber}}, "{{caseSubject}}", from {{previousStageName}} to {{stageName}} ({{by}}).',
        "{{noteLine}}",
        "{{customerLine}} You stay the customer's owner while development works on it.",
        "",
        "{{linkLine}}",
      ].join("\n"),
    },
  },
  values(f) {
    return {
      ...caseValues(f),
      recipientName: f.recipientName,
      stageName: f.stageName,
      previousStageName: f.previousStageName,
      by: f.by,
      noteLine: f.note ? `Their note: ${f.note}` : "",
      customerLine: f.customerTold
        ? "The customer was told of this stage by email."
        : "The customer was not told of this stage.",
    };
  },
  sample: {
    caseNumber: 100042,
    caseSubject: "Export drops the last row",
    recipientName: "Cora Consultant",
    stageName: "Fix in progress",
    previousStageName: "Investigating",
    by: "Tariq Triage",
    note: "Off-by-one in the CSV pager; fix in review.",
    customerTold: true,
    link: "https://baton.example.com/cases/100042",
  },
};
