import type { Policy } from "../policy/schema.ts";
import type { TemplateField, TransferKind } from "./kind-schema.ts";

/** What Baton knows about a case that a handover template can start from. */
export interface CaseFacts {
  number: number;
  subject: string;
  description: string;
  internalTitle: string;
  severity: string;
  plan: string | null;
  product: string | null;
  queue: string;
  partnerTicket: string | null;
  incidentId: string | null;
  stepsToReproduce: string;
  customerTimeZone: string | null;
  customerLanguage: string | null;
  lastNotes: string[];
}

export interface TargetFacts {
  region: string | undefined;
  label: string;
}

function prefillValue(field: TemplateField, c: CaseFacts, target: TargetFacts): string {
  switch (field.prefill) {
    case "target_region":
      return target.region ?? "";
    case "customer_time_zone":
      return c.customerTimeZone ? `Customer's time zone: ${c.customerTimeZone}` : "";
    case "customer_language":
      return c.customerLanguage ?? "";
    case "partner_ticket":
      return c.partnerTicket ?? "";
    case "incident_id":
      return c.incidentId ?? "";
    case "last_notes":
      return c.lastNotes.join("\n---\n");
    case "subject":
      return c.subject;
    case "description":
      return c.description;
    case "steps_to_reproduce":
      return c.stepsToReproduce;
    case "product":
      return c.product ?? "";
    case undefined:
      return "";
  }
}

export function prefill(kind: TransferKind, c: CaseFacts, target: TargetFacts) {
  return Object.fromEntries(kind.template.map((f) => [f.key, prefillValue(f, c, target)]));
}

/** Required fields left empty, by key. */
export function missingFields(kind: TransferKind, values: Record<string, string>): string[] {
  return kind.template.filter((f) => f.required && !values[f.key]?.trim()).map((f) => f.key);
}

/** The handover note that lands on the case as a private note. */
export function renderNote(
  kind: TransferKind,
  values: Record<string, string>,
  meta: { target: string; reason: string; reasonText: string | undefined; comment: string },
): string {
  const lines = [`HANDOVER — ${kind.name}`, `To: ${meta.target}`, `Reason: ${meta.reason}`];
  if (meta.reasonText) lines.push(`Why: ${meta.reasonText}`);
  for (const field of kind.template) {
    const value = values[field.key]?.trim();
    if (!value) continue;
    lines.push(
      field.kind === "textarea"
        ? `\n${field.label.toUpperCase()}:\n${value}`
        : `${field.label}: ${value}`,
    );
  }
  if (meta.comment.trim()) lines.push(`\nComment:\n${meta.comment.trim()}`);
  return lines.join("\n");
}

export type Artifacts = {
  titlePrefix: string | null;
  internalTitle: string | null;
  dispatchSubject: string | null;
  channelEntry: string | null;
};

const nameOf = (list: { code: string; name: string }[], code: string | null) =>
  (code && list.find((i) => i.code === code)?.name) || code || "";

/**
 * Fills `{placeholder}`s; an unknown placeholder is left as written so it shows in the preview.
 * A known one with no value takes what only introduced it along: " - Skill: {skill}" and
 * ", {skill}" go entirely, and brackets or spaces left empty are tidied, so a case without a
 * product reads "(Prem Sev A)", not "(Prem Sev A, )".
 */
export function fill(template: string, values: Record<string, string>): string {
  const put = (text: string) =>
    text.replace(/\{(\w+)\}/g, (all, key: string) => values[key] ?? all);
  const empty = (key: string) => values[key]?.trim() === "";
  const used = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
  if (!used.some(empty)) return put(template);
  const unless = (all: string, key: string) => (empty(key) ? "" : all);
  return put(
    template
      .replace(/\s*[-–—|]\s*[A-Za-z][\w ]*:\s*\{(\w+)\}/g, unless)
      .replace(/\s*,\s*\{(\w+)\}/g, unless)
      .replace(/\{(\w+)\}\s*,\s*/g, unless),
  )
    .replace(/\(\s+/g, "(")
    .replace(/\s+\)/g, ")")
    .replace(/\s*\(\)/g, "")
    .replace(/ {2,}/g, " ")
    .trim();
}

export function renderArtifacts(
  kind: TransferKind,
  policy: Policy,
  c: CaseFacts,
  region: string | undefined,
): Artifacts {
  const a = kind.artifacts;
  const values: Record<string, string> = {
    region: region ?? "",
    plan: nameOf(policy.plans, c.plan),
    severity: nameOf(policy.severities, c.severity),
    number: String(c.number),
    skill: policy.products.find((p) => p.code === c.product)?.skill ?? c.product ?? "",
    desk: a.dispatchDesk ?? "",
    subject: c.subject,
    queue: c.queue,
  };
  const titlePrefix = a.titlePrefix ? fill(a.titlePrefix, values) : null;
  // A title that already carries a prefix from an earlier hand-off gets the new one instead.
  const bareTitle = c.internalTitle.replace(/^Need \S+ SE(\s*[—-]\s*)?/i, "").trim();
  return {
    titlePrefix,
    internalTitle: titlePrefix ? [titlePrefix, bareTitle].filter(Boolean).join(" — ") : null,
    dispatchSubject: a.dispatchSubject ? fill(a.dispatchSubject, values) : null,
    channelEntry: a.channelEntry ? fill(a.channelEntry, values) : null,
  };
}
