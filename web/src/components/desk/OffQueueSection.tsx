// Off queue for a few hours to clear a backlog (S4.6), asked of the shift lead where the
// workspace wants approval. An agent asks, withdraws or comes back early; an approver sees
// everyone's requests and approves or declines. What each may do comes from the server
// (`actions`, `viewer`); the section never works it out.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { endpoints } from "../../api/endpoints.ts";
import { errorMessage } from "../../api/errors.ts";
import { queryKeys } from "../../api/queryKeys.ts";
import type { OffQueueAction, OffQueueRequest } from "../../api/types.ts";
import { dateTime } from "../../lib/format.ts";
import { useToast } from "../Toasts.tsx";
import { DecidedBy, DeskMoves, DeskTable } from "./DeskParts.tsx";

const STATE: Record<OffQueueRequest["state"], string> = {
  pending: "offQueueSection.statePending",
  approved: "offQueueSection.stateApproved",
  declined: "offQueueSection.stateDeclined",
  withdrawn: "offQueueSection.stateWithdrawn",
  ended: "offQueueSection.stateEnded",
};

const BUTTON: Record<OffQueueAction, string> = {
  approve: "offQueueSection.approve",
  decline: "offQueueSection.decline",
  withdraw: "offQueueSection.withdraw",
  end: "offQueueSection.end",
};

/** Asking for time off queue: how long (up to the policy's limit) and what for. */
function AskForm({
  workspace,
  maxHours,
  needsApproval,
}: {
  workspace: string;
  maxHours: number;
  needsApproval: boolean;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { notify } = useToast();
  const hoursId = useId();
  const reasonId = useId();
  const [hours, setHours] = useState(Math.min(2, maxHours));
  const [reason, setReason] = useState("");
  const ask = useMutation({
    mutationFn: () => endpoints.requestOffQueue(workspace, { hours, reason }),
    onSuccess: async (made) => {
      setReason("");
      notify(
        made.state === "pending"
          ? t("offQueueSection.askedTheShiftLeadDecides")
          : t("offQueueSection.offQueueUntilDatetime", { dateTime: dateTime(made.until ?? "") }),
      );
      await client.invalidateQueries({ queryKey: queryKeys.offQueue(workspace) });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ask.mutate();
  };
  return (
    <form className="desk-ask" onSubmit={submit} aria-label={t("offQueueSection.goOffQueue")}>
      <h2>{t("offQueueSection.goOffQueue")}</h2>
      <p className="hint">
        {t("offQueueSection.forAFewHoursTo")}
        {needsApproval ? t("offQueueSection.inThisWorkspaceTheShift") : ""}
      </p>
      <div className="field-inline">
        <label htmlFor={hoursId}>{t("offQueueSection.hours")}</label>
        <select id={hoursId} value={hours} onChange={(e) => setHours(Number(e.target.value))}>
          {Array.from({ length: maxHours }, (_, i) => i + 1).map((h) => (
            <option key={h} value={h}>
              {h}
            </option>
          ))}
        </select>
        <label htmlFor={reasonId}>{t("offQueueSection.whatFor")}</label>
        <input
          id={reasonId}
          value={reason}
          maxLength={300}
          required
          placeholder={t("offQueueSection.clearMyBacklog")}
          onChange={(e) => {
            ask.reset();
            setReason(e.target.value);
          }}
        />
        <button
          type="submit"
          className="btn btn-primary"
          disabled={ask.isPending || !reason.trim()}
        >
          {needsApproval ? t("offQueueSection.askTheShiftLead") : t("offQueueSection.goOffQueue")}
        </button>
      </div>
      {ask.isError && (
        <p role="alert" className="field-error">
          {errorMessage(ask.error)}
        </p>
      )}
    </form>
  );
}

/** One request with the moves the viewer may make; an approver may add a note to a decision. */
function RequestRow({ workspace, r }: { workspace: string; r: OffQueueRequest }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { notify } = useToast();
  const [note, setNote] = useState("");
  const move = useMutation({
    mutationFn: (action: OffQueueAction) =>
      endpoints.moveOffQueue(workspace, r.id, action, {
        version: r.version,
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: (moved) =>
      notify(t("offQueueSection.moved", { name: moved.agent.name, state: t(STATE[moved.state]) })),
    onError: (error) => notify(errorMessage(error), "error"),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.offQueue(workspace) }),
  });
  return (
    <tr data-state={r.state}>
      <td>{r.agent.name}</td>
      <td>
        {t("offQueueSection.hours", { count: r.hours })}
        <span className="hint"> — {r.reason}</span>
      </td>
      <td>
        {t(STATE[r.state])}
        {r.state === "approved" && r.until && (
          <span className="hint">
            {" "}
            {t("offQueueSection.untilDatetime", { dateTime: dateTime(r.until) })}
          </span>
        )}
        <DecidedBy r={r} />
      </td>
      <td>
        <DeskMoves
          labels={BUTTON}
          actions={r.actions}
          note={{
            shown: r.actions.approve || r.actions.decline,
            label: t("offQueueSection.noteLabel", { name: r.agent.name }),
            placeholder: t("offQueueSection.notePlaceholder"),
            maxLength: 500,
            value: note,
            onChange: setNote,
          }}
          busy={move.isPending}
          onMove={(a) => move.mutate(a)}
        />
      </td>
    </tr>
  );
}

/** The off-queue part of the desk: the ask form for those who may ask, and every request seen. */
export function OffQueueSection({ workspace }: { workspace: string }) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: queryKeys.offQueue(workspace),
    queryFn: ({ signal }) => endpoints.offQueueRequests(workspace, signal),
  });
  const items = list.data?.items ?? [];
  const viewer = list.data?.viewer;
  return (
    <>
      {list.isPending && <p>{t("offQueueSection.loadingOffQueueRequests")}</p>}
      {list.isError && (
        <p role="alert" className="error-text">
          {errorMessage(list.error)}
        </p>
      )}
      {viewer?.mayAsk && (
        <AskForm
          workspace={workspace}
          maxHours={viewer.maxHours}
          needsApproval={viewer.needsApproval}
        />
      )}
      {list.data && (
        <section aria-label={t("offQueueSection.offQueueRequests")}>
          <h2>{t("offQueueSection.offQueueRequests")}</h2>
          {items.length === 0 ? (
            <p className="empty">{t("offQueueSection.noRequestsYet")}</p>
          ) : (
            <DeskTable
              columns={["offQueueSection.agent", "offQueueSection.for", "offQueueSection.state"]}
            >
              {items.map((r) => (
                <RequestRow key={r.id} workspace={workspace} r={r} />
              ))}
            </DeskTable>
          )}
        </section>
      )}
    </>
  );
}
