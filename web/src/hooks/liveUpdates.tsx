import { useQueryClient } from "@tanstack/react-query";
import { throttle } from "es-toolkit";
import {
  createContext,
  type ReactNode,
  use,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { api } from "../api/client.ts";
import { queryKeys } from "../api/queryKeys.ts";
import {
  type CaseEvent,
  casesShown,
  keysToInvalidate,
  parseCaseEvent,
  parseNotificationEvent,
  reconnectDelay,
} from "../lib/liveEvents.ts";

export type LiveStatus = "connecting" | "live" | "reconnecting";

type Listener = (event: CaseEvent) => void;

interface LiveContextValue {
  status: LiveStatus;
  subscribe: (listener: Listener) => () => void;
}

const LiveContext = createContext<LiveContextValue | null>(null);

const BATCH_MS = 150;
/** Counts (the side navigation's) are read again at most this often while cases keep changing. */
export const COUNT_REFRESH_MS = 5_000;

/**
 * One EventSource for the signed-in app. Each `case` event makes that case's queries and the
 * lists stale (TanStack Query refetches what is on screen); a `notification` event, my
 * notifications. The browser reconnects by itself
 * after a network error; when the stream is closed for good (an HTTP error, e.g. the server
 * restarting) it is reopened with backoff, after checking the session is still valid. After any
 * gap everything is refetched, since events may have been missed.
 */
export function LiveUpdatesProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const listeners = useRef(new Set<Listener>());

  useEffect(() => {
    let source: EventSource | null = null;
    let attempt = 0;
    let hadGap = false;
    let disposed = false;
    let retry: number | undefined;
    let flushTimer: number | undefined;
    let batch: CaseEvent[] = [];
    // A busy workspace changes cases many times a second: the counts follow the first change at
    // once and then at most every COUNT_REFRESH_MS, with the last change always counted.
    const refreshCounts = throttle(
      () => void queryClient.invalidateQueries({ queryKey: queryKeys.caseCountsAll }),
      COUNT_REFRESH_MS,
    );

    const flush = () => {
      flushTimer = undefined;
      const events = batch;
      batch = [];
      for (const queryKey of keysToInvalidate(events))
        void queryClient.invalidateQueries({ queryKey });
      if (events.length === 0) return;
      refreshCounts();
      const numbers = new Set(events.map((e) => e.number));
      void queryClient.invalidateQueries({
        queryKey: ["projects"],
        predicate: (query) => casesShown(query.state.data).some((n) => numbers.has(n)),
      });
    };

    const connect = () => {
      if (disposed) return;
      const es = new EventSource("/api/v1/events");
      source = es;
      es.onopen = () => {
        setStatus("live");
        attempt = 0;
        if (hadGap) {
          hadGap = false;
          void queryClient.invalidateQueries({ queryKey: ["cases"] });
          void queryClient.invalidateQueries({ queryKey: ["case"] });
          void queryClient.invalidateQueries({ queryKey: queryKeys.caseCountsAll });
          void queryClient.invalidateQueries({ queryKey: queryKeys.notifications });
        }
      };
      es.addEventListener("case", (message) => {
        const event = parseCaseEvent(String(message.data));
        if (!event) return;
        batch.push(event);
        for (const l of listeners.current) l(event);
        flushTimer ??= window.setTimeout(flush, BATCH_MS);
      });
      // Mine only (the server sends each person theirs): the bell and the page refetch.
      es.addEventListener("notification", (message) => {
        const signal = parseNotificationEvent(String(message.data));
        if (!signal) return;
        void queryClient.invalidateQueries({ queryKey: queryKeys.notifications });
        // A request waiting on the desk, or the answer to one: the desk refetches.
        if (signal.kind.startsWith("desk_"))
          void queryClient.invalidateQueries({ queryKey: ["desk"] });
      });
      es.onerror = () => {
        hadGap = true;
        setStatus("reconnecting");
        if (es.readyState !== EventSource.CLOSED) return;
        es.close();
        retry = window.setTimeout(async () => {
          // A 401 here ends the session through the client's handler, which unmounts this.
          try {
            await api.get("/auth/session");
          } catch {}
          connect();
        }, reconnectDelay(attempt++));
      };
    };

    connect();
    return () => {
      disposed = true;
      source?.close();
      window.clearTimeout(retry);
      window.clearTimeout(flushTimer);
      refreshCounts.cancel();
    };
  }, [queryClient]);

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const value = useMemo<LiveContextValue>(() => ({ status, subscribe }), [status, subscribe]);
  return <LiveContext value={value}>{children}</LiveContext>;
}

export function useLiveStatus(): LiveStatus {
  return use(LiveContext)?.status ?? "connecting";
}

/** Calls `listener` for every case event while mounted. */
export function useCaseEvents(listener: Listener): void {
  const context = use(LiveContext);
  const ref = useRef(listener);
  ref.current = listener;
  const subscribe = context?.subscribe;
  useEffect(() => {
    if (!subscribe) return;
    return subscribe((e) => ref.current(e));
  }, [subscribe]);
}
