import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { endpoints } from "../api/endpoints.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { MeetingsQuery } from "../api/types.ts";
import { browserZone } from "../lib/zonedTime.ts";

/** Schedule views go stale every minute: shifts end and regions go on and off duty. */
const MINUTE = 60_000;

/** The viewer's time zone, read once. */
export function useViewerZone(): string {
  return useMemo(() => browserZone(), []);
}

/** Which regions are on duty (now, or at `at`), refreshed every minute and on focus. */
export function useRegionsOnDuty(workspace: string | null, at: string | null) {
  return useQuery({
    queryKey: queryKeys.regionsOnDuty(workspace ?? "", at ?? "now"),
    queryFn: ({ signal }) => endpoints.regionsOnDuty(workspace ?? "", at ?? undefined, signal),
    enabled: Boolean(workspace),
    refetchInterval: at ? false : MINUTE,
    refetchOnWindowFocus: true,
  });
}

/** A region's handoff board (now, or at `at`), refreshed every minute and on focus. */
export function useHandoffBoard(workspace: string, region: string, at: string | null) {
  return useQuery({
    queryKey: queryKeys.handoffBoard(workspace, region, at ?? "now"),
    queryFn: ({ signal }) => endpoints.handoffBoard(workspace, region, at ?? undefined, signal),
    refetchInterval: at ? false : MINUTE,
    refetchOnWindowFocus: true,
    placeholderData: (previous) => (previous?.region === region ? previous : undefined),
  });
}

export function useHandoverMeetings(q: MeetingsQuery) {
  return useQuery({
    queryKey: queryKeys.handoverMeetings(
      q.workspace,
      JSON.stringify([q.from, q.to, q.region ?? "", q.attendee ?? ""]),
    ),
    queryFn: ({ signal }) => endpoints.handoverMeetings(q, signal),
    refetchInterval: 5 * MINUTE,
    refetchOnWindowFocus: true,
    placeholderData: (previous) => previous,
  });
}

/** Follow the sun for one case, as the viewer (in their zone) sees it. */
export function useNextHolder(number: number) {
  const tz = useViewerZone();
  return useQuery({
    queryKey: queryKeys.nextHolder(number, tz),
    queryFn: ({ signal }) => endpoints.nextHolder(number, tz, signal),
    refetchInterval: MINUTE,
    refetchOnWindowFocus: true,
  });
}
