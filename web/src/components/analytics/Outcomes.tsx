// Transfers counted by how they ended, as a table and as its chart's series.
import { useTranslation } from "react-i18next";
import { numberText } from "../../lib/format.ts";
import { OUTCOME_COLORS, type Outcome, type OutcomeRow } from "../../lib/handoffAnalytics.ts";
import type { ChartSeries } from "./charts.tsx";
import { NumberTable } from "./NumberTable.tsx";

export const OUTCOME_KEYS: Record<Outcome, string> = {
  completed: "analyticsPage.outcomeCompleted",
  declined: "analyticsPage.outcomeDeclined",
  rejected: "analyticsPage.outcomeRejected",
  withdrawn: "analyticsPage.outcomeWithdrawn",
  expired: "analyticsPage.outcomeExpired",
};

export function useOutcomeSeries(outcomes: readonly Outcome[]): ChartSeries[] {
  const { t } = useTranslation();
  return outcomes.map((o) => ({ key: o, name: t(OUTCOME_KEYS[o]), color: OUTCOME_COLORS[o] }));
}

export function OutcomeTable({
  caption,
  first,
  rows,
  outcomes,
}: {
  caption: string;
  first: string;
  rows: readonly OutcomeRow[];
  outcomes: readonly Outcome[];
}) {
  const { t } = useTranslation();
  return (
    <NumberTable
      caption={caption}
      rows={rows}
      rowKey={(r) => r.key}
      columns={[
        { header: first, cell: (r) => r.label },
        ...outcomes.map((o) => ({
          header: t(OUTCOME_KEYS[o]),
          swatch: OUTCOME_COLORS[o],
          cell: (r: OutcomeRow) => numberText(r[o]),
        })),
        { header: t("analyticsPage.total"), cell: (r) => numberText(r.total) },
      ]}
    />
  );
}
