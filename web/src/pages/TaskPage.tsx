// One project task (seed 002): its numbers, the case its roadblock became, its activity, and
// what the viewer may do — log a quick call or a note (S2.1), open a case from the roadblock
// (S2.2, S2.4), or, for the PM, schedule a draft follow-up.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { Link, useParams } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage, fieldErrorMap } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { TaskDetail } from "../api/types.ts";
import { OpenCaseDialog } from "../components/projects/OpenCaseDialog.tsx";
import { useToast } from "../components/Toasts.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { useAgents, usePolicy } from "../hooks/workspace.ts";
import { hours, projectHref, STATUS_LABEL, taskHref } from "../lib/taskTime.ts";

export function TaskPage() {
  const number = Number(useParams().number);
  const task = useQuery({
    queryKey: queryKeys.task(number),
    queryFn: () => endpoints.task(number),
  });
  const t = task.data;
  useDocumentTitle(t ? `${t.ref} ${t.title}` : "Task");
  const policy = usePolicy(t?.workspace);
  const [opening, setOpening] = useState(false);
  if (task.isError)
    return (
      <div className="page">
        <p className="notice notice-error" role="alert">
          Could not load task T-{number}: {errorMessage(task.error)}
        </p>
      </div>
    );
  if (!t) return <p className="muted page">Loading…</p>;
  return (
    <div className="page task-page">
      <p className="small">
        <Link to={projectHref(t.workspace, t.project.code)}>{t.project.name}</Link>
      </p>
      <h1 tabIndex={-1} className="page-title">
        {t.ref} {t.title}
      </h1>
      <dl className="task-facts">
        <dt>Status</dt>
        <dd data-testid="task-status">{STATUS_LABEL[t.status] ?? t.status}</dd>
        <dt>Assignee</dt>
        <dd>{t.assignee?.name ?? "Nobody yet"}</dd>
        <dt>Project manager</dt>
        <dd>{t.manager.name}</dd>
        <dt>Time delivered</dt>
        <dd>{hours(t.minutesDelivered)}</dd>
        <dt>Estimate</dt>
        <dd>{hours(t.estimateMinutes)}</dd>
        <dt>Due</dt>
        <dd>{t.dueOn ?? "—"}</dd>
        {t.case && (
          <>
            <dt>Case</dt>
            <dd>
              <Link to={`/cases/${t.case.number}`}>
                #{t.case.number} {t.case.subject}
              </Link>{" "}
              ({t.case.status.replace("_", " ")})
            </dd>
            <dt>To finish</dt>
            <dd>
              {hours(t.minutesToFinish)}
              {t.finishOn ? ` by ${t.finishOn}` : ""}
            </dd>
          </>
        )}
        {t.follows && (
          <>
            <dt>Continues</dt>
            <dd>
              <Link to={taskHref(t.follows)}>T-{t.follows}</Link>
            </dd>
          </>
        )}
        {t.followUp && (
          <>
            <dt>Follow-up</dt>
            <dd>
              <Link to={taskHref(t.followUp)}>T-{t.followUp}</Link>
            </dd>
          </>
        )}
        {t.scheduledOn && (
          <>
            <dt>Scheduled</dt>
            <dd>{t.scheduledOn}</dd>
          </>
        )}
      </dl>
      {t.description && <p className="task-description">{t.description}</p>}
      {t.can.openCase && (
        <p>
          <button type="button" className="btn btn-primary" onClick={() => setOpening(true)}>
            Open a case from this roadblock
          </button>
        </p>
      )}
      {opening && (
        <OpenCaseDialog task={t} policy={policy.data} open onClose={() => setOpening(false)} />
      )}
      {t.can.schedule && <ScheduleForm task={t} />}
      {t.can.note && <TaskNoteForm task={t} />}
      <section aria-labelledby="task-activity">
        <h2 id="task-activity">Activity</h2>
        {t.activity.length === 0 ? (
          <p className="muted">Nothing yet.</p>
        ) : (
          <ol className="plain-list task-activity">
            {t.activity.map((a) => (
              <li key={a.id} className={`card task-note task-note-${a.kind}`}>
                <p className="small muted">
                  {a.kind === "call"
                    ? `Call with ${a.call?.withWhom}, ${hours(a.call?.minutes ?? 0)}`
                    : a.kind === "system"
                      ? "Baton"
                      : "Note"}{" "}
                  · {a.author?.name ?? "Baton"} · {new Date(a.createdAt).toLocaleString()}
                </p>
                <p className="pre-wrap">{a.body}</p>
                {a.caseNumber && <Link to={`/cases/${a.caseNumber}`}>Case #{a.caseNumber}</Link>}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function TaskNoteForm({ task }: { task: TaskDetail }) {
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
      <h2 id={`${id}-h`}>{kind === "call" ? "Log a quick call" : "Add a note"}</h2>
      <form onSubmit={submit} aria-label="Task note">
        <fieldset className="field">
          <legend className="visually-hidden">What to record</legend>
          <label className="radio">
            <input
              type="radio"
              name={`${id}-kind`}
              checked={kind === "note"}
              onChange={() => setKind("note")}
            />{" "}
            Note
          </label>{" "}
          <label className="radio">
            <input
              type="radio"
              name={`${id}-kind`}
              checked={kind === "call"}
              onChange={() => setKind("call")}
            />{" "}
            Quick call
          </label>
        </fieldset>
        {kind === "call" && (
          <div className="form-row">
            <div className="field">
              <label htmlFor={`${id}-with`}>With whom</label>
              <input
                id={`${id}-with`}
                value={withWhom}
                onChange={(e) => setWithWhom(e.target.value)}
              />
              {errors.withWhom && <p className="field-error">{errors.withWhom}</p>}
            </div>
            <div className="field">
              <label htmlFor={`${id}-minutes`}>Minutes</label>
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
          <label htmlFor={`${id}-body`}>{kind === "call" ? "What was discussed" : "Note"}</label>
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
            {kind === "call" ? "Log the call" : "Add the note"}
          </button>
        </div>
      </form>
    </section>
  );
}

function ScheduleForm({ task }: { task: TaskDetail }) {
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
      notify(`${task.ref} scheduled for ${on}.`, "success");
    },
  });
  const errors = schedule.error ? fieldErrorMap(schedule.error) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    schedule.mutate();
  };
  return (
    <section aria-labelledby={`${id}-h`} className="card">
      <h2 id={`${id}-h`}>Schedule this follow-up</h2>
      <form onSubmit={submit} className="form-row" aria-label="Schedule the follow-up">
        <div className="field">
          <label htmlFor={`${id}-on`}>On</label>
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
          <label htmlFor={`${id}-who`}>Assignee</label>
          <select id={`${id}-who`} value={assigneeId} onChange={(e) => setAssignee(e.target.value)}>
            <option value="">Nobody yet</option>
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
            Schedule
          </button>
        </div>
      </form>
    </section>
  );
}
