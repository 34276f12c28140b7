// The transfer panel: pick a kind, a target and a reason, fill in the handover template, and see
// live what Baton will do — every guard's message, the checklist, the note and the artifacts —
// before submitting.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useId, useMemo, useState } from "react";
import { endpoints } from "../api/endpoints.ts";
import { ApiError } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type {
  Agent,
  CaseDetail,
  GuardFinding,
  PolicyView,
  RequestTransferBody,
  TemplateFieldOption,
  TransferKindOption,
  TransferOptions,
  TransferTargetType,
  TransferView,
} from "../api/types.ts";
import { useDebounced } from "../hooks/transfers.ts";
import { statusLabel } from "../lib/caseStatus.ts";
import { labelIn } from "../lib/policy.ts";
import {
  type FormContext,
  type FormField,
  formForKind,
  formGaps,
  guardMessagesByField,
  initialKind,
  isPrefilled,
  missingByField,
  placeErrors,
  type TransferForm,
  templateValue,
  toRequestBody,
  withTargetType,
} from "../lib/transferForm.ts";
import {
  agentChoices,
  canSubmit,
  checklist,
  guardsToShow,
  regionChoices,
} from "../lib/transfers.ts";
import { useToast } from "./Toasts.tsx";
import { ArtifactList, Checklist, GuardList } from "./TransferParts.tsx";

const PREVIEW_DEBOUNCE_MS = 350;
const STATUSES = ["new", "active", "awaiting_customer", "solution_delivered", "resolved"] as const;
const TARGET_LABELS: Record<TransferTargetType, string> = {
  agent: "An agent",
  queue: "A queue",
  workspace: "Another workspace",
};

interface Props {
  caseData: CaseDetail;
  policy: PolicyView | undefined;
  agents: Agent[] | undefined;
  role: string | undefined;
  /** What was typed before the panel was last closed, kept until the transfer is made. */
  draft: TransferForm | null;
  onDraft: (form: TransferForm | null) => void;
  onDone: (transfer: TransferView) => void;
  onCancel: () => void;
}

/** Loads what the person may do on this case, then shows the form. */
export function TransferPanel(props: Props) {
  const n = props.caseData.number;
  const options = useQuery({
    queryKey: queryKeys.transferOptions(n),
    queryFn: ({ signal }) => endpoints.transferOptions(n, signal),
  });
  if (options.isError)
    return (
      <p className="notice notice-error" role="alert">
        Could not load the transfer options:{" "}
        {options.error instanceof ApiError ? options.error.detail : "try again"}
      </p>
    );
  // The form starts from the case version as it is now, not as an earlier visit cached it.
  if (!options.data || (options.isStale && !options.isFetchedAfterMount))
    return (
      <p className="muted" aria-live="polite">
        Loading…
      </p>
    );
  return <TransferFormView {...props} options={options.data} />;
}

