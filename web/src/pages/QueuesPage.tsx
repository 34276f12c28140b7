// Queue settings (issue 12): how each queue hands out its cases. Everyone in the workspace reads
// it; whoever the server says may change a queue (`mayChange`) gets a method picker per queue.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { ApiError, errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { QueueListItem } from "../api/types.ts";
import { useToast } from "../components/Toasts.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { rememberWorkspace } from "../hooks/workspace.ts";
import { listHref } from "../lib/filters.ts";
import { changeNote, METHODS, methodName, methodSentence } from "../lib/queues.ts";

type Method = QueueListItem["distribution"];

export const queuesHref = (workspace: string) => `/w/${encodeURIComponent(workspace)}/queues`;

/** The method picker of one queue: choose, read what it means, save with the version read. */
function MethodForm({
  workspace,
  queue,
  version,
  onConflict,
}: {
  workspace: string;
  queue: QueueListItem;
  version: number;
  onConflict: (message: string) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { notify } = useToast();
  const selectId = useId();
  const [chosen, setChosen] = useState<Method>(queue.distribution);
  // A refetch after someone else's change shows their method, not a stale choice.
  useEffect(() => setChosen(queue.distribution), [queue.distribution]);
  const save = useMutation({
    mutationFn: () =>
      endpoints.setQueueDistribution(workspace, queue.code, { version, distribution: chosen }),
    onSuccess: async (answer) => {
      notify(
        t("queuesPage.savedNameNowUsesMethodname", {
          name: queue.name,
          methodName: methodName(answer.queue.distribution),
        }),
      );
      await Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.queueSettings(workspace) }),
        client.invalidateQueries({ queryKey: queryKeys.policy(workspace) }),
      ]);
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isConflict) {
        onConflict(error.detail);
        setChosen(queue.distribution);
        await Promise.all([
          client.invalidateQueries({ queryKey: queryKeys.queueSettings(workspace) }),
          client.invalidateQueries({ queryKey: queryKeys.policy(workspace) }),
        ]);
      }
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (chosen !== queue.distribution) save.mutate();
  };
  const note = changeNote(queue.distribution, chosen, queue.waiting);
  const refusal =
    save.error && !(save.error instanceof ApiError && save.error.isConflict)
      ? errorMessage(save.error)
      : null;
  return (
    <form
      className="queue-method-form"
      onSubmit={submit}
      aria-label={t("queuesPage.nameQueue", { name: queue.name })}
    >
      <div className="field-inline">
        <label htmlFor={selectId} className="visually-hidden">
          {t("queuesPage.methodOfName", { name: queue.name })}
        </label>
        <select
          id={selectId}
          value={chosen}
          onChange={(e) => {
            save.reset();
            setChosen(e.target.value as Method);
          }}
        >
          {METHODS.map((m) => (
            <option key={m} value={m}>
              {methodName(m)}
            </option>
          ))}
        </select>
        <button
          type="submit"
          className="btn btn-small btn-primary"
          disabled={chosen === queue.distribution || save.isPending}
        >
          {t("queuesPage.save")}
        </button>
      </div>
      <p className="hint">{methodSentence(chosen)}</p>
      {note && <p className="hint">{note}</p>}
      {refusal && (
        <p role="alert" className="field-error">
          {refusal}
        </p>
      )}
    </form>
  );
}

export function QueuesPage() {
  const { t } = useTranslation();
  const { workspace = "" } = useParams();
  useEffect(() => rememberWorkspace(workspace), [workspace]);
  useDocumentTitle(t("queuesPage.queueSettings"));
  const [conflict, setConflict] = useState<string | null>(null);
  const list = useQuery({
    queryKey: queryKeys.queueSettings(workspace),
    queryFn: ({ signal }) => endpoints.queues(workspace, signal),
  });
  const queues = list.data?.items ?? [];
  const mayChange = queues.some((q) => q.mayChange);

  return (
    <div className="page queues-page">
      <h1 tabIndex={-1} className="page-title">
        {t("queuesPage.queueSettings")}
      </h1>
      <p className="page-lead">
        {t("queuesPage.howEachQueueHandsOut")}{" "}
        {list.data &&
          (mayChange
            ? t("queuesPage.changingAMethodAppliesTo")
            : t("queuesPage.yourRoleMayNotChange"))}
      </p>
      {conflict && (
        <div role="alert" className="notice notice-warning">
          {t("queuesPage.conflictTheListNowShows", { conflict })}
          <button type="button" className="btn btn-small" onClick={() => setConflict(null)}>
            {t("queuesPage.dismiss")}
          </button>
        </div>
      )}
      {list.isPending && <p>{t("queuesPage.loadingTheQueues")}</p>}
      {list.isError && (
        <p role="alert" className="error-text">
          {errorMessage(list.error)}
        </p>
      )}
      {list.data && (
        <div className="table-wrap">
          <table className="case-table queues-table">
            <thead>
              <tr>
                <th scope="col">{t("queuesPage.queue")}</th>
                <th scope="col">{t("queuesPage.method")}</th>
                <th scope="col">{t("queuesPage.waiting")}</th>
                <th scope="col">{t("queuesPage.members")}</th>
              </tr>
            </thead>
            <tbody>
              {queues.map((q) => (
                <tr key={q.code} data-queue={q.code}>
                  <td className="queue-cell">
                    <Link to={listHref({ view: "queue", workspace, queue: q.code })}>{q.name}</Link>
                    {q.description && <p className="hint">{q.description}</p>}
                  </td>
                  <td className="queue-cell">
                    {q.mayChange ? (
                      <MethodForm
                        workspace={workspace}
                        queue={q}
                        version={list.data.version}
                        onConflict={setConflict}
                      />
                    ) : (
                      <p className="queue-method">{methodSentence(q.distribution)}</p>
                    )}
                  </td>
                  <td className="queue-cell">{t("queuesPage.cases", { count: q.waiting })}</td>
                  <td className="queue-cell">{t("queuesPage.members", { count: q.members })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
