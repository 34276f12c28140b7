import { useMutation, useQueryClient } from "@tanstack/react-query";
import { t } from "i18next";
import { type RefObject, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { ApiError, errorMessage, fieldErrorMap } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { Agent, CaseDetail, PolicyView } from "../api/types.ts";
import {
  assignmentControls,
  directQueueChoices,
  fieldSentence,
  withheldQueuesHint,
} from "../lib/assignment.ts";
import { nextStatuses, statusLabel } from "../lib/caseStatus.ts";
import {
  ASSIGNMENT_FIELDS,
  analyzeConflict,
  type CaseEdit,
  type ConflictReport,
  type EditableField,
  editableOf,
  fieldLabel,
  isEmptyEdit,
  pendingChanges,
} from "../lib/conflict.ts";
import { labelIn, planAllows24x7 } from "../lib/policy.ts";
import { Dialog } from "./Dialog.tsx";
import { useToast } from "./Toasts.tsx";

interface Props {
  caseData: CaseDetail;
  policy: PolicyView | undefined;
  agents: Agent[] | undefined;
  me: string;
  statusRef: RefObject<HTMLSelectElement | null>;
  /** Versions this page saved itself, so live-update notices skip them. */
  onSaved: (saved: CaseDetail) => void;
}

interface Conflict {
  report: ConflictReport;
  /** 409 on save, or a live update while edits were pending. */
  reason: "save" | "live";
  /** Names of owners seen in either version, to describe owner changes. */
  people: Map<string, string>;
}

export function describeValue(
  field: EditableField,
  value: unknown,
  policy: PolicyView | undefined,
  people: Map<string, string>,
): string {
  switch (field) {
    case "status":
      return statusLabel(String(value), policy?.statusLabels);
    case "severity":
      return labelIn(policy?.severities, String(value));
    case "priority":
      return labelIn(policy?.priorities, String(value));
    case "queue":
      return labelIn(policy?.queues, String(value));
    case "is24x7":
      return value ? t("caseFields.yes") : t("caseFields.no");
    case "ownerId":
      return value === null
        ? t("caseFields.unassigned")
        : (people.get(String(value)) ?? t("caseFields.anotherAgent"));
  }
}

/** Status, severity, priority, 24x7, queue and owner, with optimistic concurrency. */
/** Asks before resolving or closing a case whose children are still open, naming them. */
function OpenChildrenDialog({
  open,
  cases,
  closing,
  onCancel,
  onConfirm,
}: {
  open: number[];
  cases: CaseDetail["children"];
  closing: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const subjects = new Map(cases.map((c) => [c.number, c.subject]));
  return (
    <Dialog open onClose={onCancel} title={t("caseFields.casesOpenedFromThisOne")}>
      <ul className="open-children">
        {open.map((number) => (
          <li key={number}>
            <Link to={`/cases/${number}`}>#{number}</Link> {subjects.get(number) ?? ""}
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" className="btn" onClick={onCancel}>
          {t("caseFields.keepItOpen")}
        </button>
        <button type="button" className="btn btn-primary" onClick={onConfirm}>
          {closing ? t("caseFields.closeAnyway") : t("caseFields.resolveAnyway")}
        </button>
      </div>
    </Dialog>
  );
}

export function CaseFields({ caseData, policy, agents, me, statusRef, onSaved }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const n = caseData.number;
  /** The case as it was when the first unsaved change was made. */
  const [base, setBase] = useState<CaseDetail | null>(null);
  const [draft, setDraft] = useState<CaseEdit>({});
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const savedConflictReason = useRef<"save" | "live">("live");

  const from = base ?? caseData;
  const pending = pendingChanges(editableOf(from), draft);
  const dirty = !isEmptyEdit(pending);
  const closed = caseData.status === "closed";
  const canUpdate = caseData.allowed.includes("case.update") && !closed;

  const people = new Map<string, string>();
  for (const a of agents ?? []) people.set(a.id, a.name);
  for (const c of [base, caseData]) if (c?.owner) people.set(c.owner.id, c.owner.name);

  const mutation = useMutation({
    mutationFn: (vars: { version: number; changes: CaseEdit; confirmOpenChildren?: true }) =>
      endpoints.updateCase(n, {
        version: vars.version,
        ...vars.changes,
        ...(vars.confirmOpenChildren ? { confirmOpenChildren: true } : {}),
      }),
    onSuccess: (saved) => {
      onSaved(saved);
      queryClient.setQueryData(queryKeys.caseDetail(n), saved);
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(n) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.caseLists });
      setBase(null);
      setDraft({});
      setConflict(null);
      notify(t("caseFields.caseNUpdated", { n }), "success");
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isConflict) {
        // The newer version arrives through the query; the effect below explains it.
        savedConflictReason.current = "save";
        await queryClient.refetchQueries({ queryKey: queryKeys.caseDetail(n) });
      }
    },
  });

  // A newer version while edits are pending (live update, or the refetch after a 409): say what
  // changed, keep the edits that still make sense on top of the new state.
  const { isPending, reset } = mutation;
  useEffect(() => {
    // While a save is in flight its own callbacks decide; this runs once it has settled.
    if (isPending || !base || caseData.version <= base.version) return;
    const intended = pendingChanges(editableOf(base), draft);
    const reason = savedConflictReason.current;
    savedConflictReason.current = "live";
    if (isEmptyEdit(intended)) {
      setBase(null);
      setDraft({});
      return;
    }
    const report = analyzeConflict(base, intended, caseData);
    const names = new Map<string, string>();
    for (const c of [base, caseData]) if (c.owner) names.set(c.owner.id, c.owner.name);
    setConflict({ report, reason, people: names });
    setBase(report.reapply ? caseData : null);
    setDraft(report.reapply ?? {});
    reset();
  }, [caseData, base, draft, isPending, reset]);

  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);

  const change = <K extends EditableField>(field: K, value: CaseEdit[K]) => {
    if (!base) setBase(caseData);
    setDraft((d) => ({ ...d, [field]: value }));
  };

  const save = (changes: CaseEdit = pending) => {
    if (isEmptyEdit(changes) || mutation.isPending) return;
    mutation.mutate({ version: from.version, changes });
  };

  const discard = () => {
    setBase(null);
    setDraft({});
    setConflict(null);
    mutation.reset();
  };

  const value = <K extends EditableField>(field: K) =>
    (draft[field] !== undefined ? draft[field] : editableOf(from)[field]) as NonNullable<
      CaseEdit[K]
    > | null;
  const changed = (field: EditableField) => pending[field] !== undefined;
  // Queue and owner: the assign permission, and whether this workspace reserves hand-offs for
  // transfers (then only taking an unowned case for oneself is left).
  const assignment = assignmentControls({
    allowed: caseData.allowed,
    closed,
    reassign: caseData.reassign,
    ownerId: value("ownerId"),
    me,
  });
  const queueChoices = directQueueChoices(policy, caseData.queue);
  const queueHint = assignment.edit ? withheldQueuesHint(queueChoices.withheld) : null;

  // Closing with open children asks in a dialog (S4.9) rather than under the field.
  const openChildren = mutation.error instanceof ApiError ? mutation.error.openChildren : null;
  const errors =
    mutation.error &&
    !openChildren &&
    !(mutation.error instanceof ApiError && mutation.error.isConflict)
      ? fieldErrorMap(mutation.error)
      : {};
  const formError =
    mutation.error &&
    !openChildren &&
    !(mutation.error instanceof ApiError && mutation.error.isConflict) &&
    Object.keys(errors).length === 0
      ? errorMessage(mutation.error)
      : null;

  const allows24x7 = planAllows24x7(policy, caseData.plan);
  const statuses = nextStatuses(caseData.status);
  const fieldClass = (field: EditableField) => `field ${changed(field) ? "is-changed" : ""}`;
  const errorFor = (field: EditableField) =>
    errors[field] ? (
      <p className="field-error" id={`${id}-${field}-err`}>
        {fieldSentence(field, errors[field])}
      </p>
    ) : null;
  const describedBy = (field: EditableField, ...more: (string | false | null)[]) =>
    [errors[field] ? `${id}-${field}-err` : null, ...more].filter(Boolean).join(" ") || undefined;
  const assignHintId = assignment.hint ? `${id}-assign-hint` : null;
  const optionsFor = (list: { code: string; name: string }[] | undefined, current: string) => {
    const items = list ?? [];
    return items.some((x) => x.code === current)
      ? items
      : [...items, { code: current, name: current }];
  };

  return (
    <section className="panel fields-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        {t("caseFields.statusAndFields")}
      </h2>
      {conflict && (
        <div
          className="notice notice-warning conflict"
          role="alert"
          tabIndex={-1}
          ref={conflictRef}
        >
          <h3>
            {conflict.reason === "save"
              ? t("caseFields.notSavedSomeoneElseChanged")
              : t("caseFields.someoneElseChangedThisCase")}
          </h3>
          {conflict.report.theirs.length > 0 ? (
            <>
              <p>{t("caseFields.theirChangesNowShown")}</p>
              <ul>
                {conflict.report.theirs.map((c) => (
                  <li key={c.field}>
                    {fieldLabel(c.field)}: {describeValue(c.field, c.from, policy, conflict.people)}{" "}
                    → <strong>{describeValue(c.field, c.to, policy, conflict.people)}</strong>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t("caseFields.otherDetailsOfTheCase")}</p>
          )}
          {conflict.report.mine.length > 0 && (
            <>
              <p>{t("caseFields.yourChanges")}</p>
              <ul>
                {conflict.report.mine.map((m) => (
                  <li key={m.field}>
                    {fieldLabel(m.field)} →{" "}
                    {describeValue(m.field, m.value, policy, conflict.people)}{" "}
                    <em className="muted">
                      {m.state === "already" && t("caseFields.alreadySoNothingToDo")}
                      {m.state === "overlap" && t("caseFields.theyChangedThisTooRe")}
                      {m.state === "pending" && t("caseFields.notSavedYet")}
                      {m.state === "invalid" &&
                        t("caseFields.cannotApply", {
                          reason: m.reason ?? t("caseFields.notAllowedNow"),
                        })}
                    </em>
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="notice-actions">
            {conflict.report.reapply && dirty ? (
              <>
                <button
                  type="button"
                  className="btn btn-primary"
                  onClick={() => save()}
                  disabled={mutation.isPending}
                >
                  {t("caseFields.reApplyMyChanges")}
                </button>
                <button type="button" className="btn" onClick={discard}>
                  {t("caseFields.discardMyChanges")}
                </button>
              </>
            ) : (
              <button type="button" className="btn" onClick={() => setConflict(null)}>
                OK
              </button>
            )}
          </div>
        </div>
      )}
      {closed && <p className="muted small">{t("caseFields.thisCaseIsClosedAnd")}</p>}
      {!closed && !caseData.allowed.includes("case.update") && (
        <p className="muted small">{t("caseFields.yourRoleMayNotChange")}</p>
      )}
      <form
        className="fields-form"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <div className={fieldClass("status")}>
          <label htmlFor={`${id}-status`}>{t("caseFields.status")}</label>
          <select
            id={`${id}-status`}
            ref={statusRef}
            value={String(value("status"))}
            disabled={!canUpdate}
            aria-describedby={describedBy("status")}
            aria-invalid={errors.status ? true : undefined}
            onChange={(e) => change("status", e.target.value)}
          >
            {statuses.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s, policy?.statusLabels)}
              </option>
            ))}
          </select>
          {errorFor("status")}
        </div>
        <div className={fieldClass("severity")}>
          <label htmlFor={`${id}-severity`}>{t("caseFields.severity")}</label>
          <select
            id={`${id}-severity`}
            value={String(value("severity"))}
            disabled={!canUpdate}
            aria-describedby={describedBy("severity")}
            onChange={(e) => change("severity", e.target.value)}
          >
            {optionsFor(policy?.severities, caseData.severity).map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </select>
          {errorFor("severity")}
        </div>
        <div className={fieldClass("priority")}>
          <label htmlFor={`${id}-priority`}>{t("caseFields.priority")}</label>
          <select
            id={`${id}-priority`}
            value={String(value("priority"))}
            disabled={!canUpdate}
            aria-describedby={describedBy("priority")}
            onChange={(e) => change("priority", e.target.value)}
          >
            {optionsFor(policy?.priorities, caseData.priority).map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </select>
          {errorFor("priority")}
        </div>
        <div className={`${fieldClass("is24x7")} field-check`}>
          <input
            type="checkbox"
            id={`${id}-24`}
            checked={Boolean(value("is24x7"))}
            disabled={!canUpdate || (!allows24x7 && !value("is24x7"))}
            aria-describedby={[`${id}-24-hint`, describedBy("is24x7")].filter(Boolean).join(" ")}
            onChange={(e) => change("is24x7", e.target.checked)}
          />
          <label htmlFor={`${id}-24`}>{t("caseFields.n24x7Coverage")}</label>
          <span id={`${id}-24-hint`} className="hint">
            {caseData.plan
              ? allows24x7
                ? t("caseFields.planLabelinIncludes24x7", {
                    labelIn: labelIn(policy?.plans, caseData.plan),
                  })
                : t("caseFields.planLabelinDoesNotInclude", {
                    labelIn: labelIn(policy?.plans, caseData.plan),
                  })
              : t("caseFields.noPlanOnThisCase")}
          </span>
          {errorFor("is24x7")}
        </div>
        <div className={fieldClass("queue")}>
          <label htmlFor={`${id}-queue`}>{t("caseFields.queue")}</label>
          <select
            id={`${id}-queue`}
            value={String(value("queue"))}
            disabled={!assignment.edit}
            aria-describedby={describedBy("queue", queueHint && `${id}-queue-hint`, assignHintId)}
            aria-invalid={errors.queue ? true : undefined}
            onChange={(e) => change("queue", e.target.value)}
          >
            {queueChoices.choices.map((q) => (
              <option key={q.code} value={q.code}>
                {q.name}
              </option>
            ))}
          </select>
          {queueHint && (
            <p id={`${id}-queue-hint`} className="hint">
              {queueHint}
            </p>
          )}
          {errorFor("queue")}
        </div>
        <div className={fieldClass("ownerId")}>
          <label htmlFor={`${id}-owner`}>{t("caseFields.owner")}</label>
          <div className="field-row">
            <select
              id={`${id}-owner`}
              value={value("ownerId") === null ? "" : String(value("ownerId"))}
              disabled={!assignment.edit}
              aria-describedby={describedBy("ownerId", assignHintId)}
              aria-invalid={errors.ownerId ? true : undefined}
              onChange={(e) => change("ownerId", e.target.value || null)}
            >
              <option value="">{t("caseFields.unassigned")}</option>
              {(agents ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                  {a.availability.status === "on_leave" ? t("caseFields.onLeave") : ""}
                </option>
              ))}
              {caseData.owner && !agents?.some((a) => a.id === caseData.owner?.id) && (
                <option value={caseData.owner.id}>{caseData.owner.name}</option>
              )}
            </select>
            {assignment.takeForMe && (
              <button
                type="button"
                className="btn btn-small"
                onClick={() => (dirty ? change("ownerId", me) : save({ ownerId: me }))}
              >
                {t("caseFields.assignToMe")}
              </button>
            )}
          </div>
          {errorFor("ownerId")}
        </div>
        {assignment.hint && assignHintId && (
          <p id={assignHintId} className="muted small assign-hint">
            {assignment.hint}
          </p>
        )}
        {formError && (
          <p className="field-error" role="alert">
            {formError}
          </p>
        )}
        {openChildren && mutation.variables && (
          <OpenChildrenDialog
            open={openChildren}
            cases={caseData.children}
            closing={mutation.variables.changes.status === "closed"}
            onCancel={() => mutation.reset()}
            onConfirm={() =>
              mutation.variables &&
              mutation.mutate({ ...mutation.variables, confirmOpenChildren: true })
            }
          />
        )}
        {dirty && (
          <div className="form-actions sticky-actions">
            <span className="muted small" aria-live="polite">
              {t("caseFields.unsavedChanges", { count: Object.keys(pending).length })}
              {ASSIGNMENT_FIELDS.some((f) => pending[f] !== undefined) &&
                t("caseFields.includesAssignment")}
            </span>
            <button type="button" className="btn" onClick={discard} disabled={mutation.isPending}>
              {t("caseFields.cancel")}
            </button>
            <button type="submit" className="btn btn-primary" disabled={mutation.isPending}>
              {mutation.isPending ? t("caseFields.saving") : t("caseFields.save")}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
