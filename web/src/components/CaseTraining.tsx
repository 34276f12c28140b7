// "Training and sessions" on a case (S4.12): record what a customer or the success team asked
// for, and take up or withdraw a request where the server says the viewer may. A long training
// is decided on the desk; this panel only says it waits there.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage, fieldErrorMap } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { RecordTrainingBody, TrainingAction, TrainingRequest } from "../api/types.ts";
import { dateTime } from "../lib/format.ts";
import { ASKED_BY, sessionText, TRAINING_BUTTON, trainingStatus } from "../lib/training.ts";
import { browserZone, zonedToInstant } from "../lib/zonedTime.ts";
import { deskHref } from "../pages/DeskPage.tsx";
import { useToast } from "./Toasts.tsx";

const CASE_ACTIONS: TrainingAction[] = ["accept", "withdraw"];

function RecordForm({ caseNumber, limit }: { caseNumber: number; limit: number }) {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const { notify } = useToast();
  const [askedBy, setAskedBy] = useState<RecordTrainingBody["askedBy"]>("customer");
  const [kind, setKind] = useState<RecordTrainingBody["kind"]>("technical");
  const [topic, setTopic] = useState("");
  const [minutes, setMinutes] = useState("30");
  const [wanted, setWanted] = useState("");
  const record = useMutation({
    mutationFn: () => {
      const at = wanted ? zonedToInstant(wanted, browserZone()) : null;
      return endpoints.recordTraining(caseNumber, {
        askedBy,
        kind,
        topic,
        minutes: Number(minutes),
        ...(at ? { wantedAt: at.iso } : {}),
      });
    },
    onSuccess: async (made) => {
      setTopic("");
      setWanted("");
      notify(
        made.needsLead
          ? t("caseTraining.recordedItWaitsForThe")
          : t("caseTraining.recordedTakeItUpWhen"),
      );
      await client.invalidateQueries({ queryKey: queryKeys.caseTraining(caseNumber) });
    },
  });
  const errors = fieldErrorMap(record.error);
  const general =
    record.error && Object.keys(errors).length === 0 ? errorMessage(record.error) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.mutate();
  };
  const field = (name: string) =>
    errors[name] ? <p className="field-error">{errors[name]}</p> : null;
  return (
    <form
      className="training-form"
      onSubmit={submit}
      aria-label={t("caseTraining.recordASessionRequest")}
    >
      <p className="hint">{t("caseTraining.upToLimitMinutesAnyone", { limit })}</p>
      <div className="field-inline">
        <label htmlFor={`${id}-by`}>{t("caseTraining.askedBy")}</label>
        <select
          id={`${id}-by`}
          value={askedBy}
          onChange={(e) => setAskedBy(e.target.value as RecordTrainingBody["askedBy"])}
        >
          <option value="customer">{t("caseTraining.customer")}</option>
          <option value="success">{t("caseTraining.successTeam")}</option>
        </select>
        <label htmlFor={`${id}-kind`}>{t("caseTraining.kind")}</label>
        <select
          id={`${id}-kind`}
          value={kind}
          onChange={(e) => setKind(e.target.value as RecordTrainingBody["kind"])}
        >
          <option value="technical">{t("caseTraining.technicalSession")}</option>
          <option value="training">{t("caseTraining.training")}</option>
        </select>
        <label htmlFor={`${id}-minutes`}>{t("caseTraining.minutes")}</label>
        <input
          id={`${id}-minutes`}
          type="number"
          min={5}
          max={480}
          step={5}
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
        />
      </div>
      {field("minutes")}
      <label htmlFor={`${id}-topic`}>{t("caseTraining.topic")}</label>
      <input
        id={`${id}-topic`}
        value={topic}
        maxLength={300}
        required
        onChange={(e) => setTopic(e.target.value)}
      />
      {field("topic")}
      <label htmlFor={`${id}-when`}>{t("caseTraining.wantedAtOptionalYourTime")}</label>
      <input
        id={`${id}-when`}
        type="datetime-local"
        value={wanted}
        onChange={(e) => setWanted(e.target.value)}
      />
      {field("wantedAt")}
      {general && (
        <p role="alert" className="field-error">
          {general}
        </p>
      )}
      <div>
        <button
          type="submit"
          className="btn btn-primary"
          disabled={record.isPending || !topic.trim()}
        >
          {t("caseTraining.recordRequest")}
        </button>
      </div>
    </form>
  );
}

function RequestItem({ r, workspace }: { r: TrainingRequest; workspace: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { notify } = useToast();
  const move = useMutation({
    mutationFn: (action: TrainingAction) =>
      endpoints.moveTraining(workspace, r.id, action, { version: r.version }),
    onSuccess: (moved) =>
      notify(
        t("caseTraining.moved", { session: sessionText(moved), status: trainingStatus(moved) }),
      ),
    onError: (error) => notify(errorMessage(error), "error"),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.caseTraining(r.case.number) }),
  });
  const deciding = r.actions.approve || r.actions.decline;
  return (
    <li data-state={r.state}>
      <strong>{sessionText(r)}</strong> — {r.topic}
      <span className="hint">
        {t("caseTraining.askedBy2")} {t(ASKED_BY[r.askedBy])}
        {r.wantedAt ? t("caseTraining.wantedDatetime", { dateTime: dateTime(r.wantedAt) }) : ""}
        {t("caseTraining.recordedByName", { name: r.recordedBy.name })}
      </span>
      <div>{trainingStatus(r)}</div>
      <div className="btn-row">
        {CASE_ACTIONS.filter((a) => r.actions[a]).map((a) => (
          <button
            key={a}
            type="button"
            className={`btn btn-small ${a === "accept" ? "btn-primary" : ""}`}
            disabled={move.isPending}
            onClick={() => move.mutate(a)}
          >
            {t(TRAINING_BUTTON[a])}
          </button>
        ))}
        {deciding && (
          <Link className="btn btn-small" to={deskHref(workspace)}>
            {t("caseTraining.decideOnTheDesk")}
          </Link>
        )}
      </div>
    </li>
  );
}

export function CaseTraining({ caseNumber, workspace }: { caseNumber: number; workspace: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const list = useQuery({
    queryKey: queryKeys.caseTraining(caseNumber),
    queryFn: ({ signal }) => endpoints.caseTraining(caseNumber, signal),
  });
  const items = list.data?.items ?? [];
  const viewer = list.data?.viewer;
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {t("caseTraining.trainingAndSessions")}
      </h2>
      {list.isError && (
        <p role="alert" className="error-text">
          {errorMessage(list.error)}
        </p>
      )}
      {items.length > 0 && (
        <ul className="training-list" aria-label={t("caseTraining.sessionRequests")}>
          {items.map((r) => (
            <RequestItem key={r.id} r={r} workspace={workspace} />
          ))}
        </ul>
      )}
      {viewer?.mayRecord && (
        <details>
          <summary>{t("caseTraining.recordASessionRequest")}</summary>
          <RecordForm caseNumber={caseNumber} limit={viewer.agentMayAcceptUpToMinutes} />
        </details>
      )}
    </section>
  );
}