function TransferFormView({
  caseData: c,
  policy,
  agents,
  role,
  draft,
  onDraft,
  onDone,
  onCancel,
  options,
}: Props & { options: TransferOptions }) {
  const id = useId();
  const n = c.number;
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [form, setFormState] = useState<TransferForm>(
    () => draft ?? formForKind(options.kinds.find((k) => k.code === initialKind(options))),
  );
  // The case version the person read when they opened the panel: a change meanwhile is a 409.
  const [version, setVersion] = useState(options.version);
  const setForm = (next: TransferForm) => {
    setFormState(next);
    onDraft(next);
  };
  const patch = (p: Partial<TransferForm>) => setForm({ ...form, ...p });
  const kind = options.kinds.find((k) => k.code === form.kind);
  const ctx: FormContext = useMemo(
    () => ({ queueRegion: (q) => policy?.queues.find((x) => x.code === q)?.region ?? null }),
    [policy],
  );
  const ownerRegion =
    (c.owner && agents?.find((a) => a.id === c.owner?.id)?.region) || c.region || null;

  const gaps = formGaps(form, kind, ctx);
  const body = toRequestBody(form, kind, version, ctx);
  const bodyKey = body ? JSON.stringify(body) : null;
  const settledKey = useDebounced(bodyKey, PREVIEW_DEBOUNCE_MS);
  const preview = useQuery({
    queryKey: queryKeys.transferPreview(n, settledKey ?? ""),
    queryFn: ({ signal }) =>
      endpoints.previewTransfer(n, JSON.parse(settledKey ?? "{}") as RequestTransferBody, signal),
    enabled: settledKey !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 15_000,
  });
  const fresh = bodyKey !== null && settledKey === bodyKey && !preview.isPlaceholderData;
  const shownPreview = bodyKey !== null && !preview.isError ? preview.data : undefined;
  const previewRefusal = bodyKey !== null && preview.isError ? placeErrors(preview.error) : null;
  const updating = bodyKey !== null && (settledKey !== bodyKey || preview.isFetching);

  const submit = useMutation({
    mutationFn: (b: RequestTransferBody) => endpoints.requestTransfer(n, b),
    onSuccess: (t) => {
      onDraft(null);
      notify(
        t.state === "completed"
          ? `Case #${n} transferred to ${t.target.label}.`
          : `Transfer requested: ${t.target.label}. Next: ${t.nextStep?.replaceAll("_", " ") ?? "nothing"}.`,
        "success",
      );
      onDone(t);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: queryKeys.case(n) });
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.case(n) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.caseLists });
      void queryClient.invalidateQueries({ queryKey: queryKeys.transfers });
    },
  });
  const submitted = placeErrors(submit.error);
  const refreshedVersion = options.version !== version;

  // Messages beside fields: a refused submit first, then the live preview's refusal, its
  // guard findings and the template fields it finds empty.
  const liveGuards = guardMessagesByField(shownPreview?.guards ?? []);
  const missing = missingByField(shownPreview);
  const messageFor = (field: FormField): { text: string; tone: string } | null => {
    const error = submitted.fields[field] ?? previewRefusal?.fields[field];
    if (error) return { text: error, tone: "error" };
    const guard = liveGuards[field];
    if (guard) return { text: guard.message, tone: guard.outcome === "block" ? "error" : "warn" };
    return null;
  };
  const fieldMessage = (field: FormField, extra?: string) => {
    const m = messageFor(field);
    const text = m?.text ?? extra;
    if (!text) return null;
    return (
      <p className={m?.tone === "warn" ? "field-warning" : "field-error"} id={`${id}-${field}-msg`}>
        {text}
      </p>
    );
  };
  const aria = (field: FormField, extra?: string) =>
    messageFor(field) || extra
      ? {
          "aria-describedby": `${id}-${field}-msg`,
          ...(messageFor(field)?.tone === "error" || extra ? { "aria-invalid": true } : {}),
        }
      : {};

  // An emptied required field says so once touched; untouched ones are listed in the checklist.
  const touchedMissing = (key: string) =>
    form.fields[key] !== undefined ? missing[`fields.${key}`] : undefined;

  const guards: GuardFinding[] = guardsToShow(shownPreview, kind, form.targetType);
  const receiver =
    form.targetType === "agent" ? (agents?.find((a) => a.id === form.agentId)?.name ?? null) : null;
  const items = checklist({
    kind,
    gaps,
    preview: shownPreview,
    previewError: previewRefusal
      ? (previewRefusal.general ?? Object.values(previewRefusal.fields)[0] ?? null)
      : null,
    confirmNextShift: form.confirmNextShift,
    myRole: role,
    receiverName: receiver,
    roles: policy?.roles,
  });
  const submittable = canSubmit({
    hasBody: body !== null,
    previewFresh: fresh || (preview.isError && settledKey === bodyKey),
    preview: shownPreview,
    previewRefused: previewRefusal !== null,
    submitting: submit.isPending,
  });

  const brands = policy?.brands ?? [];
  const kindStatus = policy?.transferKinds?.find((k) => k.code === form.kind)?.newStatus;

  const chooseKind = (k: TransferKindOption) => {
    submit.reset();
    setForm({ ...formForKind(k), comment: form.comment });
  };

  return (
    <form
      className="transfer-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (body && submittable) submit.mutate(body);
      }}
    >
      {submitted.general && (
        <div className="notice notice-error" role="alert">
          <p>{submitted.general}</p>
          {submitted.conflict && (
            <div className="notice-actions">
              <span>
                Check the case, then submit again
                {refreshedVersion ? " with its latest version." : "."}
              </span>
              {refreshedVersion && (
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => {
                    setVersion(options.version);
                    submit.reset();
                  }}
                >
                  Use the latest version
                </button>
              )}
            </div>
          )}
        </div>
      )}
      {!submitted.conflict && refreshedVersion && (
        <p className="notice notice-warning">
          The case changed while this panel was open (now version {options.version}). Check it;
          submitting asks for the version you opened it on.{" "}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setVersion(options.version)}
          >
            Use the latest version
          </button>
        </p>
      )}
      <div className="transfer-grid">
        <div className="transfer-inputs">
          <fieldset className="fieldset">
            <legend>Kind of transfer</legend>
            {options.kinds.length === 0 && (
              <p className="muted">This workspace's policy has no transfer kinds.</p>
            )}
            <div className="kind-list">
              {options.kinds.map((k) => (
                <label
                  key={k.code}
                  className={`kind-option ${k.code === form.kind ? "is-checked" : ""} ${k.available ? "" : "is-disabled"}`}
                >
                  <input
                    className="kind-radio"
                    type="radio"
                    name={`${id}-kind`}
                    value={k.code}
                    checked={k.code === form.kind}
                    disabled={!k.available}
                    onChange={() => chooseKind(k)}
                  />
                  <span className="kind-text">
                    <span className="kind-name">
                      {k.name} <code className="muted small">{k.code}</code>
                    </span>
                    {k.available ? (
                      k.description && <span className="kind-desc">{k.description}</span>
                    ) : (
                      <span className="kind-unavailable">
                        Unavailable: {k.unavailableBecause ?? "not for this case"}
                      </span>
                    )}
                  </span>
                </label>
              ))}
            </div>
            {fieldMessage("kind")}
          </fieldset>

          {kind && (
            <>
              <fieldset className="fieldset">
                <legend>Where to</legend>
                {kind.targets.length > 1 && (
                  <div className="segmented" role="radiogroup" aria-label="Target type">
                    {kind.targets.map((t) => (
                      <label key={t} className={form.targetType === t ? "is-checked" : ""}>
                        <input
                          type="radio"
                          name={`${id}-target-type`}
                          checked={form.targetType === t}
                          onChange={() => setForm(withTargetType(form, kind, t))}
                        />
                        {TARGET_LABELS[t]}
                      </label>
                    ))}
                  </div>
                )}
                {form.targetType === "agent" && (
                  <div className="field">
                    <label htmlFor={`${id}-agent`}>Agent</label>
                    <select
                      id={`${id}-agent`}
                      value={form.agentId}
                      onChange={(e) => patch({ agentId: e.target.value })}
                      {...aria("target.agentId")}
                    >
                      <option value="">Choose who takes the case…</option>
                      {agentChoices(agents ?? [], {
                        ownerId: c.owner?.id ?? null,
                        ownerRegion,
                        regionRule: kind.region,
                      }).map((a) => (
                        <option key={a.id} value={a.id}>
                          {a.label}
                        </option>
                      ))}
                    </select>
                    <span className="hint">
                      {kind.region === "same"
                        ? `Stays within ${ownerRegion ?? "the owner's region"}.`
                        : kind.region === "other"
                          ? `Goes to another region than ${ownerRegion ?? "the owner's"}.`
                          : "Any region."}
                    </span>
                    {fieldMessage("target.agentId")}
                  </div>
                )}
                {form.targetType === "agent" && (
                  <div className="field">
                    <label htmlFor={`${id}-agent-queue`}>
                      Group <span className="required">(optional)</span>
                    </label>
                    <select
                      id={`${id}-agent-queue`}
                      value={form.agentQueue}
                      onChange={(e) => patch({ agentQueue: e.target.value })}
                      {...aria("target.queue")}
                    >
                      <option value="">Keep {labelIn(policy?.queues, c.queue)}</option>
                      {kind.toQueues
                        .filter((q) => q !== c.queue)
                        .map((q) => (
                          <option key={q} value={q}>
                            {labelIn(policy?.queues, q)}
                          </option>
                        ))}
                    </select>
                    {fieldMessage("target.queue")}
                  </div>
                )}
                {form.targetType === "queue" && (
                  <div className="field-group">
                    <div className="field">
                      <label htmlFor={`${id}-queue`}>Queue</label>
                      <select
                        id={`${id}-queue`}
                        value={form.queue}
                        onChange={(e) => patch({ queue: e.target.value })}
                        {...aria("target.queue")}
                      >
                        {kind.toQueues.map((q) => (
                          <option key={q} value={q}>
                            {labelIn(policy?.queues, q)}
                            {ctx.queueRegion(q) ? ` (${ctx.queueRegion(q)})` : ""}
                          </option>
                        ))}
                      </select>
                      {fieldMessage("target.queue")}
                    </div>
                    {!ctx.queueRegion(form.queue) && (
                      <div className="field">
                        <label htmlFor={`${id}-region`}>
                          Region{" "}
                          {kind.region === "any" && <span className="required">(optional)</span>}
                        </label>
                        <select
                          id={`${id}-region`}
                          value={form.region}
                          onChange={(e) => patch({ region: e.target.value })}
                          {...aria("target.region")}
                        >
                          <option value="">Choose the region…</option>
                          {regionChoices(policy?.regions ?? [], kind.region, ownerRegion).map(
                            (r) => (
                              <option key={r.code} value={r.code} disabled={!r.fits}>
                                {r.code} — {r.name}
                                {r.note ? ` (${r.note})` : ""}
                              </option>
                            ),
                          )}
                        </select>
                        {fieldMessage("target.region")}
                      </div>
                    )}
                  </div>
                )}
                {form.targetType === "workspace" && (
                  <div className="field">
                    <label htmlFor={`${id}-ws`}>Workspace</label>
                    <input
                      id={`${id}-ws`}
                      value={form.workspace}
                      placeholder="workspace-slug"
                      onChange={(e) => patch({ workspace: e.target.value })}
                      {...aria("target.workspace")}
                    />
                    {fieldMessage("target.workspace")}
                  </div>
                )}
                {fieldMessage("target")}
              </fieldset>

              <fieldset className="fieldset">
                <legend>Reason</legend>
                <div className="field">
                  <label htmlFor={`${id}-reason`}>Reason</label>
                  <select
                    id={`${id}-reason`}
                    value={form.reason}
                    onChange={(e) => patch({ reason: e.target.value })}
                    {...aria("reason")}
                  >
                    <option value="">Choose a reason…</option>
                    {kind.reasons.map((r) => (
                      <option key={r.code} value={r.code}>
                        {r.label}
                      </option>
                    ))}
                  </select>
                  {fieldMessage("reason")}
                </div>
                {kind.reasons.find((r) => r.code === form.reason)?.requiresText && (
                  <div className="field">
                    <label htmlFor={`${id}-reason-text`}>
                      Why <span className="required">(required)</span>
                    </label>
                    <textarea
                      id={`${id}-reason-text`}
                      rows={2}
                      value={form.reasonText}
                      onChange={(e) => patch({ reasonText: e.target.value })}
                      {...aria("reasonText")}
                    />
                    {fieldMessage("reasonText")}
                  </div>
                )}
                {kind.asks24x7Confirmation && (
                  <div className="field-check confirm-24x7">
                    <input
                      id={`${id}-confirm`}
                      type="checkbox"
                      checked={form.confirmNextShift}
                      onChange={(e) => patch({ confirmNextShift: e.target.checked })}
                      {...aria("confirmNextShift")}
                    />
                    <label htmlFor={`${id}-confirm`}>
                      The customer confirmed they need the next shift to keep working on this
                    </label>
                    {fieldMessage("confirmNextShift")}
                  </div>
                )}
              </fieldset>

              <fieldset className="fieldset">
                <legend>Handover template</legend>
                {kind.template.length === 0 && (
                  <p className="muted">
                    This kind has no template: the note names the target and reason.
                  </p>
                )}
                {kind.template.map((f) => (
                  <TemplateInput
                    key={f.key}
                    id={`${id}-f-${f.key}`}
                    field={f}
                    value={templateValue(f, form, shownPreview)}
                    prefilled={isPrefilled(f, form, shownPreview)}
                    onChange={(v) => patch({ fields: { ...form.fields, [f.key]: v } })}
                    message={fieldMessage(`fields.${f.key}`, touchedMissing(f.key))}
                    ariaProps={aria(`fields.${f.key}`, touchedMissing(f.key))}
                  />
                ))}
              </fieldset>

              <details
                className="fieldset-more"
                open={Boolean(
                  form.newPriority || form.newStatus || form.newBrand || form.pin || form.comment,
                )}
              >
                <summary>
                  {brands.length > 1 ? "Brand, priority" : "Priority"}, status, pin and comment
                </summary>
                <div className="field-group">
                  {brands.length > 1 && form.targetType !== "workspace" && (
                    <div className="field">
                      <label htmlFor={`${id}-brand`}>New brand</label>
                      <select
                        id={`${id}-brand`}
                        value={form.newBrand}
                        onChange={(e) => patch({ newBrand: e.target.value })}
                        {...aria("newBrand")}
                      >
                        <option value="">Keep ({labelIn(brands, c.brand)})</option>
                        {brands
                          .filter((b) => b.code !== c.brand)
                          .map((b) => (
                            <option key={b.code} value={b.code}>
                              {b.name}
                            </option>
                          ))}
                      </select>
                      {fieldMessage("newBrand")}
                    </div>
                  )}
                  <div className="field">
                    <label htmlFor={`${id}-priority`}>New priority</label>
                    <select
                      id={`${id}-priority`}
                      value={form.newPriority}
                      onChange={(e) => patch({ newPriority: e.target.value })}
                      {...aria("newPriority")}
                    >
                      <option value="">Keep ({labelIn(policy?.priorities, c.priority)})</option>
                      {(policy?.priorities ?? []).map((p) => (
                        <option key={p.code} value={p.code}>
                          {p.name}
                        </option>
                      ))}
                    </select>
                    {fieldMessage("newPriority")}
                  </div>
                  <div className="field">
                    <label htmlFor={`${id}-status`}>New status</label>
                    <select
                      id={`${id}-status`}
                      value={form.newStatus}
                      onChange={(e) => patch({ newStatus: e.target.value })}
                      {...aria("newStatus")}
                    >
                      <option value="">
                        The kind's default
                        {kindStatus ? ` (${statusLabel(kindStatus, policy?.statusLabels)})` : ""}
                      </option>
                      {STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {statusLabel(s, policy?.statusLabels)}
                        </option>
                      ))}
                    </select>
                    {fieldMessage("newStatus")}
                  </div>
                </div>
                {form.targetType === "agent" && (
                  <div className="field-group">
                    <div className="field-check">
                      <input
                        id={`${id}-pin`}
                        type="checkbox"
                        checked={form.pin}
                        onChange={(e) => patch({ pin: e.target.checked })}
                        {...aria("pin")}
                      />
                      <label htmlFor={`${id}-pin`}>Pin the case to the receiver</label>
                      {fieldMessage("pin")}
                    </div>
                    {form.pin && (
                      <div className="field">
                        <label htmlFor={`${id}-pin-until`}>
                          Pinned until <span className="required">(optional)</span>
                        </label>
                        <input
                          id={`${id}-pin-until`}
                          type="datetime-local"
                          value={form.pinUntil}
                          onChange={(e) => patch({ pinUntil: e.target.value })}
                          {...aria("pinUntil")}
                        />
                        {fieldMessage("pinUntil")}
                      </div>
                    )}
                  </div>
                )}
                <div className="field">
                  <label htmlFor={`${id}-comment`}>
                    Transfer comment{" "}
                    <span className="required">(optional; goes into the note)</span>
                  </label>
                  <textarea
                    id={`${id}-comment`}
                    rows={2}
                    value={form.comment}
                    onChange={(e) => patch({ comment: e.target.value })}
                    {...aria("comment")}
                  />
                  {fieldMessage("comment")}
                </div>
              </details>
            </>
          )}
        </div>

        <aside className="transfer-live" aria-label="What Baton will do">
          <section aria-labelledby={`${id}-guards`}>
            <h3 id={`${id}-guards`} className="subsection-title">
              Guards{" "}
              <span className="muted small" aria-live="polite">
                {updating ? "checking…" : ""}
              </span>
            </h3>
            <div aria-live="polite" className="guard-region">
              {guards.length > 0 ? (
                <GuardList findings={guards} />
              ) : shownPreview ? (
                <p className="muted small">No guard objects to this transfer.</p>
              ) : (
                <p className="muted small">
                  {gaps[0]?.message ?? "Checking…"}
                  {gaps[0] ? " to see what the guards say." : ""}
                </p>
              )}
              {(submitted.fields.guards ?? previewRefusal?.general) && (
                <p className="field-error">{submitted.fields.guards ?? previewRefusal?.general}</p>
              )}
            </div>
          </section>
          <section aria-labelledby={`${id}-checklist`}>
            <h3 id={`${id}-checklist`} className="subsection-title">
              Checklist
            </h3>
            <Checklist items={items} />
          </section>
          {shownPreview && (
            <section aria-labelledby={`${id}-preview`} className={updating ? "is-updating" : ""}>
              <h3 id={`${id}-preview`} className="subsection-title">
                Preview
              </h3>
              <ArtifactList artifacts={shownPreview.artifacts} />
              <h4 className="preview-heading">Handover note (private)</h4>
              <pre className="note-preview">{shownPreview.note}</pre>
            </section>
          )}
        </aside>
      </div>
      <div className="form-actions transfer-submit">
        <span className="muted">
          {body === null
            ? (gaps[0]?.message ?? "")
            : !submittable && !submit.isPending
              ? "Resolve what the checklist marks first."
              : ""}
        </span>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={!submittable}>
          {submit.isPending ? "Submitting…" : "Submit transfer"}
        </button>
      </div>
    </form>
  );
}

