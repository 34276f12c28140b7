// Transfers counted by how they ended, as a table and as its chart's series.
import { useTranslation } from "react-i18next";
import { numberText } from "../../lib/format.ts";
import { OUTCOME_COLORS, type Outcome, type OutcomeRow } from "../../lib/handoffAnalytics.ts";
import type { ChartSeries } from "./charts.tsx";

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
  const series = useOutcomeSeries(outcomes);
  return (
    <table className="case-table report-numbers">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{first}</th>
          {series.map((s) => (
            <th scope="col" key={s.key}>
              <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
              {s.name}
            </th>
          ))}
          <th scope="col">{t("analyticsPage.total")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            {outcomes.map((o) => (
              <td key={o}>{numberText(r[o])}</td>
            ))}
            <td>{numberText(r.total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
