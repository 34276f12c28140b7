import type { Rendered } from "./format.ts";

/** The reassignment request to a dispatch mailbox (S1.2, S1.3). */
export interface DispatchRequestFacts {
  /** The subject the transfer kind's artifacts rendered, e.g. "Desk, please reassign Premier A …". */
  dispatchSubject: string;
  caseNumber: number;
  caseSubject: string;
  channelEntry: string | null;
  note: string | null;
}

export function renderDispatchRequest(f: DispatchRequestFacts): Rendered {
  const lines = [f.dispatchSubject, "", `Case ${f.caseNumber}: ${f.caseSubject}`];
  if (f.channelEntry) lines.push(f.channelEntry);
  if (f.note) lines.push("", f.note);
  // The subject is the policy's, word for word: dispatch desks sort their mailbox by it.
  return { subject: f.dispatchSubject, text: lines.join("\n") };
}
