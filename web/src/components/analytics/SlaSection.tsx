// 6. SLA after handoffs: per kind, completed handoffs followed by a breach within the policy's
// window, and not.
import { useTranslation } from "react-i18next";
import type { HandoffAnalyticsAnswer } from "../../api/types.ts";
import { numberText, percentText } from "../../lib/format.ts";
import { namer } from "../../lib/handoffAnalytics.ts";
import { colorAt } from "../../lib/projectVolume.ts";
import { ChartOrTable } from "./ChartOrTable.tsx";
import { BarList } from "./charts.tsx";
import { AnalyticsSection, type Csv } from "./Section.tsx";

export function SlaSection({ data, csv }: { data: HandoffAnalyticsAnswer; csv: Csv }) {
  const { t } = useTranslation();
  const kind = namer(data.choices, "kinds");
  const rows = data.sla.byKind
    .filter((s) => s.handoffs > 0)
    .map((s) => ({ ...s, name: kind(s.kind) }));
  const title = t("analyticsPage.slaPerKind");
  const worst = [...rows].sort((a, b) => (b.share ?? 0) - (a.share ?? 0))[0];
  return (
    <AnalyticsSection
      title={t("analyticsPage.slaTitle")}
      question={t("analyticsPage.slaQuestion", { hours: data.sla.windowHours })}
    >
      <ChartOrTable
        title={title}
        csv={csv("sla")}
        empty={rows.length === 0 ? t("analyticsPage.noCompletedHandoffs") : undefined}
        summary={t("analyticsPage.barSummary", {
          count: rows.length,
          top: worst ? `${worst.name} (${percentText(worst.share)})` : "—",
        })}
        chart={
          <BarList
            rows={rows}
            category="name"
            stacked
            series={[
              { key: "breachedAfter", name: t("analyticsPage.breachedAfter"), color: colorAt(5) },
              { key: "notBreached", name: t("analyticsPage.notBreached"), color: colorAt(2) },
            ]}
          />
        }
        table={
          <table className="case-table report-numbers">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("analyticsPage.kind")}</th>
                <th scope="col">{t("analyticsPage.handoffs")}</th>
                <th scope="col">{t("analyticsPage.breachedAfter")}</th>
                <th scope="col">{t("analyticsPage.notBreached")}</th>
                <th scope="col">{t("analyticsPage.share")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.kind}>
                  <th scope="row">{s.name}</th>
                  <td>{numberText(s.handoffs)}</td>
                  <td>{numberText(s.breachedAfter)}</td>
                  <td>{numberText(s.notBreached)}</td>
                  <td>{percentText(s.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </AnalyticsSection>
  );
}
