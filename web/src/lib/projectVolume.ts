// The project volume page's decisions: which filters go to the API, and the report's figures
// reshaped for a chart (one row per week, one numbered key per series).
import { t } from "i18next";
import { activeLocale } from "../i18n/locale.ts";

export const REPORT_FILTERS = ["from", "to", "project", "product", "queue"] as const;
export type ReportFilter = (typeof REPORT_FILTERS)[number];

/** The API query from the page's address: only the report's filters, and only those set. */
export function reportQuery(params: URLSearchParams): URLSearchParams {
  const query = new URLSearchParams();
  for (const name of REPORT_FILTERS) {
    const value = params.get(name)?.trim();
    if (value) query.set(name, value);
  }
  return query;
}

export interface Tally {
  code: string | null;
  name: string;
  cases: number;
}

export interface Series {
  /** A key safe for a chart's data rows, whatever the product or queue code is. */
  key: string;
  name: string;
  color: string;
}

/**
 * Colours told apart by people with the common colour-vision deficiencies (Okabe and Ito's
 * palette), repeated when there are more series than colours.
 */
export const PALETTE = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#CC79A7",
  "#56B4E9",
  "#D55E00",
  "#F0E442",
  "#000000",
] as const;

export const colorAt = (i: number): string => PALETTE[i % PALETTE.length] ?? "#0072B2";

/** Weeks as chart rows: { week, s0: cases of the first series, s1: … } and the series. */
export function weeklyChart(
  totals: readonly Tally[],
  weeks: readonly { week: string; startsOn: string; parts: readonly Tally[] }[],
): { series: Series[]; rows: Record<string, string | number>[] } {
  const series = totals.map((t, i) => ({ key: `s${i}`, name: t.name, color: colorAt(i) }));
  const rows = weeks.map((w) => {
    const row: Record<string, string | number> = { week: w.week, startsOn: w.startsOn };
    totals.forEach((t, i) => {
      row[`s${i}`] = w.parts.find((p) => p.code === t.code)?.cases ?? 0;
    });
    return row;
  });
  return { series, rows };
}

/** "2026-W14" → "W14", short enough for a phone's axis; the table keeps the full key. */
export const shortWeek = (week: string): string => week.replace(/^\d{4}-/, "");

/** Hours for people: one decimal, "—" for none. */
export const hoursText = (hours: number | null): string =>
  hours === null
    ? "—"
    : t("projectVolume.hours", {
        hours: hours.toLocaleString(activeLocale(), { maximumFractionDigits: 1 }),
      });
