// One customer project: its tasks and, for those who run projects, a form for a new task.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage, fieldErrorMap } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import { TaskTable } from "../components/projects/TaskTable.tsx";
import { useToast } from "../components/Toasts.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { rememberWorkspace, useAgents } from "../hooks/workspace.ts";
import { minutesOf } from "../lib/taskTime.ts";

export function ProjectPage() {
  const { t } = useTranslation();
  const { workspace = "", code = "" } = useParams();
  useEffect(() => rememberWorkspace(workspace), [workspace]);
  const project = useQuery({
    queryKey: queryKeys.project(workspace, code),
    queryFn: () => endpoints.project(workspace, code),
  });
  const p = project.data;
  useDocumentTitle(p ? p.name : t("projectPage.project"));
  if (project.isError)
    return (
      <div className="page">
        <p className="notice notice-error" role="alert">
          {t("projectPage.couldNotLoadProjectCode", {
            code,
            errorMessage: errorMessage(project.error),
          })}
        </p>
      </div>
    );
  if (!p) return <p className="muted page">{t("projectPage.loading")}</p>;
  return (
    <div className="page project-page">
      <p className="small">
        <Link to={`/w/${encodeURIComponent(workspace)}/projects`}>
          {t("projectPage.allProjects")}
        </Link>
      </p>
      <h1 tabIndex={-1} className="page-title">
        {p.name} <span className="muted">{p.code}</span>
      </h1>
      <p className="page-lead">
        {t("projectPage.nameProjectManagerName2", { name: p.customer.name, name2: p.manager.name })}{" "}
        {p.startsOn ? t("projectPage.fromStartson", { startsOn: p.startsOn }) : ""}
        {p.endsOn ? t("projectPage.toEndson", { endsOn: p.endsOn }) : t("projectPage.noPlannedEnd")}{" "}
        · {p.status}
      </p>
      {p.items.length === 0 ? (
        <p className="muted">{t("projectPage.noTaskYet")}</p>
      ) : (
        <div className="table-scroll">
          <TaskTable tasks={p.items} />
        </div>
      )}
      {p.viewer.manage && <NewTaskForm workspace={workspace} code={code} />}
    </div>
  );
}

function NewTaskForm({ workspace, code }: { workspace: string; code: string }) {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const { notify } = useToast();
  const agents = useAgents(workspace);
  const [form, setForm] = useState({ title: "", assigneeId: "", estimate: "", dueOn: "" });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const make = useMutation({
    mutationFn: () =>
      endpoints.newTask(workspace, code, {
        title: form.title,
        assigneeId: form.assigneeId || null,
        estimateMinutes: minutesOf(form.estimate),
        dueOn: form.dueOn || null,
      }),
    onSuccess: async (task) => {
      await client.invalidateQueries({ queryKey: queryKeys.project(workspace, code) });
      notify(t("projectPage.refAdded", { ref: task.ref }), "success");
      setForm({ title: "", assigneeId: "", estimate: "", dueOn: "" });
    },
  });
  const errors = make.error ? fieldErrorMap(make.error) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    make.mutate();
  };
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t("projectPage.newTask")}</h2>
      <form onSubmit={submit} className="form-grid" aria-label={t("projectPage.newTask")}>
        <div className="field">
          <label htmlFor={`${id}-title`}>{t("projectPage.title")}</label>
          <input id={`${id}-title`} value={form.title} onChange={set("title")} required />
          {errors.title && <p className="field-error">{errors.title}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-assignee`}>{t("projectPage.assignee")}</label>
          <select id={`${id}-assignee`} value={form.assigneeId} onChange={set("assigneeId")}>
            <option value="">{t("projectPage.nobodyYet")}</option>
            {(agents.data ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-estimate`}>{t("projectPage.estimateHours")}</label>
          <input
            id={`${id}-estimate`}
            inputMode="decimal"
            value={form.estimate}
            onChange={set("estimate")}
          />
          {errors.estimateMinutes && <p className="field-error">{errors.estimateMinutes}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-due`}>{t("projectPage.due")}</label>
          <input id={`${id}-due`} type="date" value={form.dueOn} onChange={set("dueOn")} />
        </div>
        {make.isError && Object.keys(errors).length === 0 && (
          <p role="alert" className="field-error">
            {errorMessage(make.error)}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={make.isPending}>
            {t("projectPage.addTask")}
          </button>
        </div>
      </form>
    </section>
  );
}
