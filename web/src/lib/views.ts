// A saved view holds a list's filters as the API takes them (owner and queue included); the list
// page holds a scope and its own filters. These two functions translate between the forms.
import type { SavedView } from "../api/types.ts";
import { apiFilters, type CaseFilters, type ListScope, parseFilters } from "./filters.ts";

/** The list a saved view shows: a queue's, my cases, or every case, with the view's filters. */
export function viewList(
  view: Pick<SavedView, "filters" | "sort">,
  workspace: string,
): { scope: ListScope; filters: CaseFilters } {
  const { queue, owner, ...rest } = view.filters;
  const scope: ListScope = queue
    ? { view: "queue", workspace, queue }
    : owner === "me"
      ? { view: "mine", workspace }
      : { view: "all", workspace };
  // The API's filters read as the page's address would: no status there is every status.
  const params = new URLSearchParams({ status: "all", ...rest });
  if (owner && scope.view !== "mine") params.set("owner", owner);
  return { scope, filters: { ...parseFilters(params), sort: view.sort } };
}

/** What a view saves of the list on screen. */
export function viewOf(scope: ListScope, filters: CaseFilters) {
  return { filters: apiFilters(scope, filters), sort: filters.sort };
}

/** Whether the list on screen still shows what the view saved. */
export function sameList(
  view: Pick<SavedView, "filters" | "sort">,
  scope: ListScope,
  filters: CaseFilters,
): boolean {
  const now = viewOf(scope, filters);
  const saved = viewList(view, scope.workspace);
  const savedNow = viewOf(saved.scope, saved.filters);
  return JSON.stringify(sortKeys(now)) === JSON.stringify(sortKeys(savedNow));
}

function sortKeys(v: ReturnType<typeof viewOf>) {
  return {
    filters: Object.fromEntries(Object.entries(v.filters).sort(([a], [b]) => a.localeCompare(b))),
    sort: { key: v.sort.key, dir: v.sort.dir },
  };
}
