import { caseTag } from "./format.ts";
import type { TemplateTopic } from "./topic.ts";

/** What the customer is told when development moves their case to a stage that says so (S2.5). */
export interface DevelopmentUpdateFacts {
  caseNumber: number;
  caseSubject: string;
  contactName: string;
  /** The stage's name and the policy's sentence for the customer. */
  stageName: string;
  stageSentence: string;
  /** The customer's owner, who keeps answering them. */
  ownerName: string | null;
  brand: string;
}

export const developmentUpdateTopic: TemplateTopic<DevelopmentUpdateFacts> = {
  topic: "development_update",
  audience: "customer",
  title: "The customer's update when development moves their case on",
  variables: {
    caseTag: 'The case tag that leads the subject, e.g. "[Case 100042]"',
    caseNumber: "The case number",
    caseSubject: "The case's subject",
    contactName: "The customer contact's name",
    stageName: 'Development\'s stage, e.g. "Fix in progress"',
    stageSentence: "The policy's sentence for the customer about this stage",
    ownerLine: "A line naming the engineer who stays their contact; empty when none is known",
    brand: "The brand the customer knows",
  },
  defaults: {
    en: {
      subject: "{{caseTag}} {{caseSubject}} — {{stageName}}",
      text: [
        "Hello {{contactName}},",
        "",
        'An update on your case {{caseNumber}}, "{{caseSubject}}": {{stageSentence}}',
        "",
        "{{ownerLine}}",
        "",
        "To add anything to your case, reply to this email.",
        "",
        "The {{brand}} support team",
      ].join("\n"),
    },
    de: {
      subject: "{{caseTag}} {{caseSubject}} — {{stageName}}",
      text: [
        "Hallo {{contactName}},",
        "",
        "Neues zu Ihrem Fall {{caseNumber}}, „{{caseSubject}}“: {{stageSentence}}",
        "",
        "{{ownerLine}}",
        "",
        "Wenn Sie Ihrem Fall etwas hinzufügen möchten, antworten Sie einfach auf diese E-Mail.",
        "",
        "Ihr {{brand}} Support-Team",
      ].join("\n"),
    },
  },
  values(f, language) {
    const de = language.startsWith("de");
    return {
      caseTag: caseTag(f.caseNumber),
      caseNumber: String(f.caseNumber),
      caseSubject: f.caseSubject,
      contactName: f.contactName,
      stageName: f.stageName,
      stageSentence: f.stageSentence,
      ownerLine: f.ownerName
        ? de
          ? `${f.ownerName} bleibt Ihr Ansprechpartner für diesen Fall.`
          : `${f.ownerName} stays your contact for this case.`
        : "",
      brand: f.brand,
    };
  },
  sample: {
    caseNumber: 100042,
    caseSubject: "Export drops the last row",
    contactName: "Dana Lee",
    stageName: "Fix in progress",
    stageSentence: "Our developers found the cause and are working on a fix.",
    ownerName: "Cora Consultant",
    brand: "Customer Care",
  },
};
