// Client-side order of the cases already loaded. The API pages by last change, so sorting by
// anything else only reorders what is on screen; the page says so.
import type { SortKey, SortSpec } from "./filters.ts";
import { NATURAL_DIR } from "./filters.ts";

export interface Sortable {
  number: number;
  severity: string;
  updatedAt: string;
  due: { dueAt: string | null };
}

/** Position of each severity code in the policy's list: earlier is more severe. */
export function severityRanker(codes: readonly string[]): (code: string) => number {
  const rank = new Map(codes.map((c, i) => [c, i]));
  return (code) => rank.get(code) ?? codes.length;
}

export function sortCases<T extends Sortable>(
  items: readonly T[],
  sort: SortSpec,
  severityRank: (code: string) => number,
): T[] {
  // Only the server knows how well each case matched: its order is kept.
  if (sort.key === "relevance") return [...items];
  const sign = sort.dir === "asc" ? 1 : -1;
  const time = (c: T) => Date.parse(c.updatedAt) || 0;
  const primary = (a: T, b: T): number => {
    switch (sort.key) {
      case "number":
        return a.number - b.number;
      case "severity":
        return severityRank(a.severity) - severityRank(b.severity);
      case "updated":
        return time(a) - time(b);
      case "relevance":
        return 0;
      case "due": {
        // Cases whose clocks do not run come last either way, as the server pages them.
        const da = a.due.dueAt ? Date.parse(a.due.dueAt) : Number.POSITIVE_INFINITY;
        const db = b.due.dueAt ? Date.parse(b.due.dueAt) : Number.POSITIVE_INFINITY;
        return da === db ? 0 : da < db ? -1 : 1;
      }
    }
  };
  // Ties fall back to the API's order (newest change first, then higher number): stable.
  return [...items].sort(
    (a, b) => sign * primary(a, b) || time(b) - time(a) || b.number - a.number,
  );
}

/** Clicking a column header: the same column flips direction, a new one starts naturally. */
export function nextSort(current: SortSpec, key: SortKey): SortSpec {
  if (current.key === key) return { key, dir: current.dir === "asc" ? "desc" : "asc" };
  return { key, dir: NATURAL_DIR[key] };
}

export function isServerOrder(sort: SortSpec): boolean {
  return (
    (sort.key === "updated" && sort.dir === "desc") ||
    (sort.key === "due" && sort.dir === "asc") ||
    sort.key === "relevance"
  );
}
