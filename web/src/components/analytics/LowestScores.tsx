// The lowest-scoring transfers of the quality section, each with what every criterion gave and
// why; a score whose windows are still open is marked provisional.
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

export function LowestScores({ data, csv }: { data: HandoffAnalyticsAnswer; csv: string }) {
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
