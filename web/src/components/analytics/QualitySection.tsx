// 4. Quality: the mean score overall, per sending team and per kind (lowest first), and the
// lowest-scoring transfers with what each criterion gave and why; provisional scores say so.
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { HandoffAnalyticsAnswer } from "../../api/types.ts";
import { dayText, numberText } from "../../lib/format.ts";
import { namer } from "../../lib/handoffAnalytics.ts";
import { colorAt } from "../../lib/projectVolume.ts";
import { reasonText } from "../../lib/scoreReasons.ts";
import { ChartOrTable } from "./ChartOrTable.tsx";
import { BarList } from "./charts.tsx";
import { NumberTable } from "./NumberTable.tsx";
import { AnalyticsSection, type Csv } from "./Section.tsx";

type LowScore = HandoffAnalyticsAnswer["lowest"][number];
type Criterion = LowScore["criteria"][number]["criterion"];

const CRITERION_KEYS: Record<Criterion, string> = {
  template: "analyticsPage.criterionTemplate",
  order: "analyticsPage.criterionOrder",
  customerTold: "analyticsPage.criterionCustomerTold",
  firstResponse: "analyticsPage.criterionFirstResponse",
  noBounce: "analyticsPage.criterionNoBounce",
  noReopen: "analyticsPage.criterionNoReopen",
};

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

function Criteria({ criteria }: { criteria: LowScore["criteria"] }) {
  const { t } = useTranslation();
  return (
    <ul className="analytics-criteria">
      {criteria.map((c) => (
        <li key={c.criterion} className={c.points < c.max ? "lost" : undefined}>
          <span className="analytics-criterion">
            {t(CRITERION_KEYS[c.criterion])}{" "}
            {t("analyticsPage.pointsOf", {
              points: numberText(c.points, 1),
              max: numberText(c.max, 1),
            })}
            {c.pending && ` · ${t("analyticsPage.pending")}`}
          </span>{" "}
          <span className="muted">{reasonText(c)}</span>
        </li>
      ))}
    </ul>
  );
}

function Lowest({ data, csv }: { data: HandoffAnalyticsAnswer; csv: string }) {
  const { t } = useTranslation();
  const kind = namer(data.choices, "kinds");
  const lowest = data.lowest;
  const title = t("analyticsPage.lowestTitle", { count: lowest.length });
  const rows = lowest.map((l) => ({ label: `#${l.caseNumber}`, score: l.score, id: l.transferId }));
  const nobody = t("analyticsPage.queueNoOne");
  return (
    <ChartOrTable
      title={title}
      csv={csv}
      initial="table"
      empty={lowest.length === 0 ? t("analyticsPage.noScores") : undefined}
      summary={t("analyticsPage.scoreSummary", {
        count: rows.length,
        lowest: rows[0] ? `${rows[0].label} (${rows[0].score})` : "—",
      })}
      chart={
        <BarList
          rows={rows}
          category="label"
          max={100}
          series={[{ key: "score", name: t("analyticsPage.score"), color: colorAt(0) }]}
        />
      }
      table={
        <NumberTable
          caption={title}
          className="analytics-lowest"
          rows={lowest}
          rowKey={(l) => l.transferId}
          columns={[
            {
              header: t("analyticsPage.case"),
              cell: (l) => (
                <>
                  <Link to={`/cases/${l.caseNumber}`}>#{l.caseNumber}</Link>
                  <div className="analytics-subject">{l.subject}</div>
                </>
              ),
            },
            {
              header: t("analyticsPage.score"),
              cell: (l) => (
                <>
                  <strong>{numberText(l.score)}</strong>
                  {!l.final && (
                    <div>
                      <span className="badge badge-gray">{t("analyticsPage.provisional")}</span>
                    </div>
                  )}
                </>
              ),
            },
            {
              header: t("analyticsPage.handoff"),
              cell: (l) => (
                <>
                  {kind(l.kind)}
                  <div className="muted small">
                    {l.from ?? nobody} → {l.to ?? nobody}
                  </div>
                  <div className="muted small">{dayText(l.day)}</div>
                </>
              ),
            },
            {
              header: t("analyticsPage.criteria"),
              cell: (l) => <Criteria criteria={l.criteria} />,
            },
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
      <Lowest data={data} csv={csv("lowest")} />
    </AnalyticsSection>
  );
}
