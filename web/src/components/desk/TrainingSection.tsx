// Sessions asked of support (S4.12) on the shift lead's desk: waiting ones first, with what the
// seed says to weigh (which customer, which plan, critical or not, the case's severity, how long,
// who asked). An approver approves, picking who runs it, or declines saying why; what each may do
// comes from the server (`actions`).

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { endpoints } from "../../api/endpoints.ts";
import { errorMessage } from "../../api/errors.ts";
import { queryKeys } from "../../api/queryKeys.ts";
import type { TrainingAction, TrainingRequest } from "../../api/types.ts";
import { useAgents } from "../../hooks/workspace.ts";
import { dateTime } from "../../lib/format.ts";
import { ASKED_BY, sessionText, TRAINING_BUTTON, trainingStatus } from "../../lib/training.ts";
import { useToast } from "../Toasts.tsx";

const ORDER: TrainingAction[] = ["approve", "decline", "accept", "withdraw"];

/** The runner picker: the case's owner first (the default), then everyone else. */
function RunnerPick({
  workspace,
  r,
  value,
  onChange,
}: {
  workspace: string;
  r: TrainingRequest;
  value: string;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const agents = useAgents(workspace).data ?? [];
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        {t("trainingSection.whoRunsIt")}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">
          {r.case.owner
            ? t("trainingSection.caseOwnerName", { name: r.case.owner.name })
            : t("trainingSection.meTheCaseHasNo")}
        </option>
        {agents
          .filter((a) => a.id !== r.case.owner?.id)
          .map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
      </select>
    </>
  );
}

function RequestRow({ workspace, r }: { workspace: string; r: TrainingRequest }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { notify } = useToast();
  const noteId = useId();
  const [note, setNote] = useState("");
  const [runnerId, setRunnerId] = useState("");
  const move = useMutation({
    mutationFn: (action: TrainingAction) =>
      endpoints.moveTraining(workspace, r.id, action, {
        version: r.version,
        ...(note.trim() && (action === "approve" || action === "decline")
          ? { note: note.trim() }
          : {}),
        ...(runnerId && action === "approve" ? { runnerId } : {}),
      }),
    onSuccess: (moved) =>
      notify(
        t("trainingSection.caseNumberTrainingstatus", {
          number: moved.case.number,
          trainingStatus: trainingStatus(moved),
        }),
      ),
    onError: (error) => notify(errorMessage(error), "error"),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.trainingDesk(workspace) }),
  });
  const deciding = r.actions.approve || r.actions.decline;
  return (
    <tr data-state={r.state}>
      <td>
        <Link to={`/cases/${r.case.number}`}>{r.case.number}</Link>
        <span className="hint"> {r.case.subject}</span>
      </td>
      <td>
        <div className="training-factors">
          <span>{r.customer?.name ?? t("trainingSection.noCustomer")}</span>
          {r.case.plan && (
            <span className="badge badge-gray">
              {t("trainingSection.planPlan", { plan: r.case.plan })}
            </span>
          )}
          {r.customer?.critical ? (
            <span className="badge badge-red">{t("trainingSection.criticalCustomer")}</span>
          ) : (
            <span className="hint">{t("trainingSection.notCritical")}</span>
          )}
          <span className="badge badge-gray">
            {t("trainingSection.severitySeverity", { severity: r.case.severity })}
          </span>
        </div>
      </td>
      <td>
        <strong>{sessionText(r)}</strong> — {r.topic}
        <div className="hint">
          {t("trainingSection.askedBy")} {t(ASKED_BY[r.askedBy])}
          {r.wantedAt
            ? t("trainingSection.wantedDatetime", { dateTime: dateTime(r.wantedAt) })
            : ""}
          {t("trainingSection.recordedByName", { name: r.recordedBy.name })}
        </div>
      </td>
      <td>{trainingStatus(r)}</td>
      <td>
        <div className="btn-row">
          {r.actions.approve && (
            <RunnerPick workspace={workspace} r={r} value={runnerId} onChange={setRunnerId} />
          )}
          {deciding && (
            <>
              <label htmlFor={noteId} className="visually-hidden">
                {t("trainingSection.noteOnTheCaseWhen")}
              </label>
              <input
                id={noteId}
                value={note}
                maxLength={2000}
                placeholder={t("trainingSection.note")}
                onChange={(e) => setNote(e.target.value)}
              />
            </>
          )}
          {ORDER.filter((a) => r.actions[a]).map((a) => (
            <button
              key={a}
              type="button"
              className={`btn btn-small ${a === "approve" ? "btn-primary" : ""}`}
              disabled={move.isPending}
              onClick={() => move.mutate(a)}
            >
              {t(TRAINING_BUTTON[a])}
            </button>
          ))}
        </div>
      </td>
    </tr>
  );
}

/** The sessions part of the desk: every request for an approver, one's own for anyone else. */
export function TrainingSection({ workspace }: { workspace: string }) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: queryKeys.trainingDesk(workspace),
    queryFn: ({ signal }) => endpoints.trainingDesk(workspace, signal),
  });
  const items = list.data?.items ?? [];
  return (
    <section aria-label={t("trainingSection.trainingAndSessions")}>
      <h2>{t("trainingSection.trainingAndSessions")}</h2>
      <p className="hint">
        {t("trainingSection.askedForOnACase")} {list.data?.viewer.agentMayAcceptUpToMinutes ?? 30}{" "}
        {t("trainingSection.minutesAnAgentTakesIt")}
      </p>
      {list.isPending && <p>{t("trainingSection.loadingSessionRequests")}</p>}
      {list.isError && (
        <p role="alert" className="error-text">
          {errorMessage(list.error)}
        </p>
      )}
      {list.data &&
        (items.length === 0 ? (
          <p className="empty">{t("trainingSection.noSessionRequests")}</p>
        ) : (
          <div className="table-wrap">
            <table className="case-table desk-table">
              <thead>
                <tr>
                  <th scope="col">{t("trainingSection.case")}</th>
                  <th scope="col">{t("trainingSection.customer")}</th>
                  <th scope="col">{t("trainingSection.session")}</th>
                  <th scope="col">{t("trainingSection.state")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("trainingSection.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <RequestRow key={r.id} workspace={workspace} r={r} />
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
