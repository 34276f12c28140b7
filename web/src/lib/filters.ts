// Case list filters live in the URL so a view can be bookmarked and shared. This module is the
// one translation between the three forms: the filter object the page uses, the page's
// URLSearchParams, and the API's query string.
import { CASE_STATUSES, type CaseStatus, isCaseStatus } from "./caseStatus.ts";

export type StatusFilter = "open" | "all" | CaseStatus[];
/** Anyone, me, nobody, or one agent by id (a saved view may name one). */
export type OwnerFilter = "any" | "me" | "none" | (string & {});
export type SortKey = "updated" | "number" | "severity" | "due" | "relevance";
export type SortDir = "asc" | "desc";

export interface SortSpec {
  key: SortKey;
  dir: SortDir;
}

export interface CaseFilters {
  status: StatusFilter;
  severity: string | null;
  region: string | null;
  is24x7: boolean | null;
  /** Only in queue and all-cases views; "My cases" is always owner=me. */
  owner: OwnerFilter;
  q: string;
  /**
   * Order of the list: "due" and "relevance" (best match of q first) are the server's; others
   * reorder the loaded cases.
   */
  sort: SortSpec;
}

/** Which list: my cases, one queue, or every case of a workspace. */
export type ListScope =
  | { view: "mine"; workspace: string }
  | { view: "queue"; workspace: string; queue: string }
  | { view: "all"; workspace: string };

export const DEFAULT_SORT: SortSpec = { key: "updated", dir: "desc" };
export const RELEVANCE_SORT: SortSpec = { key: "relevance", dir: "desc" };

/** A search lists the best matches first unless another order is chosen. */
export const defaultSort = (q: string): SortSpec => (q ? RELEVANCE_SORT : DEFAULT_SORT);

export const DEFAULT_FILTERS: CaseFilters = {
  status: "open",
  severity: null,
  region: null,
  is24x7: null,
  owner: "any",
  q: "",
  sort: DEFAULT_SORT,
};

/** The direction a column sorts in when first chosen. */
export const NATURAL_DIR: Record<SortKey, SortDir> = {
  updated: "desc",
  number: "desc",
  // Ascending severity rank: the most severe first.
  severity: "asc",
  // The soonest deadline first.
  due: "asc",
  relevance: "desc",
};

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const AGENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SORT_KEYS: readonly SortKey[] = ["updated", "number", "severity", "due", "relevance"];
export const MAX_QUERY_TEXT = 200;

const asCode = (value: string | null): string | null =>
  value !== null && CODE.test(value) ? value : null;

/** Single line, no control characters, at most 200 characters: what the API accepts as q. */
export function cleanText(value: string): string {
  let out = "";
  for (const ch of value) {
    const c = ch.codePointAt(0) ?? 0;
    out += c < 0x20 || c === 0x7f ? " " : ch;
  }
  return out.trim().replace(/\s+/g, " ").slice(0, MAX_QUERY_TEXT).trim();
}

function parseStatus(raw: string | null): StatusFilter {
  if (raw === null || raw === "" || raw === "open") return "open";
  if (raw === "all") return "all";
  const wanted = new Set(raw.split(",").filter(isCaseStatus));
  if (wanted.size === 0) return "open";
  // Canonical order, so equal filters give equal URLs and query keys.
  return CASE_STATUSES.filter((s) => wanted.has(s));
}

function parseSort(raw: string | null, q: string): SortSpec {
  if (!raw) return defaultSort(q);
  const desc = raw.startsWith("-");
  const key = desc ? raw.slice(1) : raw;
  if (!(SORT_KEYS as readonly string[]).includes(key)) return defaultSort(q);
  // Best match first, always: there is no worst match first, nor a match without words.
  if (key === "relevance") return defaultSort(q);
  return { key: key as SortKey, dir: desc ? "desc" : "asc" };
}

/** Reads filters from a page URL; anything unknown or malformed falls back to the default. */
export function parseFilters(params: URLSearchParams): CaseFilters {
  const is24 = params.get("is24x7");
  const owner = params.get("owner");
  const q = cleanText(params.get("q") ?? "");
  return {
    status: parseStatus(params.get("status")),
    severity: asCode(params.get("severity")),
    region: asCode(params.get("region")),
    is24x7: is24 === "true" ? true : is24 === "false" ? false : null,
    owner:
      owner === "me" || owner === "none" || AGENT_ID.test(owner ?? "") ? (owner ?? "any") : "any",
    q,
    sort: parseSort(params.get("sort"), q),
  };
}

