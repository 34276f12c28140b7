// The transfer panel's form: its state, what it still lacks, the request body Baton previews and
// submits, and where a refusal's message belongs. Pure, so it is tested without a DOM.
import { t } from "i18next";
import { ApiError } from "../api/errors.ts";
import type {
  GuardFinding,
  RequestTransferBody,
  TemplateFieldOption,
  TransferKindOption,
  TransferOptions,
  TransferPreview,
  TransferTargetType,
} from "../api/types.ts";

export interface TransferForm {
  kind: string;
  targetType: TransferTargetType | "";
  agentId: string;
  /** S3.3: the group an agent target moves the case to; "" keeps the case's queue. */
  agentQueue: string;
  queue: string;
  /** For a queue without a region of its own: the region that should take the case. */
  region: string;
  /** S3.3: let the queue's distribution method pick the agent (queues that auto-assign). */
  autoAssign: boolean;
  workspace: string;
  reason: string;
  reasonText: string;
  /** Template values the person typed. Untouched fields keep the value Baton pre-fills. */
  fields: Record<string, string>;
  confirmNextShift: boolean;
  /** "" keeps the case's priority. */
  newPriority: string;
  /** "" uses the kind's default status. */
  newStatus: string;
  /** S3.3: "" keeps the case's brand. */
  newBrand: string;
  pin: boolean;
  /** A datetime-local value, or "". */
  pinUntil: string;
  comment: string;
}

export const EMPTY_FORM: TransferForm = {
  kind: "",
  targetType: "",
  agentId: "",
  autoAssign: false,
  agentQueue: "",
  queue: "",
  region: "",
  workspace: "",
  reason: "",
  reasonText: "",
  fields: {},
  confirmNextShift: false,
  newPriority: "",
  newStatus: "",
  newBrand: "",
  pin: false,
  pinUntil: "",
  comment: "",
};

/** The kind to start with: the only available one, else none (the person chooses). */
export function initialKind(options: Pick<TransferOptions, "kinds">): string {
  const available = options.kinds.filter((k) => k.available);
  return available.length === 1 ? (available[0]?.code ?? "") : "";
}

/** A fresh form for a kind: its first target type and queue, and its reason if it has one. */
export function formForKind(kind: TransferKindOption | undefined): TransferForm {
  if (!kind) return EMPTY_FORM;
  return {
    ...EMPTY_FORM,
    kind: kind.code,
    targetType: kind.targets[0] ?? "",
    queue: kind.toQueues[0] ?? "",
    reason: kind.reasons.length === 1 ? (kind.reasons[0]?.code ?? "") : "",
  };
}

/** Switching the target type keeps everything else. */
export function withTargetType(
  form: TransferForm,
  kind: TransferKindOption,
  type: TransferTargetType,
): TransferForm {
  return {
    ...form,
    targetType: type,
    queue: form.queue || (kind.toQueues[0] ?? ""),
    pin: type === "agent" ? form.pin : false,
    pinUntil: type === "agent" ? form.pinUntil : "",
  };
}

/** Form fields a message can belong to; "form" is the panel as a whole. */
export type FormField =
  | "kind"
  | "target"
  | "target.agentId"
  | "target.queue"
  | "target.region"
  | "target.workspace"
  | "target.autoAssign"
  | "reason"
  | "reasonText"
  | "confirmNextShift"
  | "newPriority"
  | "newStatus"
  | "newBrand"
  | "pin"
  | "pinUntil"
  | "comment"
  | "guards"
  | "form"
  | `fields.${string}`;

export interface FormGap {
  field: FormField;
  message: string;
}

export interface FormContext {
  /** The region a queue belongs to in the policy, if any. */
  queueRegion: (queue: string) => string | null;
  /** Whether a queue's distribution method assigns agents itself (not by hand). */
  queueAutoAssigns: (queue: string) => boolean;
}

/** Whether the person must name a region for a queue target. */
export function needsRegion(
  kind: Pick<TransferKindOption, "region">,
  queue: string,
  ctx: FormContext,
): boolean {
  return kind.region !== "any" && !ctx.queueRegion(queue);
}

