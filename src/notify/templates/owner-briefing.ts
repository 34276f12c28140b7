import { caseTag, inZone, localeFor, type Rendered } from "./format.ts";
import { renderTopic, type TemplateTopic } from "./topic.ts";

/** What a case's new owner is told (S1.2 "the new owner is briefed"). */
export interface OwnerBriefingFacts {
  caseNumber: number;
  caseSubject: string;
  ownerName: string;
  ownerTimeZone: string;
  /** Who handed it over and under which transfer kind, when it came by a transfer. */
  from: string | null;
  kindName: string | null;
  reason: string | null;
  severity: string;
  priority: string;
  customer: { name: string; timeZone: string } | null;
  nextContactAt: Date | null;
  /** The handover note as it stands on the case. */
  note: string | null;
}

export const ownerBriefingTopic: TemplateTopic<OwnerBriefingFacts> = {
  topic: "owner_briefing",
  audience: "team",
  title: "The briefing a case's new owner gets",
  variables: {
    caseTag: 'The case tag that leads the subject, e.g. "[Case 100042]"',
    caseNumber: "The case number",
    caseSubject: "The case's subject",
    ownerName: "The new owner's name",
    handedOver:
      'How the case came, e.g. ", handed over by Sam Lee (Escalate to PS)"; empty when assigned from the queue',
    from: "Who handed the case over; empty when assigned from the queue",
    kindName: "The transfer kind's name; empty when assigned from the queue",
    reason: "The transfer's reason; empty if none",
    reasonLine: 'A line "Reason: …"; empty if no reason',
    severity: "The case's severity",
    priority: "The case's priority",
    customerLine: 'A line "Customer: name (time zone)."; empty without a customer',
    nextContactAt: "The next customer contact in the owner's zone; empty if none",
    nextContactLine:
      "A line with the next customer contact in the owner's and the customer's zone; empty if none",
    note: "The handover note; empty if none",
  },
  defaults: {
    en: {
      subject: "{{caseTag}} Handed to you: {{caseSubject}}",
      text: [
        "Hello {{ownerName}},",
        "",
        'Case {{caseNumber}}, "{{caseSubject}}", is yours now{{handedOver}}.',
        "{{reasonLine}}",
        "Severity: {{severity}}. Priority: {{priority}}.",
        "{{customerLine}}",
        "{{nextContactLine}}",
        "",
        "{{note}}",
      ].join("\n"),
    },
  },
  values(f, language) {
    const locale = localeFor(language);
    const ours = f.nextContactAt ? inZone(f.nextContactAt, f.ownerTimeZone, locale) : "";
    const theirs =
      f.nextContactAt && f.customer ? inZone(f.nextContactAt, f.customer.timeZone, locale) : null;
    return {
      caseTag: caseTag(f.caseNumber),
      caseNumber: String(f.caseNumber),
      caseSubject: f.caseSubject,
      ownerName: f.ownerName,
      handedOver:
        (f.from ? `, handed over by ${f.from}` : "") + (f.kindName ? ` (${f.kindName})` : ""),
      from: f.from ?? "",
      kindName: f.kindName ?? "",
      reason: f.reason ?? "",
      reasonLine: f.reason ? `Reason: ${f.reason}` : "",
      severity: f.severity,
      priority: f.priority,
      customerLine: f.customer ? `Customer: ${f.customer.name} (${f.customer.timeZone}).` : "",
      nextContactAt: ours,
      nextContactLine: ours
        ? `Next customer contact: ${ours}${theirs ? `, the customer's time ${theirs}.` : "."}`
        : "",
      note: f.note ?? "",
    };
  },
  sample: {
    caseNumber: 100042,
    caseSubject: "Label printer offline in the Duisburg hub",
    ownerName: "Priya Nair",
    ownerTimeZone: "Asia/Kolkata",
    from: "Sam Lee",
    kindName: "Escalate to PS",
    reason: "Needs a code fix",
    severity: "S2",
    priority: "High",
    customer: { name: "Rhein Logistik", timeZone: "Europe/Berlin" },
    nextContactAt: new Date("2026-11-24T09:00:00Z"),
    note: "Customer confirmed the firmware version; logs are attached to the case.",
  },
};

export function renderOwnerBriefing(f: OwnerBriefingFacts): Rendered {
  return renderTopic(ownerBriefingTopic, f, "en");
}
