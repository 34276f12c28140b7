import { caseTag, inZone, type Rendered } from "./format.ts";

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

export function renderOwnerBriefing(f: OwnerBriefingFacts): Rendered {
  const lines = [
    `Hello ${f.ownerName},`,
    "",
    `Case ${f.caseNumber}, "${f.caseSubject}", is yours now` +
      (f.from ? `, handed over by ${f.from}` : "") +
      (f.kindName ? ` (${f.kindName})` : "") +
      ".",
  ];
  if (f.reason) lines.push(`Reason: ${f.reason}`);
  lines.push(`Severity: ${f.severity}. Priority: ${f.priority}.`);
  if (f.customer) lines.push(`Customer: ${f.customer.name} (${f.customer.timeZone}).`);
  if (f.nextContactAt) {
    const theirs = f.customer ? inZone(f.nextContactAt, f.customer.timeZone, "en-GB") : null;
    lines.push(
      `Next customer contact: ${inZone(f.nextContactAt, f.ownerTimeZone, "en-GB")}` +
        (theirs ? `, the customer's time ${theirs}.` : "."),
    );
  }
  if (f.note) lines.push("", f.note);
  return {
    subject: `${caseTag(f.caseNumber)} Handed to you: ${f.caseSubject}`,
    text: lines.join("\n"),
  };
}
