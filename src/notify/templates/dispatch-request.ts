import type { Rendered } from "./format.ts";
import { renderTopic, type TemplateTopic } from "./topic.ts";

/** The reassignment request to a dispatch mailbox (S1.2, S1.3). */
export interface DispatchRequestFacts {
  /** The subject the transfer kind's artifacts rendered, e.g. "Desk, please reassign Premier A …". */
  dispatchSubject: string;
  caseNumber: number;
  caseSubject: string;
  channelEntry: string | null;
  note: string | null;
}

export const dispatchRequestTopic: TemplateTopic<DispatchRequestFacts> = {
  topic: "dispatch_request",
  audience: "team",
  title: "The reassignment request to a transfer kind's dispatch mailbox",
  variables: {
    dispatchSubject:
      "The subject the transfer kind's artifacts rendered; dispatch desks sort their mailbox by it",
    caseNumber: "The case number",
    caseSubject: "The case's subject",
    channelEntry: "The channel entry the transfer kind rendered; empty if none",
    note: "The handover note; empty if none",
  },
  defaults: {
    en: {
      // The subject is the policy's, word for word: dispatch desks sort their mailbox by it.
      subject: "{{dispatchSubject}}",
      text: [
        "{{dispatchSubject}}",
        "",
        "Case {{caseNumber}}: {{caseSubject}}",
        "{{channelEntry}}",
        "",
        "{{note}}",
      ].join("\n"),
    },
  },
  values: (f) => ({
    dispatchSubject: f.dispatchSubject,
    caseNumber: String(f.caseNumber),
    caseSubject: f.caseSubject,
    channelEntry: f.channelEntry ?? "",
    note: f.note ?? "",
  }),
  sample: {
    dispatchSubject: "Desk, please reassign Premier A case 100042 to PS EMEA",
    caseNumber: 100042,
    caseSubject: "Label printer offline in the Duisburg hub",
    channelEntry: "#ps-emea: case 100042 handed to PS (needs a code fix)",
    note: "Customer confirmed the firmware version; logs are attached to the case.",
  },
};

export function renderDispatchRequest(f: DispatchRequestFacts): Rendered {
  return renderTopic(dispatchRequestTopic, f, "en");
}
