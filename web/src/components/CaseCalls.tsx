// S4.3 "attend all customer calls on time": the case's scheduled customer calls, and scheduling,
// moving, cancelling or logging one as held. What the viewer may do comes from the server.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { CaseCall, CaseDetail } from "../api/types.ts";
import { CallCard } from "./calls/CallCard.tsx";
import { type CallTime, CallTimeFields } from "./calls/CallTimeForm.tsx";
import { useToast } from "./Toasts.tsx";

function useRefreshCalls(number: number) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.caseCalls(number) }),
      client.invalidateQueries({ queryKey: ["cases", "calls"] }),
    ]);
}

function ScheduleForm({ c, customerZone }: { c: CaseDetail; customerZone: string | null }) {
  const { t } = useTranslation();
  const id = useId();
  const refresh = useRefreshCalls(c.number);
  const { notify } = useToast();
  const [time, setTime] = useState<CallTime | null>(null);
  const [attendee, setAttendee] = useState(c.contact?.name ?? "");
  const [link, setLink] = useState("");
  const [agenda, setAgenda] = useState("");
  const [formKey, setFormKey] = useState(0);
  const schedule = useMutation({
    mutationFn: (t: CallTime) =>
      endpoints.scheduleCall(c.number, {
        ...t,
        attendee,
        ...(link.trim() ? { link: link.trim() } : {}),
        ...(agenda.trim() ? { agenda } : {}),
      }),
    onSuccess: async () => {
      notify(t("caseCalls.callScheduled"), "success");
      setAgenda("");
      setLink("");
      setTime(null);
      setFormKey((k) => k + 1);
      await refresh();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (time) schedule.mutate(time);
  };
  return (
    <form className="stack" aria-label={t("caseCalls.scheduleACall")} onSubmit={submit}>
      {schedule.error && (
        <p className="notice notice-error" role="alert">
          {errorMessage(schedule.error)}
        </p>
      )}
      <CallTimeFields key={formKey} customerZone={customerZone} onChange={setTime} />
      <div className="field">
        <label htmlFor={`${id}-who`}>{t("caseCalls.attendeeCustomerSide")}</label>
        <input
          id={`${id}-who`}
          value={attendee}
          required
          maxLength={200}
          onChange={(e) => setAttendee(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-link`}>{t("caseCalls.meetingLinkOptional")}</label>
        <input
          id={`${id}-link`}
          type="url"
          value={link}
          placeholder="https://"
          onChange={(e) => setLink(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-agenda`}>{t("caseCalls.agendaOptional")}</label>
        <textarea
          id={`${id}-agenda`}
          rows={2}
          value={agenda}
          onChange={(e) => setAgenda(e.target.value)}
        />
      </div>
      <div className="form-actions">
        <button
          type="submit"
          className="btn btn-primary btn-small"
          disabled={!time || schedule.isPending}
        >
          {schedule.isPending ? t("caseCalls.scheduling") : t("caseCalls.scheduleCall")}
        </button>
      </div>
    </form>
  );
}

function Reschedule({
  call,
  workspace,
  customerZone,
}: {
  call: CaseCall;
  workspace: string;
  customerZone: string | null;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [time, setTime] = useState<CallTime | null>(null);
  const refresh = useRefreshCalls(call.case.number);
  const { notify } = useToast();
  const move = useMutation({
    mutationFn: (t: CallTime) =>
      endpoints.moveCall(workspace, call.id, "reschedule", { version: call.version, ...t }),
    onSuccess: async () => {
      notify(t("caseCalls.callMoved"), "success");
      setOpen(false);
      await refresh();
    },
  });
  if (!open)
    return (
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
        {t("caseCalls.reschedule")}
      </button>
    );
  return (
    <form
      className="stack"
      aria-label={t("caseCalls.rescheduleTheCall")}
      onSubmit={(e) => {
        e.preventDefault();
        if (time) move.mutate(time);
      }}
    >
      {move.error && (
        <p className="notice notice-error" role="alert">
          {errorMessage(move.error)}
        </p>
      )}
      <CallTimeFields
        customerZone={customerZone}
        onChange={setTime}
        initialDuration={call.durationMinutes}
      />
      <div className="form-actions">
        <button type="button" className="btn btn-small" onClick={() => setOpen(false)}>
          {t("caseCalls.keepTheTime")}
        </button>
        <button
          type="submit"
          className="btn btn-small btn-primary"
          disabled={!time || move.isPending}
        >
          {t("caseCalls.moveCall")}
        </button>
      </div>
    </form>
  );
}

export function CaseCalls({ caseData: c }: { caseData: CaseDetail }) {
  const { t } = useTranslation();
  const titleId = useId();
  const calls = useQuery({
    queryKey: queryKeys.caseCalls(c.number),
    queryFn: ({ signal }) => endpoints.caseCalls(c.number, signal),
  });
  const customerZone = c.contact?.timeZone ?? c.customer?.timeZone ?? null;
  const items = calls.data?.items ?? [];
  return (
    <section className="panel case-calls" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {t("caseCalls.calls")}
      </h2>
      {calls.isError ? (
        <p className="field-error">
          {t("caseCalls.couldNotLoadTheCalls", { errorMessage: errorMessage(calls.error) })}
        </p>
      ) : calls.isPending ? (
        <p className="muted">{t("caseCalls.loading")}</p>
      ) : items.length === 0 ? (
        <p className="muted">{t("caseCalls.noCallScheduled")}</p>
      ) : (
        <ul className="plain-list">
          {items.map((call) => (
            <CallCard key={call.id} call={call} workspace={c.workspace}>
              {call.actions.reschedule && (
                <Reschedule call={call} workspace={c.workspace} customerZone={customerZone} />
              )}
            </CallCard>
          ))}
        </ul>
      )}
      {calls.data?.maySchedule && (
        <details>
          <summary>{t("caseCalls.scheduleACall")}</summary>
          <ScheduleForm c={c} customerZone={customerZone} />
        </details>
      )}
    </section>
  );
}
