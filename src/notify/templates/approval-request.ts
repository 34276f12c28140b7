import { caseTag } from "./format.ts";
import type { TemplateTopic } from "./topic.ts";

/** What an approver is asked when a transfer waits for their approval (S0.3.2, S4.6, S4.7). */
export interface ApprovalRequestFacts {
  caseNumber: number;
  caseSubject: string;
  approverName: string;
  requesterName: string;
  /** The transfer kind's name, e.g. "Transfer within region". */
  kindName: string;
  /** Where the case would go, as the transfer names it. */
  target: string;
  /** The reason's label, with the requester's own words after it when given. */
  reason: string;
  /** The handover note the request wrote. */
  note: string | null;
  /**
   * The approvals page in Baton: its address when Baton's public URL is configured, else its path
   * ("/transfers/approvals"), so the approver always learns where to decide.
   */
  link: string | null;
}

export const approvalRequestTopic: TemplateTopic<ApprovalRequestFacts> = {
  topic: "approval_request",
  audience: "team",
  title: "A transfer waits for an approver",
  variables: {
    caseTag: 'The case tag that leads the subject, e.g. "[Case 100042]"',
    caseNumber: "The case number",
    caseSubject: "The case's subject",
    approverName: "The approver's name",
    requesterName: "Who asked for the transfer",
    kindName: "The transfer kind's name",
    target: "Where the case would go",
    reason: "Why, as the requester gave it",
    note: "The handover note; empty if none",
    link: "The approvals page in Baton: its address, or its path when no public URL is configured",
    linkLine:
      'A line "Approve or reject: <link>", or "Approve or reject in Baton on the Approvals page (/transfers/approvals)." without a public URL',
  },
  defaults: {
    en: {
      subject: "{{caseTag}} Approval needed: {{kindName}} to {{target}}",
      text: [
        "Hello {{approverName}},",
        "",
        '{{requesterName}} asks to transfer case {{caseNumber}}, "{{caseSubject}}".',
        "Kind: {{kindName}}",
        "To: {{target}}",
        "Reason: {{reason}}",
        "",
        "{{note}}",
        "",
        "{{linkLine}}",
      ].join("\n"),
    },
  },
  values(f) {
    return {
      caseTag: caseTag(f.caseNumber),
      caseNumber: String(f.caseNumber),
      caseSubject: f.caseSubject,
      approverName: f.approverName,
      requesterName: f.requesterName,
      kindName: f.kindName,
      target: f.target,
      reason: f.reason,
      note: f.note?.trim() ?? "",
      link: f.link ?? "",
      linkLine: !f.link
        ? ""
        : f.link.startsWith("/")
          ? `Approve or reject in Baton on the Approvals page (${f.link}).`
          : `Approve or reject: ${f.link}`,
    };
  },
  sample: {
    caseNumber: 100042,
    caseSubject: "Label printer offline in the Duisburg hub",
    approverName: "Morgan Supervisor",
    requesterName: "Sam Lee",
    kindName: "Transfer within region",
    target: "Priya Nair",
    reason: "Extended time off: two weeks from Monday",
    note: "PASS TO: EMEA\nISSUE: printer drops off the network after firmware 4.2\nNEXT STEPS: roll back on one unit",
    link: "https://baton.example.com/transfers/approvals",
  },
};
