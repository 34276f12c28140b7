// Optimistic concurrency on the case page: the user edits fields of the version they read; when
// the server says someone changed the case meanwhile (409) or a live update brings a newer
// version while edits are pending, this decides what to show and what can be re-applied.
import { t } from "i18next";
import { canMove, statusLabel } from "./caseStatus.ts";

export const EDITABLE_FIELDS = [
  "status",
  "severity",
  "priority",
  "is24x7",
  "queue",
  "ownerId",
] as const;

export type EditableField = (typeof EDITABLE_FIELDS)[number];

export interface Editable {
  status: string;
  severity: string;
  priority: string;
  is24x7: boolean;
  queue: string;
  ownerId: string | null;
}

export type CaseEdit = Partial<Editable>;

/** What conflict handling needs of a case (CaseDetail satisfies it). */
export interface CaseLike {
  version: number;
  status: string;
  severity: string;
  priority: string;
  is24x7: boolean;
  queue: string;
  owner: { id: string; name: string } | null;
}

/** Fields that change the assignment need case.assign; the others case.update. */
// Message keys.
const FIELD_LABELS: Record<EditableField, string> = {
  status: "conflict.fieldStatus",
  severity: "conflict.fieldSeverity",
  priority: "conflict.fieldPriority",
  is24x7: "conflict.field24x7",
  queue: "conflict.fieldQueue",
  ownerId: "conflict.fieldOwner",
};

/** An editable field's name as the case page labels it. */
export function fieldLabel(field: string): string {
  const key = FIELD_LABELS[field as EditableField];
  return key ? t(key) : field;
}

export const ASSIGNMENT_FIELDS: readonly EditableField[] = ["queue", "ownerId"];

export function editableOf(c: CaseLike): Editable {
  return {
    status: c.status,
    severity: c.severity,
    priority: c.priority,
    is24x7: c.is24x7,
    queue: c.queue,
    ownerId: c.owner?.id ?? null,
  };
}

function copyField<K extends EditableField>(from: CaseEdit, to: CaseEdit, field: K): void {
  to[field] = from[field];
}

/** The draft without entries that equal the case's current values. */
export function pendingChanges(current: Editable, draft: CaseEdit): CaseEdit {
  const out: CaseEdit = {};
  for (const field of EDITABLE_FIELDS) {
    const value = draft[field];
    if (value !== undefined && value !== current[field]) copyField(draft, out, field);
  }
  return out;
}

export function isEmptyEdit(edit: CaseEdit): boolean {
  return EDITABLE_FIELDS.every((f) => edit[f] === undefined);
}

export interface FieldChange {
  field: EditableField;
  from: unknown;
  to: unknown;
}

/** Fields whose value differs between two readings of a case. */
export function changedFields(before: Editable, after: Editable): FieldChange[] {
  return EDITABLE_FIELDS.filter((f) => before[f] !== after[f]).map((field) => ({
    field,
    from: before[field],
    to: after[field],
  }));
}

export type MineState =
  /** Still a change against the new state; re-applying will send it. */
  | "pending"
  /** The case already has the value the user wanted; nothing to send. */
  | "already"
  /** Someone else changed the same field to something else; re-applying overrides them. */
  | "overlap"
  /** Cannot be applied to the new state (e.g. a status move no longer allowed). */
  | "invalid";

export interface MyChange {
  field: EditableField;
  value: unknown;
  state: MineState;
  reason?: string;
}

export interface ConflictReport {
  /** Version of the new state; re-apply with it. */
  version: number;
  /** What others changed between the version the user edited and the new state. */
  theirs: FieldChange[];
  /** Each of the user's intended changes, judged against the new state. */
  mine: MyChange[];
  /** What "Re-apply my changes" sends (besides version), or null when nothing is left to send. */
  reapply: CaseEdit | null;
}

/**
 * base: the case as the user read it when they started editing; intended: their changes;
 * server: the case as it is now.
 */
export function analyzeConflict(
  base: CaseLike,
  intended: CaseEdit,
  server: CaseLike,
): ConflictReport {
  const before = editableOf(base);
  const now = editableOf(server);
  const theirs = changedFields(before, now);
  const theirFields = new Set(theirs.map((c) => c.field));
  const mine: MyChange[] = [];
  const reapply: CaseEdit = {};
  for (const field of EDITABLE_FIELDS) {
    const value = intended[field];
    if (value === undefined || value === before[field]) continue;
    if (value === now[field]) {
      mine.push({ field, value, state: "already" });
      continue;
    }
    if (server.status === "closed") {
      mine.push({ field, value, state: "invalid", reason: t("conflict.caseClosedNow") });
      continue;
    }
    if (field === "status" && !canMove(now.status, String(value))) {
      mine.push({
        field,
        value,
        state: "invalid",
        reason: t("conflict.statusCannotMove", {
          from: statusLabel(now.status),
          to: statusLabel(String(value)),
        }),
      });
      continue;
    }
    mine.push({ field, value, state: theirFields.has(field) ? "overlap" : "pending" });
    copyField(intended, reapply, field);
  }
  return {
    version: server.version,
    theirs,
    mine,
    reapply: isEmptyEdit(reapply) ? null : reapply,
  };
}

/** Whether a newer reading of the case invalidates edits made on an older one. */
export function isStale(base: CaseLike, server: CaseLike): boolean {
  return server.version > base.version;
}
