// Pieces of the transfer screens: guard findings, the checklist, a transfer's card with its
// steps, and the decisions the caller may take on it.

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type {
  Agent,
  CustomerNotifiedHow,
  GuardFinding,
  PolicyView,
  TransferView,
} from "../api/types.ts";
import { dateTime, relativeTime } from "../lib/format.ts";
import { labelIn } from "../lib/policy.ts";
import { isoToLocal, localToIso } from "../lib/transferForm.ts";
import {
  actionSet,
  agentChoices,
  type CheckItem,
  HOW_OPTIONS,
  isOpenTransfer,
  OUTCOME_LABELS,
  placeActionErrors,
  stepLabel,
  stepProgress,
  transferStateLabel,
  transferStateTone,
  waitingOn,
} from "../lib/transfers.ts";
import { useToast } from "./Toasts.tsx";

export function TransferStateBadge({ state }: { state: string }) {
  return (
    <span className={`badge badge-${transferStateTone(state)}`} data-transfer-state={state}>
      {transferStateLabel(state)}
    </span>
  );
}

/** Guard findings, each styled by what it does, with the guard's id. */
export function GuardList({ findings }: { findings: readonly GuardFinding[] }) {
  const { t } = useTranslation();
  if (findings.length === 0) return null;
  return (
    <ul className="guard-list">
      {findings.map((f) => (
        <li key={`${f.id}:${f.outcome}`} className={`guard guard-${f.outcome}`}>
          <span className="guard-head">
            <span className="guard-outcome">
              {OUTCOME_LABELS[f.outcome] ? t(OUTCOME_LABELS[f.outcome]) : f.outcome}
            </span>
            <code className="guard-id">{f.id}</code>
          </span>
          <span className="guard-message">{f.message}</span>
        </li>
      ))}
    </ul>
  );
}

const CHECK_MARK: Record<CheckItem["status"], string> = {
  done: "✓",
  missing: "○",
  blocked: "✕",
  warn: "!",
  later: "→",
};

/** What a screen reader says after each item's label, as the mark shows it. */
const CHECK_TEXT: Record<CheckItem["status"], string> = {
  done: "transferParts.checkDone",
  missing: "transferParts.checkMissing",
  blocked: "transferParts.checkBlocked",
  warn: "transferParts.checkWarn",
  later: "transferParts.checkLater",
};

