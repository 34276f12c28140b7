// Canned replies (issue 17): the workspace's, which its admins keep, and each person's own. The
// server says per reply whether the viewer may change it, and the policy's viewer rights whether
// they may add one for the whole workspace; the page only shows what those answers allow.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage, fieldErrorMap } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { CannedReply } from "../api/types.ts";
import { useToast } from "../components/Toasts.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { rememberWorkspace, usePolicy } from "../hooks/workspace.ts";

export const cannedRepliesHref = (workspace: string) =>
  `/w/${encodeURIComponent(workspace)}/replies`;

type Scope = CannedReply["scope"];

interface Draft {
  title: string;
  body: string;
}

/** Title and text, for a new reply or a change to one. */
function ReplyFields({
  draft,
  onChange,
  errors,
}: {
  draft: Draft;
  onChange: (draft: Draft) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t("cannedRepliesPage.title")}</label>
        <input
          id={`${id}-title`}
          value={draft.title}
          onChange={(e) => onChange({ ...draft, title: e.currentTarget.value })}
          aria-invalid={Boolean(errors.title)}
        />
        {errors.title && <p className="field-error">{errors.title}</p>}
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>{t("cannedRepliesPage.text")}</label>
        <textarea
          id={`${id}-body`}
          rows={5}
          value={draft.body}
          onChange={(e) => onChange({ ...draft, body: e.currentTarget.value })}
          aria-invalid={Boolean(errors.body)}
        />
        {errors.body && <p className="field-error">{errors.body}</p>}
      </div>
    </>
  );
}

function ReplyItem({ reply, workspace }: { reply: CannedReply; workspace: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { notify } = useToast();
  const [editing, setEditing] = useState<Draft | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.cannedReplies(workspace) });
  const save = useMutation({
    mutationFn: (draft: Draft) =>
      endpoints.updateCannedReply(reply.id, { version: reply.version, ...draft }),
    onSuccess: () => {
      setEditing(null);
      notify(t("cannedRepliesPage.saved"), "success");
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => endpoints.deleteCannedReply(reply.id, reply.version),
    onSuccess: () => {
      notify(t("cannedRepliesPage.deleted"), "success");
      void refresh();
    },
    onError: (error) => notify(errorMessage(error), "error"),
  });
  const errors = fieldErrorMap(save.error);
  return (
    <li className="canned-reply" data-reply={reply.title}>
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(editing);
          }}
        >
          <ReplyFields draft={editing} onChange={setEditing} errors={errors} />
          {save.error && !errors.title && !errors.body && (
            <p className="field-error" role="alert">
              {errorMessage(save.error)}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={save.isPending}>
              {t("cannedRepliesPage.save")}
            </button>
            <button type="button" className="btn" onClick={() => setEditing(null)}>
              {t("cannedRepliesPage.cancel")}
            </button>
          </div>
        </form>
      ) : (
        <>
          <h3>
            {reply.title}{" "}
            <span className="badge badge-outline">
              {reply.scope === "workspace"
                ? t("cannedRepliesPage.scopeWorkspace")
                : t("cannedRepliesPage.scopePersonal")}
            </span>
          </h3>
          <pre className="canned-reply-body">{reply.body}</pre>
          {reply.mayEdit && (
            <div className="form-actions">
              <button
                type="button"
                className="btn"
                onClick={() => setEditing({ title: reply.title, body: reply.body })}
              >
                {t("cannedRepliesPage.edit")}
              </button>
              <button
                type="button"
                className="btn"
                disabled={remove.isPending}
                onClick={() => remove.mutate()}
              >
                {t("cannedRepliesPage.delete")}
              </button>
            </div>
          )}
        </>
      )}
    </li>
  );
}

/** Each placeholder's explanation in the reader's language; the API's is English. */
const PLACEHOLDER_HELP: Record<string, string> = {
  caseNumber: "cannedRepliesPage.helpCaseNumber",
  caseSubject: "cannedRepliesPage.helpCaseSubject",
  customerName: "cannedRepliesPage.helpCustomerName",
  contactName: "cannedRepliesPage.helpContactName",
  ownerName: "cannedRepliesPage.helpOwnerName",
  myName: "cannedRepliesPage.helpMyName",
};

export function CannedRepliesPage() {
  const { t } = useTranslation();
  const { workspace = "" } = useParams();
  useEffect(() => rememberWorkspace(workspace), [workspace]);
  useDocumentTitle(t("cannedRepliesPage.cannedReplies"));
  const policy = usePolicy(workspace);
  const mayShare = policy.data?.viewer?.manageWorkspace === true;
  const client = useQueryClient();
  const { notify } = useToast();
  const replies = useQuery({
    queryKey: queryKeys.cannedReplies(workspace),
    queryFn: () => endpoints.cannedReplies(workspace),
  });
  const [draft, setDraft] = useState<Draft>({ title: "", body: "" });
  const [scope, setScope] = useState<Scope>("personal");
  const create = useMutation({
    mutationFn: () => endpoints.createCannedReply(workspace, { scope, ...draft }),
    onSuccess: () => {
      setDraft({ title: "", body: "" });
      notify(t("cannedRepliesPage.added"), "success");
      void client.invalidateQueries({ queryKey: queryKeys.cannedReplies(workspace) });
    },
  });
  const errors = fieldErrorMap(create.error);
  const scopeId = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <div className="page canned-replies-page">
      <h1 tabIndex={-1} className="page-title">
        {t("cannedRepliesPage.cannedReplies")}
      </h1>
      <p className="page-lead">{t("cannedRepliesPage.lead")}</p>
      {replies.isError && (
        <p role="alert" className="error-text">
          {errorMessage(replies.error)}
        </p>
      )}
      {replies.data && (
        <>
          <p className="muted small">
            {t("cannedRepliesPage.placeholders")}{" "}
            {replies.data.placeholders.map((p) => {
              const help = PLACEHOLDER_HELP[p.name];
              return (
                <code key={p.name} title={help ? t(help) : p.description}>
                  {`{{${p.name}}}`}{" "}
                </code>
              );
            })}
          </p>
          {replies.data.items.length === 0 ? (
            <p className="empty">{t("cannedRepliesPage.none")}</p>
          ) : (
            <ul className="canned-reply-list">
              {replies.data.items.map((r) => (
                <ReplyItem key={`${r.id}-${r.version}`} reply={r} workspace={workspace} />
              ))}
            </ul>
          )}
        </>
      )}
      <form className="card" onSubmit={submit} aria-label={t("cannedRepliesPage.addAReply")}>
        <h2 className="section-title">{t("cannedRepliesPage.addAReply")}</h2>
        {mayShare && (
          <div className="field">
            <label htmlFor={scopeId}>{t("cannedRepliesPage.forWhom")}</label>
            <select
              id={scopeId}
              value={scope}
              onChange={(e) => setScope(e.currentTarget.value as Scope)}
            >
              <option value="personal">{t("cannedRepliesPage.scopePersonal")}</option>
              <option value="workspace">{t("cannedRepliesPage.scopeWorkspace")}</option>
            </select>
          </div>
        )}
        <ReplyFields draft={draft} onChange={setDraft} errors={errors} />
        {create.error && !errors.title && !errors.body && (
          <p className="field-error" role="alert">
            {errorMessage(create.error)}
          </p>
        )}
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {t("cannedRepliesPage.add")}
        </button>
      </form>
    </div>
  );
}
