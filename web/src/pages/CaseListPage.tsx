import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from "@tanstack/react-query";
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { API_BASE } from "../api/client.ts";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { CaseListItem } from "../api/types.ts";
import { useUser } from "../auth/AuthProvider.tsx";
import { BulkEdit } from "../components/BulkEdit.tsx";
import { BulkTransfer } from "../components/BulkTransfer.tsx";
import { CaseTable, moveRowFocus } from "../components/CaseTable.tsx";
import { Dialog } from "../components/Dialog.tsx";
import { FilterBar } from "../components/FilterBar.tsx";
import { SaveViewButton } from "../components/SaveViewDialog.tsx";
import { useShortcut } from "../hooks/shortcuts.tsx";
import { useAddressParams } from "../hooks/useAddressParams.ts";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { useNow } from "../hooks/useNow.ts";
import { rememberWorkspace, useAgents, usePolicy } from "../hooks/workspace.ts";
import {
  type CaseFilters,
  filtersToSearchParams,
  type ListScope,
  parseFilters,
  toApiQuery,
} from "../lib/filters.ts";
import { labelIn } from "../lib/policy.ts";
import { isServerOrder, nextSort, severityRanker, sortCases } from "../lib/sort.ts";
import { NotFoundPage } from "./NotFoundPage.tsx";

const PAGE_SIZE = 50;

export function CaseListPage({ view }: { view: ListScope["view"] }) {
  const { t } = useTranslation();
  const params = useParams();
  const user = useUser();
  const workspace = params.workspace ?? "";
  const queue = params.queue ?? "";
  const member = user.workspaces.some((w) => w.slug === workspace);
  if (!member) return <NotFoundPage what={t("caseListPage.workspaceWorkspace", { workspace })} />;
  const scope: ListScope =
    view === "queue"
      ? { view, workspace, queue }
      : view === "mine"
        ? { view, workspace }
        : { view, workspace };
  return <AddressCaseList key={`${view}:${workspace}:${queue}`} scope={scope} />;
}

/** A list whose filters live in the address, so it can be bookmarked; it may be saved as a view. */
function AddressCaseList({ scope }: { scope: ListScope }) {
  const [searchParams, editParams] = useAddressParams();
  const filters = useMemo(() => parseFilters(searchParams), [searchParams]);
  return (
    <CaseList
      scope={scope}
      filters={filters}
      setFilters={(change) =>
        editParams((current) => filtersToSearchParams(change(parseFilters(current))))
      }
      onClear={searchParams.toString() ? () => editParams(() => new URLSearchParams()) : undefined}
      actions={<SaveViewButton scope={scope} filters={filters} />}
    />
  );
}

export interface CaseListProps {
  scope: ListScope;
  filters: CaseFilters;
  /** Applies a change to the filters as they are when it runs. */
  setFilters: (change: (current: CaseFilters) => CaseFilters) => void;
  /** Back to the list's own filters; none when there is nothing to clear. */
  onClear?: () => void;
  /** The page's title instead of the scope's (a saved view's name). */
  title?: string;
  /** More buttons in the header, and notices above the filters. */
  actions?: ReactNode;
  notices?: ReactNode;
}

