// The policy editor (admins): structured forms for the common changes, the whole JSON for the
// rest, a review of the changes before saving, version history with restore, export and import.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ChangeEvent, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import type { Policy } from "../../../src/domain/policy/schema.ts";
import { endpoints } from "../api/endpoints.ts";
import { ApiError, errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import { PolicyChanges, PolicyProblems } from "../components/policy/PolicyChanges.tsx";
import { PolicyHistory } from "../components/policy/PolicyHistory.tsx";
import { PolicyJson } from "../components/policy/PolicyJson.tsx";
import { PolicyMatrix } from "../components/policy/PolicyMatrix.tsx";
import { PolicyQueues } from "../components/policy/PolicyQueues.tsx";
import { PolicySeverities } from "../components/policy/PolicySeverities.tsx";
import { useToast } from "../components/Toasts.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { rememberWorkspace } from "../hooks/workspace.ts";
import { exportFileName, readJson } from "../lib/policyEditor.ts";

function download(name: string, json: unknown) {
  const url = URL.createObjectURL(
    new Blob([`${JSON.stringify(json, null, 2)}\n`], { type: "application/json" }),
  );
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

const problemsOf = (error: unknown) => (error instanceof ApiError ? error.fieldErrors : []);

export function PolicyPage() {
  const { t } = useTranslation();
  const { workspace = "" } = useParams();
  useEffect(() => rememberWorkspace(workspace), [workspace]);
  useDocumentTitle(t("policyPage.policy"));
  const client = useQueryClient();
  const { notify } = useToast();
  const summaryId = useId();
  const importId = useId();
  const current = useQuery({
    queryKey: queryKeys.policyEditor(workspace),
    queryFn: () => endpoints.policy(workspace),
  });
  // The draft is edited against the version it was read from; saving sends that version.
  const [draft, setDraft] = useState<{ version: number; policy: Policy } | null>(null);
  const [summary, setSummary] = useState("");
  const [importNote, setImportNote] = useState<string | null>(null);
  useEffect(() => {
    if (current.data && draft === null)
      setDraft({ version: current.data.version, policy: current.data.policy });
  }, [current.data, draft]);

  const review = useMutation({
    mutationFn: (policy: Policy) => endpoints.previewPolicy(workspace, policy),
  });
  const edit = (policy: Policy) => {
    review.reset();
    save.reset();
    setDraft((d) => (d ? { ...d, policy } : d));
  };
  const save = useMutation({
    mutationFn: () => {
      if (!draft) throw new Error(t("policyPage.nothingToSaveYet"));
      return endpoints.replacePolicy(workspace, {
        version: draft.version,
        ...(summary.trim() ? { summary: summary.trim() } : {}),
        policy: draft.policy,
      });
    },
    onSuccess: async (answer) => {
      notify(
        answer.changed
          ? t("policyPage.savedAsVersionVersionPlural", {
              version: answer.version,
              plural: t("policyPage.changes", { count: answer.changes.length }),
            })
          : t("policyPage.nothingChangedThePolicyStays"),
      );
      setSummary("");
      setImportNote(null);
      review.reset();
      setDraft(null);
      await client.invalidateQueries({ queryKey: queryKeys.policy(workspace) });
    },
  });
  const discard = async () => {
    review.reset();
    save.reset();
    setImportNote(null);
    setDraft(null);
    await client.invalidateQueries({ queryKey: queryKeys.policy(workspace) });
  };
  const exportCurrent = async () => {
    if (!current.data) return;
    const version = await endpoints.policyVersion(workspace, current.data.version);
    download(exportFileName(workspace, version.version), version.document);
  };
  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file || !draft) return;
    const read = readJson(await file.text());
    if (!read.ok || typeof read.value !== "object" || read.value === null) {
      setImportNote(
        t("policyPage.importRefused", {
          file: file.name,
          reason: read.ok ? t("policyPage.notAPolicyObject") : read.error,
        }),
      );
      return;
    }
    setImportNote(t("policyPage.imported", { file: file.name }));
    const policy = read.value as Policy;
    edit(policy);
    review.mutate(policy);
  };

  if (current.isPending) return <p className="page">{t("policyPage.loadingThePolicy")}</p>;
  if (current.isError)
    return (
      <p role="alert" className="page error-text">
        {errorMessage(current.error)}
      </p>
    );
  if (!current.data.viewer.manageWorkspace)
    return (
      <div className="page">
        <h1 className="page-title">{t("policyPage.policy")}</h1>
        <p>{t("policyPage.yourRoleMayNotChange")}</p>
      </div>
    );
  const stale = draft !== null && draft.version !== current.data.version;
  const conflict = save.error instanceof ApiError && save.error.isConflict;
  const problems = [...problemsOf(review.error), ...problemsOf(save.error)];
  const otherError = [review.error, save.error].find(
    (e) => e && !(e instanceof ApiError && (e.isConflict || e.fieldErrors.length > 0)),
  );

  return (
    <div className="page policy-page">
      <h1 tabIndex={-1} className="page-title">
        {t("policyPage.policy")}
      </h1>
      <p className="page-lead">
        {t("policyPage.nameVersionVersionEverySave", {
          name: current.data.policy.name,
          version: current.data.version,
        })}
      </p>
      <div className="notice-actions">
        <button type="button" className="btn" onClick={() => void exportCurrent()}>
          {t("policyPage.exportJson")}
        </button>
        <label htmlFor={importId} className="btn">
          {t("policyPage.importJson")}
        </label>
        <input
          id={importId}
          type="file"
          accept="application/json,.json"
          className="visually-hidden"
          onChange={(e) => void importFile(e)}
        />
      </div>
      {importNote && <p className="notice notice-info">{importNote}</p>}
      {(stale || conflict) && (
        <div role="alert" className="notice notice-warning">
          {t("policyPage.someoneSavedThePolicyMeanwhile", {
            version: current.data.version,
            version2: draft?.version,
          })}
          <button type="button" className="btn btn-small" onClick={() => void discard()}>
            {t("policyPage.startAgainFromTheCurrent")}
          </button>
        </div>
      )}
      {draft && (
        <>
          <PolicyMatrix policy={draft.policy} onChange={edit} />
          <PolicyQueues policy={draft.policy} onChange={edit} />
          <PolicySeverities policy={draft.policy} onChange={edit} />
          <PolicyJson policy={draft.policy} onChange={edit} />
          <section className="policy-section policy-review" aria-labelledby="policy-review">
            <h2 id="policy-review">{t("policyPage.reviewAndSave")}</h2>
            <div className="notice-actions">
              <button
                type="button"
                className="btn"
                disabled={review.isPending}
                onClick={() => review.mutate(draft.policy)}
              >
                {t("policyPage.reviewChanges")}
              </button>
              <button type="button" className="btn" onClick={() => void discard()}>
                {t("policyPage.discardChanges")}
              </button>
            </div>
            <PolicyProblems problems={problems} />
            {otherError && (
              <p role="alert" className="error-text">
                {errorMessage(otherError)}
              </p>
            )}
            {review.data && (
              <>
                <PolicyChanges
                  changes={review.data.changes}
                  label={t("policyPage.changesToSave")}
                />
                {review.data.changed && (
                  <form
                    className="field"
                    onSubmit={(e) => {
                      e.preventDefault();
                      save.mutate();
                    }}
                  >
                    <label htmlFor={summaryId}>{t("policyPage.whatChangedAndWhy")}</label>
                    <input
                      id={summaryId}
                      maxLength={500}
                      value={summary}
                      onChange={(e) => setSummary(e.target.value)}
                      placeholder={t("policyPage.eGAgentsEscalateThrough")}
                    />
                    <button
                      type="submit"
                      className="btn btn-primary"
                      disabled={save.isPending || stale}
                    >
                      {t("policyPage.saveAsVersion")} {current.data.version + 1}
                    </button>
                  </form>
                )}
              </>
            )}
          </section>
        </>
      )}
      <PolicyHistory workspace={workspace} current={current.data.version} />
    </div>
  );
}
