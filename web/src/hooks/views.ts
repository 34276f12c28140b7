import { keepPreviousData, useQueries, useQuery } from "@tanstack/react-query";
import { chunk } from "es-toolkit";
import { endpoints } from "../api/endpoints.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { CaseCount } from "../api/types.ts";

/** My saved views and those shared with me; read again now and then, since others change them. */
export function useSavedViews(workspace: string | null) {
  return useQuery({
    queryKey: queryKeys.views(workspace ?? ""),
    queryFn: () => endpoints.views(workspace ?? ""),
    enabled: workspace !== null,
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}

/** The API counts up to this many lists a request. */
const COUNTS_PER_REQUEST = 50;

export interface CountItem {
  key: string;
  filters: Record<string, string>;
}

/**
 * How many cases each list shows, by key: one request for up to 50 lists. Live case events make
 * these stale (throttled, in LiveUpdatesProvider), not every event at once.
 */
export function useCaseCounts(
  workspace: string | null,
  items: readonly CountItem[],
): ReadonlyMap<string, CaseCount> {
  return useQueries({
    queries: chunk([...items], COUNTS_PER_REQUEST).map((part) => ({
      queryKey: queryKeys.caseCounts(workspace ?? "", JSON.stringify(part)),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        endpoints.countCases(workspace ?? "", { items: part }, signal),
      enabled: workspace !== null,
      staleTime: 30_000,
      placeholderData: keepPreviousData,
    })),
    combine: (results) =>
      new Map(results.flatMap((r) => r.data?.items ?? []).map((c) => [c.key, c] as const)),
  });
}
