/*
 * Follow-the-sun handovers on time against missed ones (docs/analytics.md), by region pair and
 * by the pair's meeting, from the rows the loaders grouped. Arithmetic only.
 */

/** Completed 24x7 handoffs to another region, or missed handovers, grouped by pair and meeting. */
export interface SunRow {
  fromRegion: string | null;
  toRegion: string | null;
  /** The meeting series ("APAC>EMEA"): one pair's meeting every working day. */
  meeting: string | null;
  meetingTitle: string | null;
  count: number;
}

export interface SunTally {
  fromRegion: string | null;
  toRegion: string | null;
  handedOver: number;
  missed: number;
  /** missed ÷ (handed over + missed); null with neither. */
  missedShare: number | null;
}

export interface MeetingTally extends SunTally {
  meeting: string;
  title: string;
}

const share = (missed: number, handedOver: number) =>
  missed + handedOver > 0 ? Math.round((missed / (missed + handedOver)) * 1000) / 1000 : null;

function tally<K extends SunTally>(
  rows: readonly { row: SunRow; missed: boolean }[],
  keyOf: (row: SunRow) => string | null,
  make: (row: SunRow) => Omit<K, "handedOver" | "missed" | "missedShare">,
): K[] {
  const out = new Map<string, K>();
  for (const { row, missed } of rows) {
    const key = keyOf(row);
    if (key === null) continue;
    const t = out.get(key) ?? ({ ...make(row), handedOver: 0, missed: 0, missedShare: null } as K);
    if (missed) t.missed += row.count;
    else t.handedOver += row.count;
    out.set(key, t);
  }
  return [...out.values()]
    .map((t) => ({ ...t, missedShare: share(t.missed, t.handedOver) }))
    .sort(
      (a, b) =>
        (b.missedShare ?? -1) - (a.missedShare ?? -1) ||
        b.missed - a.missed ||
        `${a.fromRegion}>${a.toRegion}`.localeCompare(`${b.fromRegion}>${b.toRegion}`),
    );
}

/**
 * Handed over and missed per region pair, and per meeting series, the worst share of misses
 * first. A miss whose receiving region is not known counts for its pair with no receiver.
 */
export function sunFigures(handedOver: readonly SunRow[], missed: readonly SunRow[]) {
  const rows = [
    ...handedOver.map((row) => ({ row, missed: false })),
    ...missed.map((row) => ({ row, missed: true })),
  ];
  const pairs = tally<SunTally>(
    rows,
    (r) => `${r.fromRegion ?? ""}>${r.toRegion ?? ""}`,
    (r) => ({ fromRegion: r.fromRegion, toRegion: r.toRegion }),
  );
  const meetings = tally<MeetingTally>(
    rows,
    (r) => r.meeting,
    (r) => ({
      meeting: r.meeting ?? "",
      title: r.meetingTitle ?? r.meeting ?? "",
      fromRegion: r.fromRegion,
      toRegion: r.toRegion,
    }),
  );
  return { pairs, meetings };
}
