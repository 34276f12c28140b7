// 1. How many transfers ended, and how: by outcome, per ISO week, per kind, between regions and
// between queues.
import { useTranslation } from "react-i18next";
import type { HandoffAnalyticsAnswer } from "../../api/types.ts";
import { numberText } from "../../lib/format.ts";
import {
  namer,
  OUTCOMES,
  type OutcomeRow,
  outcomeRows,
  outcomesPresent,
  pairName,
  weekRows,
} from "../../lib/handoffAnalytics.ts";
import { shortWeek } from "../../lib/projectVolume.ts";
import { ChartOrTable } from "./ChartOrTable.tsx";
import { BarList, ColumnChart } from "./charts.tsx";
import { OUTCOME_KEYS, OutcomeTable, useOutcomeSeries } from "./Outcomes.tsx";
import { AnalyticsSection, type Csv } from "./Section.tsx";

function OutcomeFigure({
  title,
  first,
  rows,
  csv,
  weekly = false,
}: {
  title: string;
  first: string;
  rows: OutcomeRow[];
  csv: string;
  weekly?: boolean;
}) {
  const { t } = useTranslation();
  const outcomes = outcomesPresent(rows);
  const series = useOutcomeSeries(outcomes);
  const total = rows.reduce((n, r) => n + r.total, 0);
  const top = [...rows].sort((a, b) => b.total - a.total)[0];
  return (
    <ChartOrTable
      title={title}
      csv={csv}
      empty={total === 0 ? t("analyticsPage.noHandoffsHere") : undefined}
      summary={t("analyticsPage.outcomeSummary", {
        transfers: t("analyticsPage.transfers", { count: total }),
        most: top ? `${top.label} (${numberText(top.total)})` : "—",
      })}
      chart={
        weekly ? (
          <ColumnChart
            rows={rows}
            category="key"
            series={series}
            stacked
            tickFormatter={shortWeek}
          />
        ) : (
          <BarList rows={rows} category="label" series={series} stacked />
        )
      }
      table={<OutcomeTable caption={title} first={first} rows={rows} outcomes={outcomes} />}
    />
  );
}

export function TransfersSection({ data, csv }: { data: HandoffAnalyticsAnswer; csv: Csv }) {
  const { t } = useTranslation();
  const { transfers } = data;
  const kind = namer(data.choices, "kinds");
  const queue = namer(data.choices, "queues");
  const region = namer(data.choices, "regions");
  return (
    <AnalyticsSection
      title={t("analyticsPage.transfersTitle")}
      question={t("analyticsPage.transfersQuestion")}
    >
      <dl className="analytics-stats">
        <div>
          <dt>{t("analyticsPage.total")}</dt>
          <dd>{numberText(transfers.totals.total)}</dd>
        </div>
        {OUTCOMES.map((o) => (
          <div key={o}>
            <dt>{t(OUTCOME_KEYS[o])}</dt>
            <dd>{numberText(transfers.totals[o])}</dd>
          </div>
        ))}
      </dl>
      <OutcomeFigure
        title={t("analyticsPage.perWeek")}
        first={t("analyticsPage.week")}
        rows={weekRows(transfers.byWeek)}
        csv={csv("weeks")}
        weekly
      />
      <OutcomeFigure
        title={t("analyticsPage.perKind")}
        first={t("analyticsPage.kind")}
        rows={outcomeRows(transfers.byKind, kind)}
        csv={csv("kinds")}
      />
      <OutcomeFigure
        title={t("analyticsPage.betweenRegions")}
        first={t("analyticsPage.regionPair")}
        rows={outcomeRows(transfers.byRegionPair, (k) => pairName(k, region))}
        csv={csv("region-pairs")}
      />
      <OutcomeFigure
        title={t("analyticsPage.betweenQueues")}
        first={t("analyticsPage.queuePair")}
        rows={outcomeRows(transfers.byQueuePair, (k) => pairName(k, queue))}
        csv={csv("queue-pairs")}
      />
    </AnalyticsSection>
  );
}