export function statusParam(status: StatusFilter): string {
  return typeof status === "string" ? status : status.join(",");
}

export function sortParam(sort: SortSpec): string {
  return `${sort.dir === "desc" ? "-" : ""}${sort.key}`;
}

/** The page URL's search params for these filters; defaults are left out, order is stable. */
export function filtersToSearchParams(filters: CaseFilters): URLSearchParams {
  const p = new URLSearchParams();
  const status = statusParam(filters.status);
  if (status !== "open") p.set("status", status);
  if (filters.severity) p.set("severity", filters.severity);
  if (filters.region) p.set("region", filters.region);
  if (filters.is24x7 !== null) p.set("is24x7", String(filters.is24x7));
  if (filters.owner !== "any") p.set("owner", filters.owner);
  const q = cleanText(filters.q);
  if (q) p.set("q", q);
  const sort = sortParam(filters.sort);
  if (sort !== sortParam(defaultSort(q)) && !(filters.sort.key === "relevance" && !q))
    p.set("sort", sort);
  return p;
}

/** The list's filters as the API takes them (GET /cases, counts, saved views): no paging, no order. */
export function apiFilters(scope: ListScope, filters: CaseFilters): Record<string, string> {
  const p: Record<string, string> = {};
  const owner = scope.view === "mine" ? "me" : filters.owner;
  if (owner !== "any") p.owner = owner;
  if (scope.view === "queue") p.queue = scope.queue;
  if (filters.status !== "all") p.status = statusParam(filters.status);
  if (filters.region) p.region = filters.region;
  if (filters.severity) p.severity = filters.severity;
  if (filters.is24x7 !== null) p.is24x7 = String(filters.is24x7);
  const q = cleanText(filters.q);
  if (q) p.q = q;
  return p;
}

/** The GET /api/v1/cases query for a list scope and its filters. Only the server's orders are sent. */
export function toApiQuery(
  scope: ListScope,
  filters: CaseFilters,
  page: { cursor?: string | null; limit?: number } = {},
): URLSearchParams {
  const p = new URLSearchParams({ workspace: scope.workspace, ...apiFilters(scope, filters) });
  if (filters.sort.key === "due") p.set("sort", "due");
  if (filters.sort.key === "relevance" && p.has("q")) p.set("sort", "relevance");
  if (page.cursor) p.set("cursor", page.cursor);
  if (page.limit !== undefined) p.set("limit", String(page.limit));
  return p;
}

/** New search words: the best matches first, unless the person chose another order. */
export function withSearch(filters: CaseFilters, q: string): CaseFilters {
  const chosen = sortParam(filters.sort) !== sortParam(defaultSort(filters.q));
  return { ...filters, q, sort: chosen ? filters.sort : defaultSort(q) };
}

/** Filters that narrow the list (not sorting): how many, for "Clear filters". */
export function activeFilterCount(filters: CaseFilters, scope: ListScope): number {
  let n = 0;
  if (statusParam(filters.status) !== "open") n++;
  if (filters.severity) n++;
  if (filters.region) n++;
  if (filters.is24x7 !== null) n++;
  if (scope.view !== "mine" && filters.owner !== "any") n++;
  if (filters.q) n++;
  return n;
}

/** Clears the narrowing filters and keeps the chosen order (but best match needs words). */
export function clearFilters(filters: CaseFilters): CaseFilters {
  return {
    ...DEFAULT_FILTERS,
    sort: filters.sort.key === "relevance" ? DEFAULT_SORT : filters.sort,
  };
}

/** Path of a list view; the search part comes from filtersToSearchParams. */
export function scopePath(scope: ListScope): string {
  const ws = encodeURIComponent(scope.workspace);
  switch (scope.view) {
    case "mine":
      return `/w/${ws}/mine`;
    case "queue":
      return `/w/${ws}/queues/${encodeURIComponent(scope.queue)}`;
    case "all":
      return `/w/${ws}/all`;
  }
}

export function listHref(scope: ListScope, filters: CaseFilters = DEFAULT_FILTERS): string {
  const search = filtersToSearchParams(filters).toString();
  return search ? `${scopePath(scope)}?${search}` : scopePath(scope);
}
