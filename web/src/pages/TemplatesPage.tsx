// Message templates (admins, issue 6): a workspace words its messages per language. The server
// renders the preview with the message's sample facts, so what is shown is what would be sent.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { t } from "i18next";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { ApiError, errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { EffectiveTemplate, TemplateTopicInfo } from "../api/types.ts";
import { useToast } from "../components/Toasts.tsx";
import { useDebounced } from "../hooks/transfers.ts";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { rememberWorkspace } from "../hooks/workspace.ts";
import { topicLabel } from "../lib/deliveries.ts";
import { topicTitle, variableText } from "../lib/templateText.ts";

const PREVIEW_DEBOUNCE_MS = 400;

export const templatesHref = (workspace: string) => `/w/${encodeURIComponent(workspace)}/templates`;

interface Draft {
  /** topic|language the draft belongs to; a new choice starts from its effective wording. */
  key: string;
  subject: string;
  text: string;
}

type Field = "subject" | "text";

/** Languages worth offering: built-in ones, the workspace's own, and its default. */
function languagesOf(topic: TemplateTopicInfo | undefined, workspaceDefault: string): string[] {
  const all = new Set([workspaceDefault, ...(topic?.defaultLanguages ?? [])]);
  for (const o of topic?.overrides ?? []) all.add(o.language);
  return [...all].sort();
}

function sourceLine(template: EffectiveTemplate): string {
  if (template.overridden)
    return t("templatesPage.thisWorkspaceSOwnWording", { version: template.version });
  if (template.from.source === "workspace")
    return t("templatesPage.noWordingOfItsOwn", {
      language: template.language,
      language2: template.from.language,
    });
  return t("templatesPage.theBuiltInLanguageWording", { language: template.from.language });
}

