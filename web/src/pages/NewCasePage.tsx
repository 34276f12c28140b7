import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { ApiError, errorMessage, fieldErrorMap } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import { useUser } from "../auth/AuthProvider.tsx";
import { useToast } from "../components/Toasts.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { rememberWorkspace, usePolicy } from "../hooks/workspace.ts";
import { randomKey } from "../lib/ids.ts";
import { NotFoundPage } from "./NotFoundPage.tsx";

export function NewCasePage() {
  const { t } = useTranslation();
  const { workspace = "" } = useParams();
  const user = useUser();
  if (!user.workspaces.some((w) => w.slug === workspace))
    return <NotFoundPage what={t("newCasePage.workspaceWorkspace", { workspace })} />;
  return <NewCaseForm key={workspace} workspace={workspace} />;
}

function NewCaseForm({ workspace }: { workspace: string }) {
  const { t } = useTranslation();
  const id = useId();
  const user = useUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const policyQuery = usePolicy(workspace);
  const policy = policyQuery.data;
  const [subject, setSubject] = useState("");
  const [description, setDescription] = useState("");
  const [severity, setSeverity] = useState("");
  const [priority, setPriority] = useState("");
  const [queue, setQueue] = useState("");
  const [assignToMe, setAssignToMe] = useState(true);
  // One key per form: a retried submit (double click, flaky network) cannot create two cases.
  const [idempotencyKey] = useState(randomKey);
  useDocumentTitle(t("newCasePage.newCase"));
  useEffect(() => rememberWorkspace(workspace), [workspace]);

  const mutation = useMutation({
    mutationFn: () =>
      endpoints.createCase(
        {
          workspace,
          subject: subject.trim(),
          description,
          ...(severity ? { severity } : {}),
          ...(priority ? { priority } : {}),
          ...(queue ? { queue } : {}),
          ...(assignToMe ? { ownerId: user.id } : {}),
        },
        idempotencyKey,
      ),
    onSuccess: (created) => {
      queryClient.setQueryData(queryKeys.caseDetail(created.number), created);
      void queryClient.invalidateQueries({ queryKey: queryKeys.caseLists });
      notify(t("newCasePage.caseNumberCreated", { number: created.number }), "success");
      navigate(`/cases/${created.number}`);
    },
  });

  const errors = fieldErrorMap(mutation.error);
  const general =
    mutation.error && Object.keys(errors).length === 0
      ? mutation.error instanceof ApiError && mutation.error.status === 403
        ? t("newCasePage.yourRoleMayNotCreate")
        : errorMessage(mutation.error)
      : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!subject.trim()) return;
    mutation.mutate();
  };
  const err = (field: string) =>
    errors[field] ? (
      <p className="field-error" id={`${id}-${field}-err`}>
        {errors[field]}
      </p>
    ) : null;
  const describedBy = (field: string) => (errors[field] ? `${id}-${field}-err` : undefined);

  return (
    <div className="page narrow">
      <header className="page-header">
        <h1 tabIndex={-1} className="page-title">
          {t("newCasePage.newCase")}
        </h1>
      </header>
      <form className="panel form-grid" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-ws`}>{t("newCasePage.workspace")}</label>
          <select
            id={`${id}-ws`}
            value={workspace}
            onChange={(e) =>
              navigate(`/w/${encodeURIComponent(e.target.value)}/new`, { replace: true })
            }
            aria-describedby={describedBy("workspace")}
          >
            {user.workspaces.map((w) => (
              <option key={w.slug} value={w.slug}>
                {w.slug}
              </option>
            ))}
          </select>
          {err("workspace")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-subject`}>
            {t("newCasePage.subject")} <span className="required">{t("newCasePage.required")}</span>
          </label>
          <input
            id={`${id}-subject`}
            value={subject}
            maxLength={300}
            required
            onChange={(e) => setSubject(e.target.value)}
            aria-invalid={errors.subject ? true : undefined}
            aria-describedby={describedBy("subject")}
          />
          {err("subject")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-desc`}>{t("newCasePage.description")}</label>
          <textarea
            id={`${id}-desc`}
            rows={6}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            aria-describedby={describedBy("description")}
          />
          {err("description")}
        </div>
        <div className="field-group">
          <div className="field">
            <label htmlFor={`${id}-sev`}>{t("newCasePage.severity")}</label>
            <select
              id={`${id}-sev`}
              value={severity || policy?.defaults.severity || ""}
              onChange={(e) => setSeverity(e.target.value)}
              aria-describedby={describedBy("severity")}
            >
              {!policy && <option value="">{t("newCasePage.workspaceDefault")}</option>}
              {policy?.severities.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name}
                  {s.description ? ` — ${s.description}` : ""}
                </option>
              ))}
            </select>
            {err("severity")}
          </div>
          <div className="field">
            <label htmlFor={`${id}-prio`}>{t("newCasePage.priority")}</label>
            <select
              id={`${id}-prio`}
              value={priority || policy?.defaults.priority || ""}
              onChange={(e) => setPriority(e.target.value)}
              aria-describedby={describedBy("priority")}
            >
              {!policy && <option value="">{t("newCasePage.workspaceDefault")}</option>}
              {policy?.priorities.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name}
                </option>
              ))}
            </select>
            {err("priority")}
          </div>
          <div className="field">
            <label htmlFor={`${id}-queue`}>{t("newCasePage.queue")}</label>
            <select
              id={`${id}-queue`}
              value={queue || policy?.defaults.queue || ""}
              onChange={(e) => setQueue(e.target.value)}
              aria-describedby={describedBy("queue")}
            >
              {!policy && <option value="">{t("newCasePage.workspaceDefault")}</option>}
              {policy?.queues.map((q) => (
                <option key={q.code} value={q.code}>
                  {q.name}
                </option>
              ))}
            </select>
            {err("queue")}
          </div>
        </div>
        <div className="field field-check">
          <input
            type="checkbox"
            id={`${id}-mine`}
            checked={assignToMe}
            onChange={(e) => setAssignToMe(e.target.checked)}
          />
          <label htmlFor={`${id}-mine`}>{t("newCasePage.assignItToMe")}</label>
          {err("ownerId")}
        </div>
        {general && (
          <p className="notice notice-error" role="alert">
            {general}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => navigate(-1)}>
            {t("newCasePage.cancel")}
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={mutation.isPending || !subject.trim()}
          >
            {mutation.isPending ? t("newCasePage.creating") : t("newCasePage.createCase")}
          </button>
        </div>
      </form>
    </div>
  );
}