/** What the form lacks before Baton can even check it, in the order the form asks. */
export function formGaps(
  form: TransferForm,
  kind: TransferKindOption | undefined,
  ctx: FormContext,
): FormGap[] {
  if (!kind)
    return [
      { field: "kind", message: t("transferForm.pickAKind") },
      { field: "target", message: t("transferForm.sayWhere") },
      { field: "reason", message: t("transferForm.pickAReason") },
    ];
  const gaps: FormGap[] = [];
  if (!kind.available)
    gaps.push({
      field: "kind",
      message: kind.unavailableBecause ?? t("transferForm.kindNotAvailable"),
    });
  if (!form.targetType || !kind.targets.includes(form.targetType))
    gaps.push({ field: "target", message: t("transferForm.sayWhere") });
  else if (form.targetType === "agent" && !form.agentId)
    gaps.push({ field: "target.agentId", message: t("transferForm.pickTheAgent") });
  else if (form.targetType === "queue" && !form.queue)
    gaps.push({ field: "target.queue", message: t("transferForm.pickTheQueue") });
  else if (form.targetType === "queue" && needsRegion(kind, form.queue, ctx) && !form.region)
    gaps.push({ field: "target.region", message: t("transferForm.nameTheRegion") });
  else if (form.targetType === "workspace" && !form.workspace.trim())
    gaps.push({ field: "target.workspace", message: t("transferForm.nameTheWorkspace") });
  const reason = kind.reasons.find((r) => r.code === form.reason);
  if (!reason) gaps.push({ field: "reason", message: t("transferForm.pickAReason") });
  else if (reason.requiresText && !form.reasonText.trim())
    gaps.push({ field: "reasonText", message: t("transferForm.sayWhy") });
  return gaps;
}

/** A datetime-local value ("2026-05-04T09:30") in the browser's zone → ISO; "" when invalid. */
export function localToIso(local: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return "";
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? "" : d.toISOString();
}

/** A Date as a datetime-local value in the browser's zone, to the minute. */
export function isoToLocal(date: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}`;
}

/**
 * The request body for the preview and the request, or null while the form lacks something
 * Baton needs to check it. Only template fields the person touched are sent: the rest keep the
 * value Baton pre-fills (which may depend on the target, e.g. the region passed to).
 */
export function toRequestBody(
  form: TransferForm,
  kind: TransferKindOption | undefined,
  version: number,
  ctx: FormContext,
): RequestTransferBody | null {
  if (!kind || formGaps(form, kind, ctx).length > 0) return null;
  const target: RequestTransferBody["target"] =
    form.targetType === "agent"
      ? { agentId: form.agentId, ...(form.agentQueue ? { queue: form.agentQueue } : {}) }
      : form.targetType === "workspace"
        ? { workspace: form.workspace.trim() }
        : {
            queue: form.queue,
            ...(form.region && !ctx.queueRegion(form.queue) ? { region: form.region } : {}),
            ...(form.autoAssign && ctx.queueAutoAssigns(form.queue) ? { autoAssign: true } : {}),
          };
  const keys = new Set(kind.template.map((f) => f.key));
  const fields = Object.fromEntries(Object.entries(form.fields).filter(([k]) => keys.has(k)));
  const reason = kind.reasons.find((r) => r.code === form.reason);
  const reasonText = form.reasonText.trim();
  const pin = form.targetType === "agent" && form.pin;
  const pinUntil = pin ? localToIso(form.pinUntil) : "";
  return {
    version,
    kind: kind.code,
    target,
    reason: form.reason,
    ...(reasonText && reason?.requiresText ? { reasonText } : {}),
    fields,
    confirmations: kind.asks24x7Confirmation
      ? { customerNeedsNextShift: form.confirmNextShift }
      : {},
    ...(form.newPriority ? { newPriority: form.newPriority } : {}),
    ...(form.newStatus ? { newStatus: form.newStatus } : {}),
    ...(form.newBrand && form.targetType !== "workspace" ? { newBrand: form.newBrand } : {}),
    pin,
    ...(pinUntil ? { pinUntil } : {}),
    comment: form.comment.trim(),
  };
}

/** What a template field shows: what the person typed, else Baton's latest pre-fill. */
export function templateValue(
  field: Pick<TemplateFieldOption, "key" | "value">,
  form: Pick<TransferForm, "fields">,
  preview: Pick<TransferPreview, "fields"> | undefined,
): string {
  return form.fields[field.key] ?? preview?.fields[field.key] ?? field.value;
}

/** Whether a field shows a value Baton filled in (and the person has not changed). */
export function isPrefilled(
  field: Pick<TemplateFieldOption, "key" | "value" | "prefill">,
  form: Pick<TransferForm, "fields">,
  preview: Pick<TransferPreview, "fields"> | undefined,
): boolean {
  return (
    field.prefill !== undefined &&
    form.fields[field.key] === undefined &&
    templateValue(field, form, preview) !== ""
  );
}

/** The form field a guard's message belongs beside, if any. */
export const GUARD_FIELD: Readonly<Record<string, FormField>> = {
  "confirm-next-shift-needed": "confirmNextShift",
  "no-back-to-queue-for-leave": "reason",
  "receiver-available": "target.agentId",
  "only-assigners-pick-agents": "target.agentId",
  "not-awaiting-customer-confirmation": "kind",
  "development-only-via-triage": "target.queue",
  "triage-ready": "kind",
  "reason-fits-kind": "reason",
};

const API_FIELD: Readonly<Record<string, FormField>> = {
  "confirmations.customerNeedsNextShift": "confirmNextShift",
  confirmations: "confirmNextShift",
  target: "target",
  "target.agentId": "target.agentId",
  "target.queue": "target.queue",
  "target.region": "target.region",
  "target.workspace": "target.workspace",
  "target.autoAssign": "target.autoAssign",
  kind: "kind",
  reason: "reason",
  reasonText: "reasonText",
  newPriority: "newPriority",
  newStatus: "newStatus",
  newBrand: "newBrand",
  pin: "pin",
  pinUntil: "pinUntil",
  comment: "comment",
  guard: "guards",
};

function formFieldOf(apiField: string): FormField | undefined {
  if (/^fields\.[\w-]+$/.test(apiField)) return apiField as FormField;
  return API_FIELD[apiField];
}

/** "target.region: name the region" → the message without the field it already names. */
function stripField(field: string, message: string): string {
  const prefix = `${field}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/** "a: one; b.c: two" → [{a, one}, {b.c, two}], when every part names a field. */