export function CaseList({
  scope,
  filters,
  setFilters,
  onClear,
  title: ownTitle,
  actions,
  notices,
}: CaseListProps) {
  const { t } = useTranslation();
  const policy = usePolicy(scope.workspace).data;
  const now = useNow(30_000);
  const tableRef = useRef<HTMLDivElement>(null);
  useEffect(() => rememberWorkspace(scope.workspace), [scope.workspace]);

  const apiQuery = toApiQuery(scope, filters);
  const query = useInfiniteQuery({
    queryKey: queryKeys.caseList(apiQuery.toString()),
    queryFn: ({ pageParam, signal }) =>
      endpoints.listCases(
        toApiQuery(scope, filters, { cursor: pageParam, limit: PAGE_SIZE }),
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });

  const items = useMemo(() => {
    const seen = new Set<number>();
    const all: CaseListItem[] = [];
    for (const page of query.data?.pages ?? [])
      for (const c of page.items)
        if (!seen.has(c.number)) {
          seen.add(c.number);
          all.push(c);
        }
    return all;
  }, [query.data]);

  const rank = useMemo(() => severityRanker(policy?.severities.map((s) => s.code) ?? []), [policy]);
  const sorted = useMemo(() => sortCases(items, filters.sort, rank), [items, filters.sort, rank]);

  // S3.4, issue 17: pick cases for one transfer or one edit, where the server says the caller may.
  const canTransfer = policy?.viewer?.transfer ?? false;
  const bulkEdit = policy?.viewer?.bulkEdit;
  const canEdit = Boolean(bulkEdit?.fields || bulkEdit?.owner);
  const agents = useAgents(canTransfer || bulkEdit?.owner ? scope.workspace : null).data;
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  // The cases as picked when a dialog opened: the list may refresh under it.
  const [bulk, setBulk] = useState<{ action: "transfer" | "edit"; cases: CaseListItem[] } | null>(
    null,
  );
  const bulkDone = (done: number[]) => {
    setSelected((s) => new Set([...s].filter((n) => !done.includes(n))));
    setBulk(null);
  };
  const picked = items.filter((c) => selected.has(c.number));
  const selection =
    canTransfer || canEdit
      ? {
          selected,
          toggle: (n: number) =>
            setSelected((s) => {
              const next = new Set(s);
              if (!next.delete(n)) next.add(n);
              return next;
            }),
          setAll: (numbers: number[], on: boolean) =>
            setSelected((s) => {
              const next = new Set(s);
              for (const n of numbers)
                if (on) next.add(n);
                else next.delete(n);
              return next;
            }),
        }
      : undefined;

  const queueName = scope.view === "queue" ? labelIn(policy?.queues, scope.queue) : "";
  const title =
    ownTitle ??
    (scope.view === "mine"
      ? t("caseListPage.myCases")
      : scope.view === "queue"
        ? t("caseListPage.queueQueuename", { queueName })
        : t("caseListPage.allCases"));
  useDocumentTitle(title);
  useShortcut("next", () => moveRowFocus(tableRef.current, 1));
  useShortcut("previous", () => moveRowFocus(tableRef.current, -1));

  const more = query.hasNextPage;
  const counted = t(filters.status === "open" ? "caseListPage.openCases" : "caseListPage.cases", {
    count: items.length,
  });
  const countText = query.isPending
    ? t("caseListPage.loadingCases")
    : more
      ? t("caseListPage.showingTheLatest", { cases: counted })
      : counted;
  const queueDescription =
    scope.view === "queue" ? policy?.queues.find((q) => q.code === scope.queue)?.description : "";

  return (
    <div className="page list-page">
      <header className="page-header">
        <div>
          <h1 tabIndex={-1} className="page-title">
            {title}
          </h1>
          {queueDescription ? <p className="muted">{queueDescription}</p> : null}
        </div>
        <div className="page-header-actions">
          {actions}
          {policy?.viewer?.pullNext && <NextCaseButton workspace={scope.workspace} />}
          {/* The server streams the whole list with these filters; the browser downloads it. */}
          <a className="btn" href={`${API_BASE}/cases.csv?${apiQuery.toString()}`} download>
            {t("caseListPage.exportCsv")}
          </a>
          <p className="count" aria-live="polite">
            {countText}
            {query.isFetching && !query.isPending && (
              <span className="muted"> {t("caseListPage.updating")}</span>
            )}
          </p>
        </div>
      </header>
      {notices}
      <FilterBar filters={filters} scope={scope} policy={policy} onChange={setFilters} />
      {!isServerOrder(filters.sort) && items.length > 0 && (
        <p className="sort-note">
          {t("caseListPage.sortedAmongLoaded", { count: items.length })}
          {more ? t("caseListPage.soOlderCasesAppearAfter") : "."}
        </p>
      )}
      {query.isError ? (
        <div className="notice notice-error" role="alert">
          <p>
            {t("caseListPage.couldNotLoadCasesErrormessage", {
              errorMessage: errorMessage(query.error),
            })}
          </p>
          <button type="button" className="btn" onClick={() => void query.refetch()}>
            {t("caseListPage.tryAgain")}
          </button>
        </div>
      ) : query.isPending ? (
        <div className="skeleton-table" aria-hidden="true">
          {Array.from({ length: 8 }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: placeholders
            <div key={i} className="skeleton-row" />
          ))}
        </div>
      ) : items.length === 0 ? (
        <div className="empty">
          <p>
            {filters.q
              ? t("caseListPage.nothingMatchedQ", { q: filters.q })
              : t("caseListPage.noCasesMatchThisView")}
          </p>
          {onClear && (
            <button type="button" className="btn" onClick={onClear}>
              {t("caseListPage.clearFilters")}
            </button>
          )}
        </div>
      ) : (
        <div ref={tableRef}>
          {picked.length > 0 && (
            <div className="bulk-bar" role="toolbar" aria-label={t("caseListPage.selectedCases")}>
              <span className="strong">
                {t("caseListPage.casesSelected", { count: picked.length })}
              </span>
              {canEdit && (
                <button
                  type="button"
                  className="btn btn-primary"
                  onClick={() => setBulk({ action: "edit", cases: picked })}
                >
                  {t("caseListPage.editSelected")}
                </button>
              )}
              {canTransfer && (
                <button
                  type="button"
                  className={canEdit ? "btn" : "btn btn-primary"}
                  onClick={() => setBulk({ action: "transfer", cases: picked })}
                >
                  {t("caseListPage.transferSelected")}
                </button>
              )}
              <button type="button" className="btn" onClick={() => setSelected(new Set())}>
                {t("caseListPage.clearSelection")}
              </button>
            </div>
          )}
          <CaseTable
            selection={selection}
            items={sorted}
            sort={filters.sort}
            onSort={(key) => setFilters((f) => ({ ...f, sort: nextSort(f.sort, key) }))}
            policy={policy}
            now={now}
            showOwner={scope.view !== "mine"}
            showQueue={scope.view !== "queue"}
            caption={`${title}: ${countText}`}
          />
          <p className="hint keyboard-hint">
            <kbd>j</kbd> / <kbd>k</kbd> {t("caseListPage.moveBetweenCases")}{" "}
            <kbd>{t("caseListPage.enter")}</kbd> {t("caseListPage.opensOne")}
          </p>
        </div>
      )}
      <Dialog
        open={bulk?.action === "transfer"}
        onClose={() => setBulk(null)}
        title={t("bulkTransfer.transferCases", { count: bulk?.cases.length ?? 0 })}
        className="bulk-dialog"
      >
        {/* Mounted per opening, so a new selection starts from an empty form. */}
        {bulk?.action === "transfer" && (
          <BulkTransfer cases={bulk.cases} policy={policy} agents={agents} onDone={bulkDone} />
        )}
      </Dialog>
      <Dialog
        open={bulk?.action === "edit"}
        onClose={() => setBulk(null)}
        title={t("bulkEdit.editCases", { count: bulk?.cases.length ?? 0 })}
        className="bulk-dialog"
      >
        {bulk?.action === "edit" && (
          <BulkEdit cases={bulk.cases} policy={policy} agents={agents} onDone={bulkDone} />
        )}
      </Dialog>
      {more && (
        <div className="load-more">
          <button
            type="button"
            className="btn"
            onClick={() => void query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
          >
            {query.isFetchingNextPage
              ? t("caseListPage.loading")
              : t("caseListPage.loadPageSizeMore", { PAGE_SIZE })}
          </button>
        </div>
      )}
    </div>
  );
}

/** "Next case for me": the most urgent waiting case of my queues becomes mine, then opens. */
function NextCaseButton({ workspace }: { workspace: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const pull = useMutation({
    mutationFn: () => endpoints.pullNextCase(workspace),
    onSuccess: (c) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.caseLists });
      navigate(`/cases/${c.number}`);
    },
  });
  return (
    <span className="next-case">
      <button
        type="button"
        className="btn btn-primary"
        disabled={pull.isPending}
        onClick={() => pull.mutate()}
      >
        {t("caseListPage.nextCaseForMe")}
      </button>
      {pull.isError && (
        <span className="field-error" role="alert">
          {errorMessage(pull.error)}
        </span>
      )}
    </span>
  );
}
