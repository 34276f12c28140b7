// 3. Follow the sun: 24x7 cases handed from one region to the next, by region pair, and the
// handovers that were missed, by the region of the case's owner. Shows what the API gives.
import { useTranslation } from "react-i18next";
import type { HandoffAnalyticsAnswer } from "../../api/types.ts";
import { numberText } from "../../lib/format.ts";
import { namer } from "../../lib/handoffAnalytics.ts";
import { colorAt } from "../../lib/projectVolume.ts";
import { ChartOrTable } from "./ChartOrTable.tsx";
import { BarList } from "./charts.tsx";
import { AnalyticsSection, type Csv } from "./Section.tsx";

export function FollowTheSunSection({ data, csv }: { data: HandoffAnalyticsAnswer; csv: Csv }) {
  const { t } = useTranslation();
  const region = namer(data.choices, "regions");
  const handed = data.followTheSun.handedOver.map((h) => ({
    pair: `${region(h.fromRegion)} → ${region(h.toRegion)}`,
    handovers: h.handovers,
  }));
  const missed = data.followTheSun.missed.map((m) => ({
    region: m.region ? region(m.region) : t("analyticsPage.noRegion"),
    missed: m.missed,
  }));
  const handedTitle = t("analyticsPage.handedOverByPair");
  const missedTitle = t("analyticsPage.missedByRegion");
  return (
    <AnalyticsSection title={t("analyticsPage.sunTitle")} question={t("analyticsPage.sunQuestion")}>
      <ChartOrTable
        title={handedTitle}
        csv={csv("follow-the-sun")}
        empty={handed.length === 0 ? t("analyticsPage.noSunHandovers") : undefined}
        summary={t("analyticsPage.barSummary", {
          count: handed.length,
          top: handed[0] ? `${handed[0].pair} (${numberText(handed[0].handovers)})` : "—",
        })}
        chart={
          <BarList
            rows={handed}
            category="pair"
            series={[{ key: "handovers", name: t("analyticsPage.handovers"), color: colorAt(2) }]}
          />
        }
        table={
          <table className="case-table report-numbers">
            <caption>{handedTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t("analyticsPage.regionPair")}</th>
                <th scope="col">{t("analyticsPage.handovers")}</th>
              </tr>
            </thead>
            <tbody>
              {handed.map((h) => (
                <tr key={h.pair}>
                  <th scope="row">{h.pair}</th>
                  <td>{numberText(h.handovers)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <ChartOrTable
        title={missedTitle}
        csv={csv("follow-the-sun")}
        empty={missed.length === 0 ? t("analyticsPage.noMissedHandovers") : undefined}
        summary={t("analyticsPage.barSummary", {
          count: missed.length,
          top: missed[0] ? `${missed[0].region} (${numberText(missed[0].missed)})` : "—",
        })}
        chart={
          <BarList
            rows={missed}
            category="region"
            series={[{ key: "missed", name: t("analyticsPage.missed"), color: colorAt(5) }]}
          />
        }
        table={
          <table className="case-table report-numbers">
            <caption>{missedTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t("analyticsPage.region")}</th>
                <th scope="col">{t("analyticsPage.missed")}</th>
              </tr>
            </thead>
            <tbody>
              {missed.map((m) => (
                <tr key={m.region}>
                  <th scope="row">{m.region}</th>
                  <td>{numberText(m.missed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </AnalyticsSection>
  );
}