export function splitIssues(detail: string): { field: string; message: string }[] | null {
  const parts = detail.split("; ").map((part) => part.match(/^([a-zA-Z][\w.]*): (.+)$/s));
  if (parts.some((m) => !m)) return null;
  return parts.map((m) => ({ field: m?.[1] ?? "", message: m?.[2] ?? "" }));
}

export interface PlacedErrors {
  /** Messages shown beside their field. */
  fields: Partial<Record<FormField, string>>;
  /** What belongs to no field, shown at the top of the panel. */
  general: string | null;
  /** 409: the case or transfer changed meanwhile. */
  conflict: boolean;
}

/**
 * Places a refusal's messages beside the fields they are about: 422 field issues (several in
 * one detail for a bad target), a guard's refusal beside what it is about, template fields by
 * key. Whatever has no field, and every 409, goes to the top.
 */
export function placeErrors(error: unknown): PlacedErrors {
  const placed: PlacedErrors = { fields: {}, general: null, conflict: false };
  if (!error) return placed;
  if (!(error instanceof ApiError)) {
    placed.general =
      error instanceof Error && error.message ? error.message : t("apiErrors.somethingWentWrong");
    return placed;
  }
  if (error.status === 409) {
    placed.conflict = true;
    placed.general = error.detail;
    return placed;
  }
  const guard = typeof error.extra.guard === "string" ? error.extra.guard : undefined;
  const issues =
    error.fieldErrors.length > 1
      ? error.fieldErrors
      : (splitIssues(error.detail) ?? error.fieldErrors);
  let unplaced = issues.length === 0;
  for (const issue of issues) {
    const field =
      issue.field === "guard" && guard
        ? (GUARD_FIELD[guard] ?? "guards")
        : formFieldOf(issue.field);
    if (!field) {
      unplaced = true;
      continue;
    }
    const message = stripField(issue.field, issue.message);
    placed.fields[field] = placed.fields[field] ? `${placed.fields[field]}; ${message}` : message;
  }
  if (!issues.length && guard) {
    placed.fields[GUARD_FIELD[guard] ?? "guards"] = error.detail;
    unplaced = false;
  }
  if (unplaced) placed.general = error.detail;
  return placed;
}

/** Guard findings that speak about one field, as messages beside it (most serious first). */
export function guardMessagesByField(
  findings: readonly GuardFinding[],
): Partial<Record<FormField, GuardFinding>> {
  const rank = { block: 0, require_approval: 1, warn: 2 } as const;
  const out: Partial<Record<FormField, GuardFinding>> = {};
  for (const f of [...findings].sort((a, b) => rank[a.outcome] - rank[b.outcome])) {
    const field = GUARD_FIELD[f.id];
    if (field && !out[field]) out[field] = f;
  }
  return out;
}

/** Missing template fields from a preview, by form field. */
export function missingByField(
  preview: Pick<TransferPreview, "missingFields"> | undefined,
): Partial<Record<FormField, string>> {
  const out: Partial<Record<FormField, string>> = {};
  for (const m of preview?.missingFields ?? []) {
    const field = formFieldOf(m.field);
    if (field) out[field] = m.message;
  }
  return out;
}