export function Checklist({ items }: { items: readonly CheckItem[] }) {
  const { t } = useTranslation();
  return (
    <ol className="checklist">
      {items.map((item) => (
        <li key={item.id} className={`check check-${item.status}`} data-check={item.id}>
          <span className={`check-mark mark-${item.status}`} aria-hidden="true">
            {CHECK_MARK[item.status]}
          </span>
          <span className="check-body">
            <span className="check-label">
              {item.label}
              <span className="visually-hidden">: {t(CHECK_TEXT[item.status])}</span>
            </span>
            {item.detail && <span className="check-detail">{item.detail}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** The artifacts a kind generates, as the receiver and the dispatch desk will see them. */
export function ArtifactList({
  artifacts,
}: {
  artifacts: Record<string, string | null | undefined>;
}) {
  const { t } = useTranslation();
  const rows = [
    [t("transferParts.internalTitle"), artifacts.internalTitle ?? artifacts.titlePrefix],
    [t("transferParts.dispatchSubject"), artifacts.dispatchSubject],
    [t("transferParts.channelEntry"), artifacts.channelEntry],
  ].filter((r): r is [string, string] => typeof r[1] === "string" && r[1] !== "");
  if (rows.length === 0)
    return <p className="muted small">{t("transferParts.thisKindGeneratesNoArtifacts")}</p>;
  return (
    <dl className="artifacts">
      {rows.map(([label, value]) => (
        <div key={label} className="artifact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

type ActionId =
  | "approve"
  | "reject"
  | "accept"
  | "decline"
  | "withdraw"
  | "customer_notified"
  | "notes_updated"
  | "handover_aligned";

// Message keys (locales/*.json, transferActions): what each action's buttons and outcome say.
const ACTION_LABELS: Record<ActionId, { open: string; submit: string; done: string }> = {
  approve: {
    open: "transferActions.approveOpen",
    submit: "transferActions.approveSubmit",
    done: "transferActions.approveDone",
  },
  reject: {
    open: "transferActions.rejectOpen",
    submit: "transferActions.rejectSubmit",
    done: "transferActions.rejectDone",
  },
  accept: {
    open: "transferActions.acceptOpen",
    submit: "transferActions.acceptSubmit",
    done: "transferActions.acceptDone",
  },
  decline: {
    open: "transferActions.declineOpen",
    submit: "transferActions.declineSubmit",
    done: "transferActions.declineDone",
  },
  withdraw: {
    open: "transferActions.withdrawOpen",
    submit: "transferActions.withdrawSubmit",
    done: "transferActions.withdrawDone",
  },
  customer_notified: {
    open: "transferActions.customerNotifiedOpen",
    submit: "transferActions.customerNotifiedSubmit",
    done: "transferActions.customerNotifiedDone",
  },
  notes_updated: {
    open: "transferActions.notesUpdatedOpen",
    submit: "transferActions.notesUpdatedSubmit",
    done: "transferActions.notesUpdatedDone",
  },
  handover_aligned: {
    open: "transferActions.handoverAlignedOpen",
    submit: "transferActions.handoverAlignedSubmit",
    done: "transferActions.handoverAlignedDone",
  },
};

const FORM_FIELDS = ["note", "assignTo", "how", "at"] as const;

/** The buttons for what the caller may do on a transfer (the server's `actions`), each a form. */
export function TransferActions({
  transfer,
  policy,
  agents,
}: {
  transfer: TransferView;
  policy: PolicyView | undefined;
  agents: Agent[] | undefined;
}) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [open, setOpen] = useState<ActionId | null>(null);
  const [note, setNote] = useState("");
  const [assignTo, setAssignTo] = useState("");
  const [how, setHow] = useState<CustomerNotifiedHow | "">("");
  const [at, setAt] = useState("");
  const { decisions, steps } = actionSet(transfer.actions);
  const kind = policy?.transferKinds?.find((k) => k.code === transfer.kind);
  const canPick =
    (policy?.viewer?.assign ?? false) &&
    (kind?.targets.includes("agent") ?? transfer.target.type === "agent");
  // Back from a receiver who did not answer, an agent-only kind waits for the approver's pick.
  const mustPick = canPick && kind !== undefined && !kind.targets.includes(transfer.target.type);

  const run = useMutation({
    mutationFn: async (action: ActionId) => {
      const version = transfer.version;
      const text = note.trim();
      const withNote = text ? { note: text } : {};
      switch (action) {
        case "approve":
          return endpoints.approveTransfer(transfer.id, {
            version,
            ...withNote,
            ...(assignTo ? { assignTo } : {}),
          });
        case "customer_notified":
        case "notes_updated":
        case "handover_aligned": {
          const when = localToIso(at);
          return endpoints.recordTransferStep(transfer.id, action, {
            version,
            ...(how ? { how } : {}),
            ...(when ? { at: when } : {}),
            ...withNote,
          });
        }
        default:
          return endpoints.decideTransfer(transfer.id, action, { version, ...withNote });
      }
    },
    onSuccess: (updated, action) => {
      notify(
        updated.state === "completed"
          ? t("transferActions.doneReassigned", {
              done: t(ACTION_LABELS[action].done),
              target: updated.target.label,
            })
          : t("transferActions.doneSentence", { done: t(ACTION_LABELS[action].done) }),
        "success",
      );
      setOpen(null);
      setNote("");
      setAssignTo("");
      setHow("");
    },
    onError: (error) => {
      if (placeActionErrors(error, FORM_FIELDS).conflict)
        void queryClient.invalidateQueries({ queryKey: queryKeys.case(transfer.caseNumber) });
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.case(transfer.caseNumber) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.transfers });
    },
  });

  if (decisions.length === 0 && steps.length === 0) return null;
  const placed = placeActionErrors(run.error, FORM_FIELDS);
  const toggle = (action: ActionId) => {
    run.reset();
    setOpen((current) => (current === action ? null : action));
    if (
      action === "customer_notified" ||
      action === "notes_updated" ||
      action === "handover_aligned"
    )
      setAt(isoToLocal(new Date()));
  };
  const fieldError = (field: string) =>
    placed.fields[field] ? (
      <p className="field-error" id={`${id}-${field}-error`}>
        {placed.fields[field]}
      </p>
    ) : null;
  const described = (field: string) =>
    placed.fields[field]
      ? { "aria-describedby": `${id}-${field}-error`, "aria-invalid": true }
      : {};
  const noteRequired = open === "decline";
  const choices = agentChoices(agents ?? [], {
    ownerId: transfer.from.owner?.id ?? null,
    ownerRegion: agents?.find((a) => a.id === transfer.from.owner?.id)?.region ?? null,
    regionRule: kind?.region ?? "any",
  });

  return (
    <div className="transfer-actions">
      <div className="transfer-action-buttons">
        {[
          ...decisions.filter((d) => d !== "withdraw"),
          ...steps,
          ...decisions.filter((d) => d === "withdraw"),
        ].map((action) => (
          <button
            key={action}
            type="button"
            className={`btn btn-small ${action === "approve" || action === "accept" || action === "customer_notified" ? "btn-primary" : ""}`}
            aria-expanded={open === action}
            aria-controls={open === action ? `${id}-form` : undefined}
            onClick={() => toggle(action)}
          >
            {t(ACTION_LABELS[action].open)}
          </button>
        ))}
      </div>
      {open && (
        <form
          id={`${id}-form`}
          className="transfer-action-form"
          aria-label={t(ACTION_LABELS[open].submit)}
          onSubmit={(e) => {
            e.preventDefault();
            run.mutate(open);
          }}
        >
          {placed.general && (
            <p className="notice notice-error" role="alert">
              {placed.general}
              {placed.conflict && t("transferParts.theTransferIsReloadedCheck")}
            </p>
          )}
          {open === "approve" && canPick && (
            <div className="field">
              <label htmlFor={`${id}-assign`}>
                {t("transferParts.assignTo")}{" "}
                {mustPick && (
                  <span className="required">{t("transferParts.requiredNameWhoTakesIt")}</span>
                )}
              </label>
              <select
                id={`${id}-assign`}
                value={assignTo}
                required={mustPick}
                onChange={(e) => setAssignTo(e.target.value)}
                {...described("assignTo")}
              >
                <option value="">
                  {mustPick
                    ? t("transferParts.chooseWhoTakesTheCase")
                    : transfer.target.type === "agent"
                      ? t("transferParts.keepLabel", { label: transfer.target.label })
                      : t("transferParts.nobodyYetTheCaseGoes")}
                </option>
                {choices.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
              <span className="hint">{t("transferParts.asAnApproverWhoMay")}</span>
              {fieldError("assignTo")}
            </div>
          )}
          {(open === "customer_notified" ||
            open === "notes_updated" ||
            open === "handover_aligned") && (
            <div className="field-group">
              <div className="field">
                <label htmlFor={`${id}-how`}>
                  {t("transferParts.how")}{" "}
                  {open === "customer_notified" && (
                    <span className="required">{t("transferParts.required")}</span>
                  )}
                </label>
                <select
                  id={`${id}-how`}
                  value={how}
                  required={open === "customer_notified"}
                  onChange={(e) => setHow(e.target.value as CustomerNotifiedHow | "")}
                  {...described("how")}
                >
                  <option value="">{t("transferParts.choose")}</option>
                  {HOW_OPTIONS.map((o) => (
                    <option key={o.value} value={o.value}>
                      {t(o.label)}
                    </option>
                  ))}
                </select>
                {fieldError("how")}
              </div>
              <div className="field">
                <label htmlFor={`${id}-at`}>{t("transferParts.when")}</label>
                <input
                  id={`${id}-at`}
                  type="datetime-local"
                  value={at}
                  max={isoToLocal(new Date(Date.now() + 60_000))}
                  onChange={(e) => setAt(e.target.value)}
                  {...described("at")}
                />
                {fieldError("at")}
              </div>
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-note`}>
              {t("transferParts.note")}{" "}
              <span className="required">
                {noteRequired
                  ? t("transferParts.requiredSayWhy")
                  : open === "approve" || open === "reject"
                    ? t("transferParts.optionalLandsOnTheCase")
                    : t("transferParts.optional")}
              </span>
            </label>
            <textarea
              id={`${id}-note`}
              rows={2}
              value={note}
              required={noteRequired}
              onChange={(e) => setNote(e.target.value)}
              {...described("note")}
            />
            {fieldError("note")}
          </div>
          <div className="form-actions">
            <button type="button" className="btn btn-small" onClick={() => setOpen(null)}>
              {t("transferParts.cancel")}
            </button>
            <button
              type="submit"
              className={`btn btn-small ${open === "reject" || open === "decline" || open === "withdraw" ? "" : "btn-primary"}`}
              disabled={run.isPending}
            >
              {run.isPending ? t("transferParts.saving") : t(ACTION_LABELS[open].submit)}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

/** One transfer: where it goes and why, its steps done and to do, who it waits on, actions. */
export function TransferCard({
  transfer: tr,
  policy,
  agents,
  now,
  caseSubject,
  showCase = false,
}: {
  transfer: TransferView;
  policy: PolicyView | undefined;
  agents: Agent[] | undefined;
  now: Date;
  caseSubject?: string | undefined;
  showCase?: boolean;
}) {
  const { t } = useTranslation();
  const kind = policy?.transferKinds?.find((k) => k.code === tr.kind);
  const open = isOpenTransfer(tr.state);
  const waiting = waitingOn(tr, kind?.approverRoles ?? [], policy?.roles);
  return (
    <article className={`transfer-card ${open ? "is-open" : ""}`} data-transfer={tr.id}>
      <header className="transfer-card-header">
        {showCase && (
          <h3 className="transfer-card-case">
            <Link to={`/cases/${tr.caseNumber}`}>
              <span className="case-no">#{tr.caseNumber}</span> {caseSubject ?? ""}
            </Link>
          </h3>
        )}
        <span className="strong">{tr.kindName}</span>
        <TransferStateBadge state={tr.state} />
      </header>
      <dl className="transfer-facts">
        <div className="meta-row">
          <dt>{t("transferParts.from")}</dt>
          <dd>
            {tr.from.owner?.name ?? t("transferParts.unassigned")}{" "}
            <span className="muted">({labelIn(policy?.queues, tr.from.queue)})</span>
          </dd>
        </div>
        <div className="meta-row">
          <dt>{t("transferParts.to")}</dt>
          <dd className="transfer-target">{tr.target.label}</dd>
        </div>
        <div className="meta-row">
          <dt>{t("transferParts.reason")}</dt>
          <dd>
            {tr.reasonLabel}
            {tr.reasonText && <span className="muted"> — {tr.reasonText}</span>}
          </dd>
        </div>
        <div className="meta-row">
          <dt>{t("transferParts.requested")}</dt>
          <dd>
            {t("transferParts.byWho", { who: tr.requestedBy?.name ?? t("transferParts.someone") })},{" "}
            <time dateTime={tr.createdAt} title={dateTime(tr.createdAt)}>
              {relativeTime(tr.createdAt, now)}
            </time>
          </dd>
        </div>
        {waiting && (
          <div className="meta-row">
            <dt>{t("transferParts.waitingOn")}</dt>
            <dd className="transfer-waiting">
              <span className="strong">{waiting}</span>
              {tr.expiresAt && tr.state === "awaiting_acceptance" && (
                <span className="muted">
                  {t("transferParts.answerDue")}{" "}
                  <time dateTime={tr.expiresAt} title={dateTime(tr.expiresAt)}>
                    {relativeTime(tr.expiresAt, now)}
                  </time>
                </span>
              )}
            </dd>
          </div>
        )}
        {!open && tr.decidedBy && tr.decisionNote && (
          <div className="meta-row">
            <dt>{t("transferParts.decision")}</dt>
            <dd>
              {tr.decidedBy.name}: <span className="prewrap">{tr.decisionNote}</span>
            </dd>
          </div>
        )}
        {(tr.newPriority || tr.pin || tr.comment) && (
          <div className="meta-row">
            <dt>{t("transferParts.also")}</dt>
            <dd>
              {[
                tr.newPriority &&
                  t("transferParts.alsoPriority", {
                    priority: labelIn(policy?.priorities, tr.newPriority),
                  }),
                tr.pin &&
                  (tr.pinUntil
                    ? t("transferParts.pinnedUntil", { until: dateTime(tr.pinUntil) })
                    : t("transferParts.pinned")),
                tr.comment && t("transferParts.alsoComment", { comment: tr.comment }),
              ]
                .filter(Boolean)
                .join(" · ")}
            </dd>
          </div>
        )}
      </dl>
      <ol className="step-list" aria-label={t("transferParts.steps")}>
        {stepProgress(tr).map((s) => (
          <li
            key={s.step}
            className={`step ${s.done ? "is-done" : s.current ? "is-current" : "is-todo"}`}
          >
            <span
              className={`check-mark mark-${s.done ? "done" : s.current ? "current" : "todo"}`}
              aria-hidden="true"
            >
              {s.done ? "✓" : s.current ? "▸" : "○"}
            </span>
            <span>
              <span className="strong">{stepLabel(s.step)}</span>
              {s.done ? (
                <span className="muted">
                  {" "}
                  — {s.done.by?.name ?? t("transferParts.someone")},{" "}
                  <time dateTime={s.done.at} title={dateTime(s.done.at)}>
                    {relativeTime(s.done.at, now)}
                  </time>
                  {s.done.how && t("transferParts.byHow", { how: s.done.how })}
                  {s.done.note && `: ${s.done.note}`}
                </span>
              ) : s.current ? (
                <span className="muted"> {t("transferParts.next")}</span>
              ) : (
                <span className="visually-hidden"> {t("transferParts.toDo")}</span>
              )}
            </span>
          </li>
        ))}
        {tr.state === "completed" && (
          <li className="step is-done">
            <span className="check-mark mark-done" aria-hidden="true">
              ✓
            </span>
            <span>
              <span className="strong">{t("transferParts.reassigned")}</span>
              {tr.completedAt && (
                <span className="muted"> — {relativeTime(tr.completedAt, now)}</span>
              )}
            </span>
          </li>
        )}
      </ol>
      {tr.warnings.length > 0 && <GuardList findings={tr.warnings} />}
      {(tr.artifacts.handoverNote || tr.artifacts.dispatchSubject) && (
        <details className="transfer-details">
          <summary>{t("transferParts.handoverNoteAndArtifacts")}</summary>
          {tr.artifacts.handoverNote && (
            <pre className="note-preview">{tr.artifacts.handoverNote}</pre>
          )}
          <ArtifactList artifacts={tr.artifacts} />
        </details>
      )}
      {open && <TransferActions transfer={tr} policy={policy} agents={agents} />}
    </article>
  );
}
