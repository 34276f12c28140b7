// One project task (seed 002): its numbers, the case its roadblock became, its activity, and
// what the viewer may do — log a quick call or a note (S2.1), open a case from the roadblock
// (S2.2, S2.4), or, for the PM, schedule a draft follow-up.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage, fieldErrorMap } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { TaskDetail } from "../api/types.ts";
import { OpenCaseDialog } from "../components/projects/OpenCaseDialog.tsx";
import { useToast } from "../components/Toasts.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { useAgents, usePolicy } from "../hooks/workspace.ts";
import { statusLabel } from "../lib/caseStatus.ts";
import { dateTime } from "../lib/format.ts";
import { taskNoteText } from "../lib/taskNotes.ts";
import { hours, projectHref, taskHref, taskStatusLabel } from "../lib/taskTime.ts";

export function TaskPage() {
  const { t } = useTranslation();
  const number = Number(useParams().number);
  const task = useQuery({
    queryKey: queryKeys.task(number),
    queryFn: () => endpoints.task(number),
  });
  const item = task.data;
  useDocumentTitle(item ? `${item.ref} ${item.title}` : t("taskPage.task"));
  const policy = usePolicy(item?.workspace);
  const [opening, setOpening] = useState(false);
  if (task.isError)
    return (
      <div className="page">
        <p className="notice notice-error" role="alert">
          {t("taskPage.couldNotLoadTaskT", { number, errorMessage: errorMessage(task.error) })}
        </p>
      </div>
    );
  if (!item) return <p className="muted page">{t("taskPage.loading")}</p>;
  return (
    <div className="page task-page">
      <p className="small">
        <Link to={projectHref(item.workspace, item.project.code)}>{item.project.name}</Link>
      </p>
      <h1 tabIndex={-1} className="page-title">
        {item.ref} {item.title}
      </h1>
      <dl className="task-facts">
        <dt>{t("taskPage.status")}</dt>
        <dd data-testid="task-status">{taskStatusLabel(item.status)}</dd>
        <dt>{t("taskPage.assignee")}</dt>
        <dd>{item.assignee?.name ?? t("taskPage.nobodyYet")}</dd>
        <dt>{t("taskPage.projectManager")}</dt>
        <dd>{item.manager.name}</dd>
        <dt>{t("taskPage.timeDelivered")}</dt>
        <dd>{hours(item.minutesDelivered)}</dd>
        <dt>{t("taskPage.estimate")}</dt>
        <dd>{hours(item.estimateMinutes)}</dd>
        <dt>{t("taskPage.due")}</dt>
        <dd>{item.dueOn ?? "—"}</dd>
        {item.case && (
          <>
            <dt>{t("taskPage.case")}</dt>
            <dd>
              <Link to={`/cases/${item.case.number}`}>
                #{item.case.number} {item.case.subject}
              </Link>{" "}
              ({statusLabel(item.case.status, policy.data?.statusLabels)})
            </dd>
            <dt>{t("taskPage.toFinish")}</dt>
            <dd>
              {hours(item.minutesToFinish)}
              {item.finishOn ? t("taskPage.byFinishon", { finishOn: item.finishOn }) : ""}
            </dd>
          </>
        )}
        {item.follows && (
          <>
            <dt>{t("taskPage.continues")}</dt>
            <dd>
              <Link to={taskHref(item.follows)}>T-{item.follows}</Link>
            </dd>
          </>
        )}
        {item.followUp && (
          <>
            <dt>{t("taskPage.followUp")}</dt>
            <dd>
              <Link to={taskHref(item.followUp)}>T-{item.followUp}</Link>
            </dd>
          </>
        )}
        {item.scheduledOn && (
          <>
            <dt>{t("taskPage.scheduled")}</dt>
            <dd>{item.scheduledOn}</dd>
          </>
        )}
      </dl>
      {item.description && <p className="task-description">{item.description}</p>}
      {item.can.openCase && (
        <p>
          <button type="button" className="btn btn-primary" onClick={() => setOpening(true)}>
            {t("taskPage.openACaseFromThis")}
          </button>
        </p>
      )}
      {opening && (
        <OpenCaseDialog task={item} policy={policy.data} open onClose={() => setOpening(false)} />
      )}
      {item.can.schedule && <ScheduleForm task={item} />}
      {item.can.note && <TaskNoteForm task={item} />}
      <section aria-labelledby="task-activity">
        <h2 id="task-activity">{t("taskPage.activity")}</h2>
        {item.activity.length === 0 ? (
          <p className="muted">{t("taskPage.nothingYet")}</p>
        ) : (
          <ol className="plain-list task-activity">
            {item.activity.map((a) => (
              <li key={a.id} className={`card task-note task-note-${a.kind}`}>
                <p className="small muted">
                  {a.kind === "call"
                    ? t("taskPage.callWithWithwhomHours", {
                        withWhom: a.call?.withWhom,
                        hours: hours(a.call?.minutes ?? 0),
                      })
                    : a.kind === "system"
                      ? t("taskPage.baton")
                      : t("taskPage.note")}{" "}
                  · {a.author?.name ?? t("taskPage.baton")} · {dateTime(a.createdAt)}
                </p>
                <p className="pre-wrap">{taskNoteText(a)}</p>
                {a.caseNumber && (
                  <Link to={`/cases/${a.caseNumber}`}>
                    {t("taskPage.caseCasenumber", { caseNumber: a.caseNumber })}
                  </Link>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function TaskNoteForm({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const [kind, setKind] = useState<"note" | "call">("note");
  const [body, setBody] = useState("");
  const [withWhom, setWithWhom] = useState("");
  const [minutes, setMinutes] = useState("15");
  const add = useMutation({
    mutationFn: () =>
      endpoints.addTaskNote(
        task.number,
        kind === "call" ? { kind, body, withWhom, minutes: Number(minutes) } : { kind, body },
      ),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: queryKeys.task(task.number) });
      setBody("");
      setWithWhom("");
    },
  });
  const errors = add.error ? fieldErrorMap(add.error) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>
        {kind === "call" ? t("taskPage.logAQuickCall") : t("taskPage.addANote")}
      </h2>
      <form onSubmit={submit} aria-label={t("taskPage.taskNote")}>
        <fieldset className="field">
          <legend className="visually-hidden">{t("taskPage.whatToRecord")}</legend>
          <label className="radio">
            <input
              type="radio"
              name={`${id}-kind`}
              checked={kind === "note"}
              onChange={() => setKind("note")}
            />{" "}
            {t("taskPage.note")}
          </label>{" "}
          <label className="radio">
            <input
              type="radio"
              name={`${id}-kind`}
              checked={kind === "call"}
              onChange={() => setKind("call")}
            />{" "}
            {t("taskPage.quickCall")}
          </label>
        </fieldset>
        {kind === "call" && (
          <div className="form-row">
            <div className="field">
              <label htmlFor={`${id}-with`}>{t("taskPage.withWhom")}</label>
              <input
                id={`${id}-with`}
                value={withWhom}
                onChange={(e) => setWithWhom(e.target.value)}
              />
              {errors.withWhom && <p className="field-error">{errors.withWhom}</p>}
            </div>
            <div className="field">
              <label htmlFor={`${id}-minutes`}>{t("taskPage.minutes")}</label>
              <input
                id={`${id}-minutes`}
                inputMode="numeric"
                value={minutes}
                onChange={(e) => setMinutes(e.target.value)}
              />
              {errors.minutes && <p className="field-error">{errors.minutes}</p>}
            </div>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-body`}>
            {kind === "call" ? t("taskPage.whatWasDiscussed") : t("taskPage.note")}
          </label>
          <textarea
            id={`${id}-body`}
            rows={3}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
          {errors.body && <p className="field-error">{errors.body}</p>}
        </div>
        {add.isError && Object.keys(errors).length === 0 && (
          <p role="alert" className="field-error">
            {errorMessage(add.error)}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn" disabled={add.isPending || !body.trim()}>
            {kind === "call" ? t("taskPage.logTheCall") : t("taskPage.addTheNote")}
          </button>
        </div>
      </form>
    </section>
  );
}

function ScheduleForm({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const { notify } = useToast();
  const agents = useAgents(task.workspace);
  const [on, setOn] = useState(task.dueOn ?? "");
  const [assigneeId, setAssignee] = useState(task.assignee?.id ?? "");
  const schedule = useMutation({
    mutationFn: () =>
      endpoints.scheduleFollowUp(task.number, {
        version: task.version,
        scheduledOn: on,
        assigneeId: assigneeId || null,
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ["projects"] });
      notify(t("taskPage.refScheduledForOn", { ref: task.ref, on }), "success");
    },
  });
  const errors = schedule.error ? fieldErrorMap(schedule.error) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    schedule.mutate();
  };
  return (
    <section aria-labelledby={`${id}-h`} className="card">
      <h2 id={`${id}-h`}>{t("taskPage.scheduleThisFollowUp")}</h2>
      <form onSubmit={submit} className="form-row" aria-label={t("taskPage.scheduleTheFollowUp")}>
        <div className="field">
          <label htmlFor={`${id}-on`}>{t("taskPage.on")}</label>
          <input
            id={`${id}-on`}
            type="date"
            value={on}
            required
            onChange={(e) => setOn(e.target.value)}
          />
          {errors.scheduledOn && <p className="field-error">{errors.scheduledOn}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-who`}>{t("taskPage.assignee")}</label>
          <select id={`${id}-who`} value={assigneeId} onChange={(e) => setAssignee(e.target.value)}>
            <option value="">{t("taskPage.nobodyYet")}</option>
            {(agents.data ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        {schedule.isError && Object.keys(errors).length === 0 && (
          <p role="alert" className="field-error">
            {errorMessage(schedule.error)}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={schedule.isPending}>
            {t("taskPage.schedule")}
          </button>
        </div>
      </form>
    </section>
  );
}