function TemplateInput({
  id,
  field: f,
  value,
  prefilled,
  onChange,
  message,
  ariaProps,
}: {
  id: string;
  field: TemplateFieldOption;
  value: string;
  prefilled: boolean;
  onChange: (value: string) => void;
  message: ReactNode;
  ariaProps: Record<string, unknown>;
}) {
  const label = (
    <>
      {f.label} {f.required ? <span className="required">(required)</span> : null}
      {prefilled && <span className="badge badge-gray prefilled">pre-filled</span>}
    </>
  );
  const help = f.help ? (
    <span className="hint" id={`${id}-help`}>
      {f.help}
    </span>
  ) : null;
  if (f.kind === "yesno" || (f.kind === "choice" && (f.choices?.length ?? 0) <= 4)) {
    const choices = f.kind === "yesno" ? ["Yes", "No"] : (f.choices ?? []);
    return (
      <fieldset
        className="field template-choice"
        aria-describedby={ariaProps["aria-describedby"] as string | undefined}
      >
        <legend>{label}</legend>
        {help}
        <div className="segmented">
          {choices.map((choice) => (
            <label key={choice} className={value === choice ? "is-checked" : ""}>
              <input
                type="radio"
                name={id}
                value={choice}
                checked={value === choice}
                onChange={() => onChange(choice)}
              />
              {choice}
            </label>
          ))}
        </div>
        {message}
      </fieldset>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {help}
      {f.kind === "choice" ? (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)} {...ariaProps}>
          <option value="">Choose…</option>
          {(f.choices ?? []).map((choice) => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </select>
      ) : f.kind === "text" ? (
        <input id={id} value={value} onChange={(e) => onChange(e.target.value)} {...ariaProps} />
      ) : (
        <textarea
          id={id}
          rows={3}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          {...ariaProps}
        />
      )}
      {message}
    </div>
  );
}
