// 5. Ping-pong: cases handed on more often than the policy allows within its period, and who
// handed cases to whom that came straight back.
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { HandoffAnalyticsAnswer } from "../../api/types.ts";
import { dateTime, numberText } from "../../lib/format.ts";
import { colorAt } from "../../lib/projectVolume.ts";
import { ChartOrTable } from "./ChartOrTable.tsx";
import { BarList } from "./charts.tsx";
import { NumberTable } from "./NumberTable.tsx";
import { AnalyticsSection, type Csv } from "./Section.tsx";

export function PingPongSection({ data, csv }: { data: HandoffAnalyticsAnswer; csv: Csv }) {
  const { t } = useTranslation();
  const { pingPong } = data;
  const cases = pingPong.cases.map((c) => ({ ...c, label: `#${c.caseNumber}` }));
  const nobody = t("analyticsPage.queueNoOne");
  const pairs = pingPong.pairs.map((p) => ({
    ...p,
    label: `${p.from ?? nobody} → ${p.to ?? nobody}`,
  }));
  const casesTitle = t("analyticsPage.bouncedTooOften");
  const pairsTitle = t("analyticsPage.whoBouncedToWhom");
  return (
    <AnalyticsSection
      title={t("analyticsPage.pingPongTitle")}
      question={t("analyticsPage.pingPongQuestion", {
        limit: pingPong.limit,
        hours: pingPong.hours,
      })}
    >
      <ChartOrTable
        title={casesTitle}
        csv={csv("ping-pong")}
        initial="table"
        empty={cases.length === 0 ? t("analyticsPage.noPingPong") : undefined}
        summary={t("analyticsPage.barSummary", {
          count: cases.length,
          top: cases[0] ? `${cases[0].label} (${numberText(cases[0].handoffs)})` : "—",
        })}
        chart={
          <BarList
            rows={cases}
            category="label"
            series={[
              { key: "handoffs", name: t("analyticsPage.handoffsInPeriod"), color: colorAt(5) },
            ]}
          />
        }
        table={
          <NumberTable
            caption={casesTitle}
            rows={cases}
            rowKey={(c) => c.caseNumber}
            columns={[
              {
                header: t("analyticsPage.case"),
                cell: (c) => (
                  <>
                    <Link to={`/cases/${c.caseNumber}`}>{c.label}</Link> {c.subject}
                  </>
                ),
              },
              { header: t("analyticsPage.handoffsInPeriod"), cell: (c) => numberText(c.handoffs) },
              { header: t("analyticsPage.lastHandoff"), cell: (c) => dateTime(c.lastAt) },
            ]}
          />
        }
      />
      <ChartOrTable
        title={pairsTitle}
        csv={csv("bounces")}
        empty={pairs.length === 0 ? t("analyticsPage.noBounces") : undefined}
        summary={t("analyticsPage.barSummary", {
          count: pairs.length,
          top: pairs[0] ? `${pairs[0].label} (${numberText(pairs[0].bounced)})` : "—",
        })}
        chart={
          <BarList
            rows={pairs}
            category="label"
            series={[
              { key: "transfers", name: t("analyticsPage.transfersColumn"), color: colorAt(0) },
              { key: "bounced", name: t("analyticsPage.bouncedBack"), color: colorAt(5) },
            ]}
          />
        }
        table={
          <NumberTable
            caption={pairsTitle}
            rows={pairs}
            rowKey={(p) => `${p.fromId}-${p.toId}`}
            columns={[
              { header: t("analyticsPage.fromTo"), cell: (p) => p.label },
              { header: t("analyticsPage.transfersColumn"), cell: (p) => numberText(p.transfers) },
              { header: t("analyticsPage.bouncedBack"), cell: (p) => numberText(p.bounced) },
            ]}
          />
        }
      />
    </AnalyticsSection>
  );
}
