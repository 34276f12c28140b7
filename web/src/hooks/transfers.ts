import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { endpoints } from "../api/endpoints.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { CaseEvent } from "../lib/liveEvents.ts";
import { transferKeysToInvalidate } from "../lib/transfers.ts";
import { useCaseEvents, useLiveStatus } from "./liveUpdates.tsx";

/** Transfers waiting on me (approvals, acceptances, my steps), shared by the nav and inboxes. */
export function useWaitingTransfers() {
  return useQuery({
    queryKey: queryKeys.waitingTransfers,
    queryFn: ({ signal }) => endpoints.waitingTransfers(signal),
    select: (page) => page.items,
    staleTime: 30_000,
  });
}

/** A case's transfers, newest first (the open one and past ones). */
export function useCaseTransfers(number: number, enabled = true) {
  return useQuery({
    queryKey: queryKeys.caseTransfers(number),
    queryFn: ({ signal }) => endpoints.caseTransfers(number, signal),
    select: (page) => page.items,
    enabled,
  });
}

const BATCH_MS = 150;

/**
 * Keeps the transfer inboxes live: `transfer.*` case events make them stale (the case's own
 * transfer queries live under ["case", n] and are refreshed by the live-updates provider), and
 * so does coming back after a gap in the stream, when events may have been missed.
 */
export function useTransferLiveUpdates(): void {
  const queryClient = useQueryClient();
  const batch = useRef<CaseEvent[]>([]);
  const timer = useRef<number | undefined>(undefined);
  useCaseEvents((event) => {
    batch.current.push(event);
    timer.current ??= window.setTimeout(() => {
      timer.current = undefined;
      const events = batch.current;
      batch.current = [];
      for (const queryKey of transferKeysToInvalidate(events))
        void queryClient.invalidateQueries({ queryKey });
    }, BATCH_MS);
  });
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const status = useLiveStatus();
  const wasLive = useRef(false);
  const hadGap = useRef(false);
  useEffect(() => {
    if (status === "reconnecting" && wasLive.current) hadGap.current = true;
    if (status === "live") {
      wasLive.current = true;
      if (hadGap.current) {
        hadGap.current = false;
        void queryClient.invalidateQueries({ queryKey: queryKeys.transfers });
      }
    }
  }, [status, queryClient]);
}

/** The value, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(id);
  }, [value, ms]);
  return settled;
}
