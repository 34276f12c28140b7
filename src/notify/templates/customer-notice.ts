import { caseTag, inZone, localeFor, type Rendered } from "./format.ts";
import { renderTopic, type TemplateTopic } from "./topic.ts";

/** What the customer is told when their case changes hands (S0.3.4, S2.5). */
export interface CustomerNoticeFacts {
  caseNumber: number;
  caseSubject: string;
  contactName: string;
  /** The contact's language (BCP 47) and time zone; the notice is written for them. */
  language: string | null;
  timeZone: string;
  /** Who holds the case now: a named engineer, or a team (queue), possibly in another region. */
  holder: { kind: "agent"; name: string } | { kind: "team"; name: string; region: string | null };
  /** When the customer hears from support next, if anyone has said. */
  nextUpdateAt: Date | null;
  /** Signs the notice: the brand the customer knows. */
  brand: string;
}

interface Phrases {
  /** Who has the case, as the subject's "now with …" names them. */
  holder(f: CustomerNoticeFacts): string;
  holderSentence(f: CustomerNoticeFacts): string;
  nextUpdateSentence(when: string | null): string;
  /** The closing line, signed with the brand. */
  signature(brand: string): string;
}

// Brands and queues are often named for what they are ("Data Platform Support", "Billing team"):
// the phrases then do not add a second "support" or "team".
const ENDINGS = { team: /\bteam$/i, support: /\bsupport$/i };
const endsWith = (name: string, word: keyof typeof ENDINGS) => ENDINGS[word].test(name.trim());

const enTeam = (name: string) => (endsWith(name, "team") ? name : `${name} team`);
const deTeam = (name: string) => (endsWith(name, "team") ? name : `Team ${name}`);

/**
 * The whole-sentence values are written in the wording's language. Languages without their own
 * phrases get English ones; an editor writing in such a language can use the bare values
 * ({{holderName}}, {{nextUpdateAt}}) instead.
 */
const phrases: Readonly<Record<string, Phrases>> & { en: Phrases } = {
  en: {
    holder: (f) => (f.holder.kind === "agent" ? f.holder.name : `our ${enTeam(f.holder.name)}`),
    holderSentence: (f) =>
      f.holder.kind === "agent"
        ? `${f.holder.name} now looks after it.`
        : `Our ${enTeam(f.holder.name)}${f.holder.region ? ` in ${f.holder.region}` : ""} now looks after it.`,
    nextUpdateSentence: (when) =>
      when
        ? `You will hear from us next by ${when}.`
        : "We will keep you updated as the work goes on.",
    signature: (brand) =>
      endsWith(brand, "team")
        ? `The ${brand}`
        : endsWith(brand, "support")
          ? `The ${brand} team`
          : `The ${brand} support team`,
  },
  de: {
    holder: (f) => (f.holder.kind === "agent" ? f.holder.name : `unserem ${deTeam(f.holder.name)}`),
    holderSentence: (f) =>
      f.holder.kind === "agent"
        ? `Ab jetzt kümmert sich ${f.holder.name} darum.`
        : `Ab jetzt kümmert sich unser ${deTeam(f.holder.name)}${f.holder.region ? ` in ${f.holder.region}` : ""} darum.`,
    nextUpdateSentence: (when) =>
      when
        ? `Sie hören spätestens am ${when} wieder von uns.`
        : "Wir halten Sie über den Fortgang auf dem Laufenden.",
    signature: (brand) =>
      endsWith(brand, "team")
        ? `Ihr ${brand}`
        : endsWith(brand, "support")
          ? `Ihr Team von ${brand}`
          : `Ihr ${brand} Support-Team`,
  },
};

export const customerNoticeTopic: TemplateTopic<CustomerNoticeFacts> = {
  topic: "customer_notice",
  audience: "customer",
  title: "The customer's notice that their case has changed hands",
  variables: {
    caseTag:
      'The case tag that leads the subject, e.g. "[Case 100042]" (replies are matched by it)',
    caseNumber: "The case number",
    caseSubject: "The case's subject",
    contactName: "The customer contact's name",
    holder: 'Who has the case now, e.g. "Sam Lee" or "our Support L2 team"',
    holderName: "The engineer's or the team's name, alone",
    holderSentence:
      'A sentence saying who looks after the case now, e.g. "Sam Lee now looks after it."',
    nextUpdateAt:
      "When the customer hears from support next, in their zone and language; empty if nobody has said",
    nextUpdateSentence:
      "A sentence about the next update: its time, or that the customer will be kept updated",
    brand: "The brand the customer knows",
    signature:
      'The closing line in the wording\'s language, e.g. "The Parcelbright support team"; a brand already ending in "Support" or "Team" is not given a second one',
  },
  defaults: {
    en: {
      subject: "{{caseTag}} {{caseSubject}} — now with {{holder}}",
      text: [
        "Hello {{contactName}},",
        "",
        'Your case {{caseNumber}}, "{{caseSubject}}", has been handed over. {{holderSentence}}',
        "",
        "{{nextUpdateSentence}}",
        "",
        "To add anything to your case, reply to this email.",
        "",
        "{{signature}}",
      ].join("\n"),
    },
    de: {
      subject: "{{caseTag}} {{caseSubject}} — jetzt bei {{holder}}",
      text: [
        "Hallo {{contactName}},",
        "",
        "Ihr Fall {{caseNumber}}, „{{caseSubject}}“, wurde übergeben. {{holderSentence}}",
        "",
        "{{nextUpdateSentence}}",
        "",
        "Wenn Sie Ihrem Fall etwas hinzufügen möchten, antworten Sie einfach auf diese E-Mail.",
        "",
        "{{signature}}",
      ].join("\n"),
    },
  },
  values(f, language) {
    const say = phrases[language] ?? phrases[language.split("-")[0] ?? ""] ?? phrases.en;
    const when = f.nextUpdateAt ? inZone(f.nextUpdateAt, f.timeZone, localeFor(language)) : null;
    return {
      caseTag: caseTag(f.caseNumber),
      caseNumber: String(f.caseNumber),
      caseSubject: f.caseSubject,
      contactName: f.contactName,
      holder: say.holder(f),
      holderName: f.holder.name,
      holderSentence: say.holderSentence(f),
      nextUpdateAt: when ?? "",
      nextUpdateSentence: say.nextUpdateSentence(when),
      brand: f.brand,
      signature: say.signature(f.brand),
    };
  },
  sample: {
    caseNumber: 100042,
    caseSubject: "Label printer offline in the Duisburg hub",
    contactName: "Lena Fischer",
    language: "de-DE",
    timeZone: "Europe/Berlin",
    holder: { kind: "team", name: "Support L2", region: "EMEA" },
    nextUpdateAt: new Date("2026-11-24T09:00:00Z"),
    brand: "Parcelbright",
  },
};

/** The notice in the built-in wording for the contact's language. */
export function renderCustomerNotice(f: CustomerNoticeFacts): Rendered {
  return renderTopic(customerNoticeTopic, f, f.language);
}
