// Customer projects (seed 002): the workspace's projects, my open tasks across them, and, for
// those who run projects, a form for a new one.

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
import { projectHref } from "../lib/taskTime.ts";

export function ProjectsPage() {
  const { t } = useTranslation();
  const { workspace = "" } = useParams();
  useEffect(() => rememberWorkspace(workspace), [workspace]);
  useDocumentTitle(t("projectsPage.projects"));
  const list = useQuery({
    queryKey: queryKeys.projects(workspace),
    queryFn: () => endpoints.projects(workspace),
  });
  const data = list.data;
  return (
    <div className="page projects-page">
      <h1 tabIndex={-1} className="page-title">
        {t("projectsPage.projects")}
      </h1>
      <p className="page-lead">{t("projectsPage.customerProjectsAndTheirTasks")}</p>
      {list.isError ? (
        <p className="notice notice-error" role="alert">
          {t("projectsPage.couldNotLoadTheProjects", { errorMessage: errorMessage(list.error) })}
        </p>
      ) : !data ? (
        <p className="muted">{t("projectsPage.loading")}</p>
      ) : (
        <>
          <section aria-labelledby="my-tasks">
            <h2 id="my-tasks">{t("projectsPage.myOpenTasks")}</h2>
            {data.myTasks.length === 0 ? (
              <p className="muted">{t("projectsPage.noOpenTaskIsAssigned")}</p>
            ) : (
              <div className="table-scroll">
                <TaskTable tasks={data.myTasks} showProject />
              </div>
            )}
          </section>
          <section aria-labelledby="all-projects">
            <h2 id="all-projects">{t("projectsPage.allProjects")}</h2>
            {data.items.length === 0 ? (
              <p className="muted">{t("projectsPage.noProjectYet")}</p>
            ) : (
              <ul className="plain-list project-list">
                {data.items.map((p) => (
                  <li key={p.code} className="card">
                    <Link to={projectHref(workspace, p.code)}>
                      <strong>{p.name}</strong> <span className="muted">{p.code}</span>
                    </Link>
                    <p className="small">
                      {t("projectsPage.namePmName2", {
                        name: p.customer.name,
                        name2: p.manager.name,
                      })}
                      {p.endsOn
                        ? t("projectsPage.plannedEndEndson", { endsOn: p.endsOn })
                        : t("projectsPage.noPlannedEnd")}{" "}
                      · {p.status}
                    </p>
                    <p className="small muted">
                      {t("projectsPage.openOpenClosedClosed", {
                        open: p.tasks.open,
                        closed: p.tasks.closed,
                      })}
                      {p.tasks.draft > 0
                        ? t("projectsPage.draftFollowUpToSchedule", { draft: p.tasks.draft })
                        : ""}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {data.viewer.manage && <NewProjectForm workspace={workspace} />}
        </>
      )}
    </div>
  );
}

function NewProjectForm({ workspace }: { workspace: string }) {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const { notify } = useToast();
  const agents = useAgents(workspace);
  const customers = useQuery({
    queryKey: queryKeys.customers(workspace),
    queryFn: () => endpoints.customers(workspace),
  });
  const [form, setForm] = useState({
    code: "",
    name: "",
    customerId: "",
    managerId: "",
    endsOn: "",
  });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const make = useMutation({
    mutationFn: () =>
      endpoints.newProject(workspace, {
        code: form.code.trim(),
        name: form.name,
        customerId: form.customerId,
        managerId: form.managerId,
        endsOn: form.endsOn || null,
      }),
    onSuccess: async (p) => {
      await client.invalidateQueries({ queryKey: queryKeys.projects(workspace) });
      notify(t("projectsPage.projectCodeCreated", { code: p.code }), "success");
      setForm({ code: "", name: "", customerId: "", managerId: "", endsOn: "" });
    },
  });
  const errors = make.error ? fieldErrorMap(make.error) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    make.mutate();
  };
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t("projectsPage.newProject")}</h2>
      <form onSubmit={submit} className="form-grid" aria-label={t("projectsPage.newProject")}>
        <div className="field">
          <label htmlFor={`${id}-code`}>{t("projectsPage.code")}</label>
          <input
            id={`${id}-code`}
            value={form.code}
            onChange={set("code")}
            placeholder={t("projectsPage.acmeRollout")}
            required
          />
          {errors.code && <p className="field-error">{errors.code}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t("projectsPage.name")}</label>
          <input id={`${id}-name`} value={form.name} onChange={set("name")} required />
          {errors.name && <p className="field-error">{errors.name}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-customer`}>{t("projectsPage.customer")}</label>
          <select
            id={`${id}-customer`}
            value={form.customerId}
            onChange={set("customerId")}
            required
          >
            <option value="">{t("projectsPage.choose")}</option>
            {(customers.data?.items ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          {errors.customerId && <p className="field-error">{errors.customerId}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-pm`}>{t("projectsPage.projectManager")}</label>
          <select id={`${id}-pm`} value={form.managerId} onChange={set("managerId")} required>
            <option value="">{t("projectsPage.choose")}</option>
            {(agents.data ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          {errors.managerId && <p className="field-error">{errors.managerId}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-ends`}>{t("projectsPage.plannedEnd")}</label>
          <input id={`${id}-ends`} type="date" value={form.endsOn} onChange={set("endsOn")} />
          {errors.endsOn && <p className="field-error">{errors.endsOn}</p>}
        </div>
        {make.isError && Object.keys(errors).length === 0 && (
          <p role="alert" className="field-error">
            {errorMessage(make.error)}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={make.isPending}>
            {t("projectsPage.createProject")}
          </button>
        </div>
      </form>
    </section>
  );
}