function Variables({
  topic,
  onInsert,
}: {
  topic: TemplateTopicInfo;
  onInsert: (name: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="template-variables" aria-label={t("templatesPage.variables")}>
      <h2 className="section-title">{t("templatesPage.variables")}</h2>
      <p className="hint">{t("templatesPage.clickOneToInsertIt")}</p>
      <ul>
        {topic.variables.map((v) => (
          <li key={v.name}>
            <button
              type="button"
              className="btn btn-small"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => onInsert(v.name)}
            >{`{{${v.name}}}`}</button>{" "}
            <span className="hint">{variableText(topic.topic, v)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function TemplatesPage() {
  const { t } = useTranslation();
  const { workspace = "" } = useParams();
  useEffect(() => rememberWorkspace(workspace), [workspace]);
  useDocumentTitle(t("templatesPage.templates"));
  const client = useQueryClient();
  const { notify } = useToast();
  const ids = {
    topic: useId(),
    language: useId(),
    other: useId(),
    subject: useId(),
    text: useId(),
  };

  const list = useQuery({
    queryKey: queryKeys.templates(workspace),
    queryFn: ({ signal }) => endpoints.templates(workspace, signal),
  });
  const topics = list.data?.items ?? [];
  const [topicName, setTopicName] = useState("customer_notice");
  const topic = topics.find((t) => t.topic === topicName) ?? topics[0];
  const [language, setLanguage] = useState<string | null>(null);
  const lang = language ?? list.data?.defaultLanguage ?? "en";
  const [other, setOther] = useState("");

  const key = `${topic?.topic ?? ""}|${lang}`;
  const effective = useQuery({
    queryKey: queryKeys.template(workspace, topic?.topic ?? "", lang),
    queryFn: ({ signal }) => endpoints.template(workspace, topic?.topic ?? "", lang, signal),
    enabled: Boolean(topic),
  });

  const [draft, setDraft] = useState<Draft | null>(null);
  const [conflict, setConflict] = useState(false);
  useEffect(() => {
    if (effective.data && draft?.key !== key) {
      setDraft({ key, subject: effective.data.subject, text: effective.data.text });
      setConflict(false);
    }
  }, [effective.data, draft?.key, key]);
  const current = draft?.key === key ? draft : null;

  // The field the cursor was last in, and where: a variable goes there.
  const lastField = useRef<Field>("text");
  const subjectRef = useRef<HTMLInputElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const insert = (name: string) => {
    if (!current) return;
    const field = lastField.current;
    const element = field === "subject" ? subjectRef.current : textRef.current;
    const value = current[field];
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? value.length;
    const token = `{{${name}}}`;
    setDraft({ ...current, [field]: value.slice(0, start) + token + value.slice(end) });
    // Back to the field once the text is in, unless the person has moved on meanwhile.
    const trigger = document.activeElement;
    requestAnimationFrame(() => {
      if (document.activeElement !== trigger && document.activeElement !== document.body) return;
      element?.focus();
      element?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const previewBody = current
    ? JSON.stringify({ language: lang, subject: current.subject, text: current.text })
    : "";
  const settledBody = useDebounced(previewBody, PREVIEW_DEBOUNCE_MS);
  const preview = useQuery({
    queryKey: queryKeys.templatePreview(workspace, topic?.topic ?? "", settledBody),
    queryFn: ({ signal }) =>
      endpoints.previewTemplate(workspace, topic?.topic ?? "", JSON.parse(settledBody), signal),
    enabled: Boolean(topic) && settledBody !== "",
    retry: false,
    placeholderData: (previous) => previous,
  });

  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.templates(workspace) }),
      client.invalidateQueries({
        queryKey: queryKeys.template(workspace, topic?.topic ?? "", lang),
      }),
    ]);
  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.isConflict) setConflict(true);
    else if (!(error instanceof ApiError && error.status === 400))
      notify(errorMessage(error), "error");
  };
  const save = useMutation({
    mutationFn: () =>
      endpoints.saveTemplate(workspace, topic?.topic ?? "", lang, {
        subject: current?.subject ?? "",
        text: current?.text ?? "",
        ...(effective.data?.overridden && effective.data.version !== null
          ? { version: effective.data.version }
          : {}),
      }),
    onSuccess: async () => {
      notify(t("templatesPage.savedTheNextMessageUses"));
      await refresh();
    },
    onError,
  });
  const revert = useMutation({
    mutationFn: () =>
      endpoints.revertTemplate(workspace, topic?.topic ?? "", lang, effective.data?.version ?? 0),
    onSuccess: async () => {
      notify(t("templatesPage.backToTheDefaultWording"));
      // Refetched first: the editor then starts again from what now applies.
      await refresh();
      setDraft(null);
    },
    onError,
  });
  const reload = async () => {
    await refresh();
    save.reset();
    setConflict(false);
    setDraft(null);
  };

  const saveError = save.error instanceof ApiError ? save.error : null;
  // A refusal of wording that has been edited since is not shown: it may no longer apply.
  const previewError =
    preview.error instanceof ApiError && settledBody === previewBody ? preview.error : null;
  const fieldError = (field: Field) =>
    saveError?.fieldMessage(field) ?? previewError?.fieldMessage(field);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (current) save.mutate();
  };
  const chooseOther = (e: FormEvent) => {
    e.preventDefault();
    const tag = other.trim();
    if (tag) setLanguage(tag);
    setOther("");
  };

  return (
    <div className="page templates-page">
      <h1 tabIndex={-1} className="page-title">
        {t("templatesPage.templates")}
      </h1>
      <p className="page-lead">{t("templatesPage.theWordingOfTheMessages")}</p>
      {list.isPending && <p>{t("templatesPage.loadingTheTemplates")}</p>}
      {list.isError && (
        <p role="alert" className="error-text">
          {errorMessage(list.error)}
        </p>
      )}
      {topic && (
        <div className="filter-row">
          <div className="field-inline">
            <label htmlFor={ids.topic}>{t("templatesPage.message")}</label>
            <select
              id={ids.topic}
              value={topic.topic}
              onChange={(e) => setTopicName(e.target.value)}
            >
              {topics.map((t) => (
                <option key={t.topic} value={t.topic}>
                  {topicLabel(t.topic)}
                </option>
              ))}
            </select>
          </div>
          <div className="field-inline">
            <label htmlFor={ids.language}>{t("templatesPage.language")}</label>
            <select id={ids.language} value={lang} onChange={(e) => setLanguage(e.target.value)}>
              {[...new Set([...languagesOf(topic, list.data?.defaultLanguage ?? "en"), lang])]
                .sort()
                .map((l) => (
                  <option key={l} value={l}>
                    {l}
                    {topic.overrides.some((o) => o.language === l) ? t("templatesPage.edited") : ""}
                  </option>
                ))}
            </select>
          </div>
          <form className="field-inline" onSubmit={chooseOther}>
            <label htmlFor={ids.other}>{t("templatesPage.otherLanguage")}</label>
            <input
              id={ids.other}
              value={other}
              placeholder={t("templatesPage.eGPtBr")}
              size={8}
              onChange={(e) => setOther(e.target.value)}
            />
            <button type="submit" className="btn btn-small">
              {t("templatesPage.open")}
            </button>
          </form>
        </div>
      )}
      {topic && <p className="hint">{topicTitle(topic)}</p>}
      {effective.isError && (
        <p role="alert" className="error-text">
          {errorMessage(effective.error)}
        </p>
      )}
      {topic && current && effective.data && (
        <div className="template-editor">
          <form onSubmit={submit} aria-label={t("templatesPage.wording")}>
            <p className="template-source" data-overridden={effective.data.overridden}>
              {sourceLine(effective.data)}
            </p>
            <div className="field">
              <label htmlFor={ids.subject}>{t("templatesPage.subject")}</label>
              <input
                id={ids.subject}
                ref={subjectRef}
                value={current.subject}
                aria-invalid={fieldError("subject") ? true : undefined}
                onFocus={() => {
                  lastField.current = "subject";
                }}
                onChange={(e) => {
                  if (save.isError) save.reset();
                  setDraft({ ...current, subject: e.target.value });
                }}
              />
              {fieldError("subject") && <p className="field-error">{fieldError("subject")}</p>}
            </div>
            <div className="field">
              <label htmlFor={ids.text}>{t("templatesPage.text")}</label>
              <textarea
                id={ids.text}
                ref={textRef}
                rows={14}
                value={current.text}
                aria-invalid={fieldError("text") ? true : undefined}
                onFocus={() => {
                  lastField.current = "text";
                }}
                onChange={(e) => {
                  if (save.isError) save.reset();
                  setDraft({ ...current, text: e.target.value });
                }}
              />
              {fieldError("text") && <p className="field-error">{fieldError("text")}</p>}
            </div>
            {conflict && (
              <div role="alert" className="notice notice-warning">
                {t("templatesPage.someoneChangedThisWordingMeanwhile")}
                <button type="button" className="btn btn-small" onClick={() => void reload()}>
                  {t("templatesPage.reload")}
                </button>
              </div>
            )}
            <div className="form-actions">
              {effective.data.overridden && (
                <button
                  type="button"
                  className="btn"
                  disabled={revert.isPending}
                  onClick={() => revert.mutate()}
                >
                  {t("templatesPage.revertToDefault")}
                </button>
              )}
              <button type="submit" className="btn btn-primary" disabled={save.isPending}>
                {t("templatesPage.save")}
              </button>
            </div>
          </form>
          <Variables topic={topic} onInsert={insert} />
          <section
            className="template-preview"
            aria-label={t("templatesPage.preview")}
            aria-live="polite"
          >
            <h2 className="section-title">{t("templatesPage.preview")}</h2>
            <p className="hint">{t("templatesPage.renderedByTheServerWith")}</p>
            {preview.data && (
              <>
                <p className="template-preview-subject">{preview.data.subject}</p>
                <pre className="mailbox-body">{preview.data.text}</pre>
              </>
            )}
            {preview.isError &&
              settledBody === previewBody &&
              !(previewError && previewError.fieldErrors.length > 0) && (
                <p className="error-text">{errorMessage(preview.error)}</p>
              )}
          </section>
        </div>
      )}
    </div>
  );
}
