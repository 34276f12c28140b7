// One scheduled customer call: when for our side and for the customer, with whom, where, and the
// buttons the server says the viewer may use (`actions`).

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { endpoints } from "../../api/endpoints.ts";
import { errorMessage } from "../../api/errors.ts";
import type { CallAction, CaseCall } from "../../api/types.ts";
import { callSpanIn, callZoneLabel } from "../../lib/calls.ts";
import { useToast } from "../Toasts.tsx";

const STATE: Record<CaseCall["state"], string> = {
  scheduled: "callCard.stateScheduled",
  held: "callCard.stateHeld",
  missed: "callCard.stateMissed",
  cancelled: "callCard.stateCancelled",
};

const DONE: Record<CallAction, string> = {
  hold: "callCard.doneHold",
  cancel: "callCard.doneCancel",
  reschedule: "callCard.doneReschedule",
};

export function CallCard({
  call,
  workspace,
  showCase = false,
  children,
}: {
  call: CaseCall;
  workspace: string;
  showCase?: boolean;
  /** Further controls (the case panel's "Reschedule"). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { notify } = useToast();
  const [error, setError] = useState<string | null>(null);
  const move = useMutation({
    mutationFn: (action: "hold" | "cancel") =>
      endpoints.moveCall(workspace, call.id, action, { version: call.version }),
    onSuccess: async (_saved, action) => {
      setError(null);
      notify(t(DONE[action]), "success");
      await Promise.all([
        client.invalidateQueries({ queryKey: ["case", call.case.number] }),
        client.invalidateQueries({ queryKey: ["cases", "calls"] }),
      ]);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const customer = call.zones.customer;
  return (
    <li
      className="call-card"
      aria-label={t("callCard.callWithAttendee", { attendee: call.attendee })}
    >
      <p>
        <span className={`badge badge-outline call-state-${call.state}`}>
          {t(STATE[call.state])}
        </span>{" "}
        <strong>{call.attendee}</strong>
        {showCase && (
          <>
            {" "}
            {t("callCard.onCase")}{" "}
            <Link to={`/cases/${call.case.number}`}>#{call.case.number}</Link> {call.case.subject}
          </>
        )}
      </p>
      <dl className="meta-grid">
        <div className="meta-row">
          <dt>{t("callCard.nameSTime", { name: call.runner.name })}</dt>
          <dd>
            {callSpanIn(call.startsAt, call.endsAt, call.zones.agent)}{" "}
            <span className="muted">({callZoneLabel(call.startsAt, call.zones.agent)})</span>
          </dd>
        </div>
        {customer && (
          <div className="meta-row">
            <dt>{t("callCard.customerSTime")}</dt>
            <dd>
              {callSpanIn(call.startsAt, call.endsAt, customer)}{" "}
              <span className="muted">({callZoneLabel(call.startsAt, customer)})</span>
            </dd>
          </div>
        )}
        {call.link && (
          <div className="meta-row">
            <dt>{t("callCard.link")}</dt>
            <dd>
              <a href={call.link} target="_blank" rel="noreferrer noopener">
                {call.link}
              </a>
            </dd>
          </div>
        )}
        {call.agenda && (
          <div className="meta-row">
            <dt>{t("callCard.agenda")}</dt>
            <dd className="prewrap">{call.agenda}</dd>
          </div>
        )}
      </dl>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        {call.actions.hold && (
          <button
            type="button"
            className="btn btn-small btn-primary"
            disabled={move.isPending}
            onClick={() => move.mutate("hold")}
          >
            {t("callCard.markHeld")}
          </button>
        )}
        {call.actions.cancel && (
          <button
            type="button"
            className="btn btn-small"
            disabled={move.isPending}
            onClick={() => move.mutate("cancel")}
          >
            {t("callCard.cancelCall")}
          </button>
        )}
        {children}
      </div>
    </li>
  );
}
