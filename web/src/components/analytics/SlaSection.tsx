// 6. SLA after handoffs: per kind, completed handoffs followed by a breach within the policy's
// window, and not.
import { useTranslation } from "react-i18next";
import type { HandoffAnalyticsAnswer } from "../../api/types.ts";
import { numberText, percentText } from "../../lib/format.ts";
import { namer } from "../../lib/handoffAnalytics.ts";
import { colorAt } from "../../lib/projectVolume.ts";
import { ChartOrTable } from "./ChartOrTable.tsx";
import { BarList } from "./charts.tsx";
import { NumberTable } from "./NumberTable.tsx";
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
          <NumberTable
            caption={title}
            rows={rows}
            rowKey={(s) => s.kind}
            columns={[
              { header: t("analyticsPage.kind"), cell: (s) => s.name },
              { header: t("analyticsPage.handoffs"), cell: (s) => numberText(s.handoffs) },
              {
                header: t("analyticsPage.breachedAfter"),
                cell: (s) => numberText(s.breachedAfter),
              },
              { header: t("analyticsPage.notBreached"), cell: (s) => numberText(s.notBreached) },
              { header: t("analyticsPage.share"), cell: (s) => percentText(s.share) },
            ]}
          />
        }
      />
    </AnalyticsSection>
  );
}
