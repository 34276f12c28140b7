// The hand-off sheet: the workspace's standing list of cases that need attention. Everyone on the
// page sees additions, claims and completions as they happen (the live stream refreshes the case
// lists, and the sheet is one). What each person may do to an entry is the server's answer.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { SheetEntry, SheetMove } from "../api/types.ts";
import { SheetAddForm } from "../components/SheetAddForm.tsx";
import { useToast } from "../components/Toasts.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { rememberWorkspace, usePolicy } from "../hooks/workspace.ts";
import { labelIn } from "../lib/policy.ts";
import { browserZone, dayAndTime } from "../lib/zonedTime.ts";

export const sheetHref = (workspace: string) => `/w/${encodeURIComponent(workspace)}/sheet`;

// Labels are message keys.
const FILTERS = [
  { value: "open", label: "sheetPage.filterOpen", query: { state: "active" } },
  { value: "mine", label: "sheetPage.filterMine", query: { mine: "true" } },
  { value: "done", label: "sheetPage.filterDone", query: { state: "done" } },
] as const;
type Filter = (typeof FILTERS)[number]["value"];

const BUTTONS: { move: Exclude<SheetMove, "edit">; label: string }[] = [
  { move: "claim", label: "sheetPage.claim" },
  { move: "release", label: "sheetPage.release" },
  { move: "done", label: "sheetPage.done" },
];

const STATE_LABELS: Record<SheetEntry["state"], string> = {
  open: "sheetPage.stateOpen",
  claimed: "sheetPage.stateClaimed",
  done: "sheetPage.stateDone",
};

function EntryButtons({ workspace, entry }: { workspace: string; entry: SheetEntry }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { notify } = useToast();
  const mutation = useMutation({
    mutationFn: (move: Exclude<SheetMove, "edit">) =>
      endpoints.moveSheetEntry(workspace, entry.id, move, entry.version),
    onError: (error) => notify(errorMessage(error), "error"),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.caseLists }),
  });
  return (
    <div className="btn-row">
      {BUTTONS.filter((b) => entry.actions.includes(b.move)).map((b) => (
        <button
          key={b.move}
          type="button"
          className="btn btn-small"
          disabled={mutation.isPending}
          aria-label={t("sheetPage.labelCaseNumber", {
            label: t(b.label),
            number: entry.case.number,
          })}
          onClick={() => mutation.mutate(b.move)}
        >
          {t(b.label)}
        </button>
      ))}
    </div>
  );
}

export function SheetPage() {
  const { t } = useTranslation();
  const { workspace = "" } = useParams();
  useEffect(() => rememberWorkspace(workspace), [workspace]);
  useDocumentTitle(t("sheetPage.handOffSheet"));
  const [params, setParams] = useSearchParams();
  const filter: Filter = FILTERS.some((f) => f.value === params.get("show"))
    ? (params.get("show") as Filter)
    : "open";
  const query = new URLSearchParams(FILTERS.find((f) => f.value === filter)?.query);
  const policy = usePolicy(workspace);
  const zone = browserZone();
  const sheet = useQuery({
    queryKey: queryKeys.sheet(workspace, query.toString()),
    queryFn: ({ signal }) => endpoints.sheet(workspace, query, signal),
  });
  const items = sheet.data?.items ?? [];

  return (
    <div className="page">
      <header className="page-header">
        <h1 tabIndex={-1} className="page-title">
          {t("sheetPage.handOffSheet")}
        </h1>
        <a className="btn" href={endpoints.sheetCsvHref(workspace, query)} download>
          {t("sheetPage.downloadCsv")}
        </a>
      </header>
      {sheet.data?.viewer.add && (
        <details className="panel">
          <summary>{t("sheetPage.addACase")}</summary>
          <SheetAddForm workspace={workspace} policy={policy.data} />
        </details>
      )}
      <fieldset className="btn-row sheet-filter">
        <legend className="visually-hidden">{t("sheetPage.show")}</legend>
        {FILTERS.map((f) => (
          <button
            key={f.value}
            type="button"
            className={`btn btn-small ${f.value === filter ? "is-active" : ""}`}
            aria-pressed={f.value === filter}
            onClick={() => setParams(f.value === "open" ? {} : { show: f.value })}
          >
            {t(f.label)}
          </button>
        ))}
      </fieldset>
      {sheet.isPending && <p className="muted">{t("sheetPage.loading")}</p>}
      {sheet.isError && (
        <p role="alert" className="error-text">
          {errorMessage(sheet.error)}
        </p>
      )}
      {sheet.isSuccess && items.length === 0 && (
        <p className="muted">{t("sheetPage.nothingOnTheSheet")}</p>
      )}
      {items.length > 0 && (
        <table className="case-table sheet-table">
          <caption className="visually-hidden">{t("sheetPage.handOffSheetDueSoonest")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("sheetPage.case")}</th>
              <th scope="col">{t("sheetPage.needs")}</th>
              <th scope="col">{t("sheetPage.dueZone", { zone })}</th>
              <th scope="col">{t("sheetPage.queue")}</th>
              <th scope="col">{t("sheetPage.claimedBy")}</th>
              <th scope="col">{t("sheetPage.state")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("sheetPage.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id} data-entry={e.id}>
                <td>
                  <Link to={`/cases/${e.case.number}`}>#{e.case.number}</Link> {e.case.subject}
                  <div className="muted small">
                    {labelIn(policy.data?.severities, e.case.severity)} ·{" "}
                    {e.case.owner ? e.case.owner.name : t("sheetPage.unassigned")}
                  </div>
                </td>
                <td className="prewrap">
                  {e.needs}
                  {e.note && <div className="muted small">{e.note}</div>}
                </td>
                <td>
                  {e.dueAt ? (
                    dayAndTime(e.dueAt, zone)
                  ) : (
                    <span className="muted">{t("sheetPage.none")}</span>
                  )}
                </td>
                <td>{labelIn(policy.data?.queues, e.queue ?? e.case.queue)}</td>
                <td>
                  {e.claimedBy ? t("sheetPage.claimedByName", { name: e.claimedBy.name }) : ""}
                </td>
                <td>
                  {e.state === "done" && e.doneBy
                    ? t("sheetPage.doneByName", { name: e.doneBy.name })
                    : t(STATE_LABELS[e.state])}
                </td>
                <td>
                  <EntryButtons workspace={workspace} entry={e} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {sheet.data?.more && <p className="muted">{t("sheetPage.moreEntriesMatchDownloadThe")}</p>}
    </div>
  );
}
