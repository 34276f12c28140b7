// Development on a case (seed 002, S2.5): once triage hands it on, development's stage shows
// here with who stays the customer's owner; development moves the stage (the owner and, where
// the policy says, the customer are told); anyone who may change the case links its tracker
// issue, which the tracker's webhook then updates.

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage, fieldErrorMap } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { CaseDetail } from "../api/types.ts";
import { dateTime } from "../lib/format.ts";
import { useToast } from "./Toasts.tsx";

export function DevelopmentPanel({
  caseData: c,
  mayEdit,
  onSaved,
}: {
  caseData: CaseDetail;
  mayEdit: boolean;
  onSaved: (saved: { version: number }) => void;
}) {
  const { t } = useTranslation();
  const dev = c.development;
  if (!dev && !c.trackerUrl && !mayEdit) return null;
  return (
    <section className="panel" aria-labelledby="development-title">
      <h2 id="development-title" className="section-title">
        {t("developmentPanel.development")}
      </h2>
      {dev ? (
        <>
          <p data-testid="development-stage">
            <strong>{dev.stage.name}</strong>{" "}
            {t("developmentPanel.sinceDatetime", { dateTime: dateTime(dev.since) })}
            {dev.active ? "" : t("developmentPanel.theCaseHasLeftDevelopment")}
          </p>
          <p className="small">
            {t("developmentPanel.customerSOwner")}{" "}
            <strong>{dev.supportOwner?.name ?? t("developmentPanel.nobodyRecorded")}</strong>{" "}
            {t("developmentPanel.theyKeepAnsweringTheCustomer")}
          </p>
          <StageHistory history={dev.history} />
          {dev.maySetStage && <StageForm c={c} />}
        </>
      ) : (
        <p className="muted small">{t("developmentPanel.notWithDevelopmentProductIssues")}</p>
      )}
      <TrackerLink c={c} mayEdit={mayEdit} onSaved={onSaved} />
    </section>
  );
}

type Step = NonNullable<CaseDetail["development"]>["history"][number];

/** Each stage the case reached, newest first: when, who moved it (or the tracker), and the note. */
function StageHistory({ history }: { history: Step[] }) {
  const { t } = useTranslation();
  if (history.length === 0) return null;
  return (
    <details className="small">
      <summary>{t("developmentPanel.stageHistoryLength", { length: history.length })}</summary>
      <ol aria-label={t("developmentPanel.developmentHistory")} className="step-list">
        {[...history].reverse().map((h) => (
          <li key={`${h.at}-${h.stage.code}`}>
            <strong>{h.stage.name}</strong> — {dateTime(h.at)}, {h.by}
            {h.note && <span className="muted">: {h.note}</span>}
          </li>
        ))}
      </ol>
    </details>
  );
}

function StageForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const { notify } = useToast();
  const dev = c.development;
  const [stage, setStage] = useState(dev?.stage.code ?? "");
  const [note, setNote] = useState("");
  const move = useMutation({
    mutationFn: () =>
      endpoints.setDevelopmentStage(c.number, {
        version: dev?.version ?? 0,
        stage,
        ...(note.trim() ? { note } : {}),
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: queryKeys.caseDetail(c.number) });
      await client.invalidateQueries({ queryKey: queryKeys.timeline(c.number) });
      setNote("");
      notify(t("developmentPanel.developmentStageSavedTheCustomer"), "success");
    },
  });
  const errors = move.error ? fieldErrorMap(move.error) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    move.mutate();
  };
  const chosen = dev?.stages.find((s) => s.code === stage);
  return (
    <form
      onSubmit={submit}
      aria-label={t("developmentPanel.developmentStage")}
      className="form-row"
    >
      <div className="field">
        <label htmlFor={`${id}-stage`}>{t("developmentPanel.stage")}</label>
        <select id={`${id}-stage`} value={stage} onChange={(e) => setStage(e.target.value)}>
          {(dev?.stages ?? []).map((s) => (
            <option key={s.code} value={s.code}>
              {s.name}
            </option>
          ))}
        </select>
        {errors.stage && <p className="field-error">{errors.stage}</p>}
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t("developmentPanel.noteForTheOwner")}</label>
        <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <p className="muted small">
        {chosen?.tellCustomer
          ? t("developmentPanel.theCustomerIsToldOf")
          : t("developmentPanel.theCustomerIsNotTold")}
      </p>
      {move.isError && Object.keys(errors).length === 0 && (
        <p role="alert" className="field-error">
          {errorMessage(move.error)}
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={move.isPending || stage === dev?.stage.code}
        >
          {t("developmentPanel.setStage")}
        </button>
      </div>
    </form>
  );
}

function TrackerLink({
  c,
  mayEdit,
  onSaved,
}: {
  c: CaseDetail;
  mayEdit: boolean;
  onSaved: (saved: { version: number }) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [url, setUrl] = useState(c.trackerUrl ?? "");
  const save = useMutation({
    mutationFn: () =>
      endpoints.updateCase(c.number, { version: c.version, trackerUrl: url.trim() || null }),
    onSuccess: async (saved) => {
      onSaved(saved);
      await client.invalidateQueries({ queryKey: queryKeys.caseDetail(c.number) });
      setEditing(false);
    },
  });
  const errors = save.error ? fieldErrorMap(save.error) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  if (!editing)
    return (
      <p className="small">
        {t("developmentPanel.trackerIssue")}{" "}
        {c.trackerUrl ? (
          <a href={c.trackerUrl} target="_blank" rel="noopener noreferrer">
            {c.trackerUrl}
          </a>
        ) : (
          <span className="muted">{t("developmentPanel.noneLinked")}</span>
        )}{" "}
        {mayEdit && (
          <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
            {c.trackerUrl ? t("developmentPanel.change") : t("developmentPanel.linkAnIssue")}
          </button>
        )}
      </p>
    );
  return (
    <form onSubmit={submit} aria-label={t("developmentPanel.trackerIssue2")} className="form-row">
      <div className="field">
        <label htmlFor={`${id}-url`}>{t("developmentPanel.trackerIssueAddress")}</label>
        <input
          id={`${id}-url`}
          type="url"
          value={url}
          placeholder="https://tracker.example.com/issues/123"
          onChange={(e) => setUrl(e.target.value)}
        />
        {errors.trackerUrl && <p className="field-error">{errors.trackerUrl}</p>}
      </div>
      {save.isError && Object.keys(errors).length === 0 && (
        <p role="alert" className="field-error">
          {errorMessage(save.error)}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => setEditing(false)}>
          {t("developmentPanel.cancel")}
        </button>
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t("developmentPanel.save")}
        </button>
      </div>
    </form>
  );
}
