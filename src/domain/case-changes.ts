import type { Policy } from "./policy/schema.ts";

// Changes are stored as ids and codes (audit data, the timeline's `data.changes`); people read
// them with names and the policy's labels, resolved when they are shown.

export type Changes = Record<string, { from: unknown; to: unknown }>;

export interface ChangeSide {
  /** As stored: an id, a code, a date, text. */
  value: unknown;
  /** As a person reads it: a name or label; "—" for nothing. */
  text: string;
}

export interface ChangeText {
  field: string;
  label: string;
  from: ChangeSide;
  to: ChangeSide;
  /** Long text (a description) is told as changed, not quoted. */
  long: boolean;
}

/** The names a change is shown with: people by id, everything else from the policy. */
export interface ChangeNames {
  policy: Policy;
  people: ReadonlyMap<string, { name: string }>;
}

const LABELS: Record<string, string> = {
  internalTitle: "Internal title",
  is24x7: "24x7",
  ownerId: "Owner",
  secondaryOwnerId: "Secondary owner",
  stepsToReproduce: "Steps to reproduce",
  partnerTicket: "Partner ticket",
  incidentId: "Incident ID",
  trackerUrl: "Tracker issue",
  subProduct: "Sub-product",
  nextContactAt: "Next customer contact",
};

export const fieldLabel = (field: string) =>
  LABELS[field] ?? field.charAt(0).toUpperCase() + field.slice(1);

const nameIn = (list: readonly { code: string; name: string }[], code: string) =>
  list.find((i) => i.code === code)?.name ?? code;

/** The person's name; an id nobody answers to is never shown raw. */
export const personName = (names: ChangeNames, id: string) =>
  names.people.get(id)?.name ?? "(unknown person)";

export const queueLabel = (policy: Policy, code: string) => nameIn(policy.queues, code);
export const regionLabel = (policy: Policy, code: string) => nameIn(policy.regions, code);

function textOf(field: string, value: unknown, names: ChangeNames): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value !== "string") return String(value);
  const p = names.policy;
  switch (field) {
    case "ownerId":
    case "secondaryOwnerId":
      return personName(names, value);
    case "queue":
      return queueLabel(p, value);
    case "region":
      return regionLabel(p, value);
    case "severity":
      return nameIn(p.severities, value);
    case "priority":
      return nameIn(p.priorities, value);
    case "plan":
      return nameIn(p.plans, value);
    case "product":
      return nameIn(p.products, value);
    case "brand":
      return nameIn(p.brands, value);
    case "status":
      return p.statusLabels[value as keyof Policy["statusLabels"]] ?? value;
    default:
      return value;
  }
}

// Who and where first, then the rest as stored: the same change reads the same everywhere
// (jsonb keeps keys in its own order, the in-memory change in the order it was made).
const FIRST = ["ownerId", "secondaryOwnerId", "queue", "region", "status"];
const rank = (field: string) => {
  const i = FIRST.indexOf(field);
  return i === -1 ? FIRST.length : i;
};

/** Each change with its label and both sides in words. */
export function changeTexts(changes: Changes, names: ChangeNames): ChangeText[] {
  const entries = Object.entries(changes).sort(([a], [b]) => rank(a) - rank(b));
  return entries.map(([field, { from, to }]) => ({
    field,
    label: fieldLabel(field),
    from: { value: from ?? null, text: textOf(field, from, names) },
    to: { value: to ?? null, text: textOf(field, to, names) },
    long: typeof to === "string" && to.length > 80,
  }));
}

/** "Owner: Ann Lee → Bo Chen; Queue: Level 1 → Level 2" */
export function describeChanges(changes: Changes, names: ChangeNames): string {
  return changeTexts(changes, names)
    .map((c) => (c.long ? `${c.label} changed` : `${c.label}: ${c.from.text} → ${c.to.text}`))
    .join("; ");
}

/** The ids of the people a set of changes names, to look their names up in one go. */
export function peopleIn(changes: Changes): string[] {
  return ["ownerId", "secondaryOwnerId"].flatMap((f) =>
    [changes[f]?.from, changes[f]?.to].filter((v): v is string => typeof v === "string"),
  );
}

const isChanges = (v: unknown): v is Changes =>
  typeof v === "object" &&
  v !== null &&
  Object.values(v).every((c) => typeof c === "object" && c !== null && "to" in c);

/** The changes an activity's or audit event's data carries, if any. */
export const changesIn = (data: unknown): Changes | null => {
  const changes = (data as { changes?: unknown } | null)?.changes;
  return isChanges(changes) ? changes : null;
};
