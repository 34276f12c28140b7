// A timeline's system line in the reader's language. The server stores and sends these lines in
// English (the audit's words); where it says what happened as data (a change's field and values,
// the event's name) the page words it itself, and keeps the server's text for anything else.
import { t } from "i18next";
import type { Said } from "../api/types.ts";
import { statusLabel } from "./caseStatus.ts";
import { codedLine } from "./systemLines.ts";

/** Message keys for the fields a case change names; others keep the server's label. */
const FIELD_LABELS: Record<string, string> = {
  status: "changeText.status",
  severity: "changeText.severity",
  priority: "changeText.priority",
  queue: "changeText.queue",
  region: "changeText.region",
  ownerId: "changeText.owner",
  secondaryOwnerId: "changeText.secondaryOwner",
  subject: "changeText.subject",
  description: "changeText.description",
  internalTitle: "changeText.internalTitle",
  stepsToReproduce: "changeText.stepsToReproduce",
  partnerTicket: "changeText.partnerTicket",
  incidentId: "changeText.incidentId",
  trackerUrl: "changeText.trackerIssue",
  product: "changeText.product",
  subProduct: "changeText.subProduct",
  plan: "changeText.plan",
  brand: "changeText.brand",
  nextContactAt: "changeText.nextContact",
};

interface Side {
  value: unknown;
  text: string;
}

/** The changed field's name: "Schweregrad" for severity. */
export function changeLabel(change: { field: string; label: string }): string {
  const key = FIELD_LABELS[change.field];
  return key ? t(key) : change.label;
}

/**
 * One side of a change as the reader reads it: yes or no, a status in Baton's words when the
 * workspace gave it no label of its own (the server then sends the code), else the server's text
 * (a person's name, or the policy's label, which stay as the workspace wrote them).
 */
export function changeSide(field: string, side: Side): string {
  if (typeof side.value === "boolean") return t(side.value ? "changeText.yes" : "changeText.no");
  if (field === "status" && typeof side.value === "string" && side.text === side.value)
    return statusLabel(side.value);
  return side.text;
}

/**
 * A system line without changes: "Fall erstellt" for the line every case starts with, the others
 * from their code (`lib/systemLines.ts`) when they have one.
 */
export function systemLine(
  body: string,
  data: Record<string, unknown> | null | undefined,
  line?: Said | null,
): string {
  const coded = line ? codedLine(line) : null;
  if (coded !== null) return coded;
  // Opened from another case, the line also says why, which only the server's text tells.
  if (data?.event === "case.created" && data.parentCaseNumber === undefined)
    return t("changeText.caseCreated");
  return body;
}
