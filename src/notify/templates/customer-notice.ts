import { caseTag, inZone, pick, type Rendered } from "./format.ts";

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

const en = (f: CustomerNoticeFacts): Rendered => {
  const holder =
    f.holder.kind === "agent"
      ? `${f.holder.name} now looks after it.`
      : `Our ${f.holder.name} team${f.holder.region ? ` in ${f.holder.region}` : ""} now looks after it.`;
  const next = f.nextUpdateAt
    ? `You will hear from us next by ${inZone(f.nextUpdateAt, f.timeZone, "en-GB")}.`
    : "We will keep you updated as the work goes on.";
  const who = f.holder.kind === "agent" ? f.holder.name : `our ${f.holder.name} team`;
  return {
    subject: `${caseTag(f.caseNumber)} ${f.caseSubject} — now with ${who}`,
    text: [
      `Hello ${f.contactName},`,
      "",
      `Your case ${f.caseNumber}, "${f.caseSubject}", has been handed over. ${holder}`,
      "",
      next,
      "",
      "To add anything to your case, reply to this email.",
      "",
      `The ${f.brand} support team`,
    ].join("\n"),
  };
};

/** By language; a workspace policy may add its own wording per language later (docs/notifications.md). */
export const customerNotice = { en } as const;

export function renderCustomerNotice(f: CustomerNoticeFacts): Rendered {
  return pick(customerNotice, f.language)(f);
}
