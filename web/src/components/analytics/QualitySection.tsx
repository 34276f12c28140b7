// 4. Quality: the mean score overall, per sending team and per kind (lowest first), and the
// lowest-scoring transfers (LowestScores.tsx).
import { useTranslation } from "react-i18next";
import type { HandoffAnalyticsAnswer } from "../../api/types.ts";
import { numberText } from "../../lib/format.ts";
import { namer } from "../../lib/handoffAnalytics.ts";
import { colorAt } from "../../lib/projectVolume.ts";
import { ChartOrTable } from "./ChartOrTable.tsx";
import { BarList } from "./charts.tsx";
import { LowestScores } from "./LowestScores.tsx";
import { NumberTable } from "./NumberTable.tsx";
import { AnalyticsSection, type Csv } from "./Section.tsx";

function ScoreFigure({
  title,
  first,
  tallies,
  name,
  csv,
}: {
  title: string;
  first: string;
  tallies: HandoffAnalyticsAnswer["scores"]["byKind"];
  name: (code: string) => string;
  csv: string;
}) {
  const { t } = useTranslation();
  const rows = tallies
    .filter((s) => s.scored > 0)
    .map((s) => ({ ...s, name: name(s.key), score: s.average ?? 0 }));
  return (
    <ChartOrTable
      title={title}
      csv={csv}
      empty={rows.length === 0 ? t("analyticsPage.noScores") : undefined}
      summary={t("analyticsPage.scoreSummary", {
        count: rows.length,
        lowest: rows[0] ? `${rows[0].name} (${numberText(rows[0].average, 1)})` : "—",
      })}
      chart={
        <BarList
          rows={rows}
          category="name"
          max={100}
          decimals
          series={[{ key: "score", name: t("analyticsPage.meanScore"), color: colorAt(0) }]}
        />
      }
      table={
        <NumberTable
          caption={title}
          rows={rows}
          rowKey={(s) => s.key}
          columns={[
            { header: first, cell: (s) => s.name },
            { header: t("analyticsPage.scored"), cell: (s) => numberText(s.scored) },
            { header: t("analyticsPage.meanScore"), cell: (s) => numberText(s.average, 1) },
            { header: t("analyticsPage.bouncedBack"), cell: (s) => numberText(s.bounced) },
          ]}
        />
      }
    />
  );
}

export function QualitySection({ data, csv }: { data: HandoffAnalyticsAnswer; csv: Csv }) {
  const { t } = useTranslation();
  const overall = data.scores.overall;
  return (
    <AnalyticsSection
      title={t("analyticsPage.qualityTitle")}
      question={t("analyticsPage.qualityQuestion")}
    >
      <dl className="analytics-stats">
        <div>
          <dt>{t("analyticsPage.meanScore")}</dt>
          <dd>{numberText(overall.average, 1)}</dd>
        </div>
        <div>
          <dt>{t("analyticsPage.scored")}</dt>
          <dd>{numberText(overall.scored)}</dd>
        </div>
        <div>
          <dt>{t("analyticsPage.bouncedBack")}</dt>
          <dd>{numberText(overall.bounced)}</dd>
        </div>
      </dl>
      <ScoreFigure
        title={t("analyticsPage.scoresByTeam")}
        first={t("analyticsPage.team")}
        tallies={data.scores.byQueue}
        name={namer(data.choices, "queues")}
        csv={csv("scores")}
      />
      <ScoreFigure
        title={t("analyticsPage.scoresByKind")}
        first={t("analyticsPage.kind")}
        tallies={data.scores.byKind}
        name={namer(data.choices, "kinds")}
        csv={csv("scores")}
      />
      <LowestScores data={data} csv={csv("lowest")} />
    </AnalyticsSection>
  );
}
