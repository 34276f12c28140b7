// The hand-off sheet: the workspace's standing list of cases that need attention. Everyone on the
// page sees additions, claims and completions as they happen (the live stream refreshes the case
// lists, and the sheet is one). What each person may do to an entry is the server's answer.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
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

const FILTERS = [
  { value: "open", label: "Open", query: { state: "active" } },
  { value: "mine", label: "Claimed by me", query: { mine: "true" } },
  { value: "done", label: "Done", query: { state: "done" } },
] as const;
type Filter = (typeof FILTERS)[number]["value"];

const BUTTONS: { move: Exclude<SheetMove, "edit">; label: string }[] = [
  { move: "claim", label: "Claim" },
  { move: "release", label: "Release" },
  { move: "done", label: "Done" },
];

const STATE_LABELS: Record<SheetEntry["state"], string> = {
  open: "Open",
  claimed: "Claimed",
  done: "Done",
};

function EntryButtons({ workspace, entry }: { workspace: string; entry: SheetEntry }) {
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
          aria-label={`${b.label} case ${entry.case.number}`}
          onClick={() => mutation.mutate(b.move)}
        >
          {b.label}
        </button>
      ))}
    </div>
  );
}

export function SheetPage() {
  const { workspace = "" } = useParams();
  useEffect(() => rememberWorkspace(workspace), [workspace]);
  useDocumentTitle("Hand-off sheet");
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
          Hand-off sheet
        </h1>
        <a className="btn" href={endpoints.sheetCsvHref(workspace, query)} download>
          Download CSV
        </a>
      </header>
      {sheet.data?.viewer.add && (
        <details className="panel">
          <summary>Add a case</summary>
          <SheetAddForm workspace={workspace} policy={policy.data} />
        </details>
      )}
      <fieldset className="btn-row sheet-filter">
        <legend className="visually-hidden">Show</legend>
        {FILTERS.map((f) => (
          <button
            key={f.value}
            type="button"
            className={`btn btn-small ${f.value === filter ? "is-active" : ""}`}
            aria-pressed={f.value === filter}
            onClick={() => setParams(f.value === "open" ? {} : { show: f.value })}
          >
            {f.label}
          </button>
        ))}
      </fieldset>
      {sheet.isPending && <p className="muted">Loading…</p>}
      {sheet.isError && (
        <p role="alert" className="error-text">
          {errorMessage(sheet.error)}
        </p>
      )}
      {sheet.isSuccess && items.length === 0 && <p className="muted">Nothing on the sheet.</p>}
      {items.length > 0 && (
        <table className="case-table sheet-table">
          <caption className="visually-hidden">Hand-off sheet, due soonest first</caption>
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Needs</th>
              <th scope="col">Due ({zone})</th>
              <th scope="col">Queue</th>
              <th scope="col">Claimed by</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
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
                    {e.case.owner ? e.case.owner.name : "Unassigned"}
                  </div>
                </td>
                <td className="prewrap">
                  {e.needs}
                  {e.note && <div className="muted small">{e.note}</div>}
                </td>
                <td>{e.dueAt ? dayAndTime(e.dueAt, zone) : <span className="muted">None</span>}</td>
                <td>{labelIn(policy.data?.queues, e.queue ?? e.case.queue)}</td>
                <td>{e.claimedBy ? `Claimed by ${e.claimedBy.name}` : ""}</td>
                <td>
                  {e.state === "done" && e.doneBy
                    ? `Done by ${e.doneBy.name}`
                    : STATE_LABELS[e.state]}
                </td>
                <td>
                  <EntryButtons workspace={workspace} entry={e} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {sheet.data?.more && (
        <p className="muted">More entries match; download the CSV for all of them.</p>
      )}
    </div>
  );
}
