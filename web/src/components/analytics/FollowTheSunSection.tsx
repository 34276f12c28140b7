// 3. Follow the sun: 24x7 cases handed over on time against missed handovers, per region pair
// and per handover meeting, and the misses by the region of the case's owner.
import { useTranslation } from "react-i18next";
import type { HandoffAnalyticsAnswer } from "../../api/types.ts";
import { numberText, percentText } from "../../lib/format.ts";
import { namer, type SunTally, sunRows } from "../../lib/handoffAnalytics.ts";
import { meetingTitle } from "../../lib/meetingTitle.ts";
import { colorAt } from "../../lib/projectVolume.ts";
import { ChartOrTable } from "./ChartOrTable.tsx";
import { BarList } from "./charts.tsx";
import { AnalyticsSection, type Csv } from "./Section.tsx";

function SunFigure({
  title,
  first,
  rows,
  csv,
}: {
  title: string;
  first: string;
  rows: (SunTally & { label: string })[];
  csv: string;
}) {
  const { t } = useTranslation();
  const worst = rows[0];
  return (
    <ChartOrTable
      title={title}
      csv={csv}
      empty={rows.length === 0 ? t("analyticsPage.noSunHandovers") : undefined}
      summary={t("analyticsPage.sunSummary", {
        count: rows.length,
        worst: worst ? `${worst.label} (${percentText(worst.missedShare)})` : "—",
      })}
      chart={
        <BarList
          rows={rows}
          category="label"
          stacked
          series={[
            { key: "handedOver", name: t("analyticsPage.handedOverOnTime"), color: colorAt(2) },
            { key: "missed", name: t("analyticsPage.missed"), color: colorAt(5) },
          ]}
        />
      }
      table={
        <table className="case-table report-numbers">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{first}</th>
              <th scope="col">{t("analyticsPage.handedOverOnTime")}</th>
              <th scope="col">{t("analyticsPage.missed")}</th>
              <th scope="col">{t("analyticsPage.missedShare")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td>{numberText(r.handedOver)}</td>
                <td>{numberText(r.missed)}</td>
                <td>{percentText(r.missedShare)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

export function FollowTheSunSection({ data, csv }: { data: HandoffAnalyticsAnswer; csv: Csv }) {
  const { t } = useTranslation();
  const region = namer(data.choices, "regions");
  const noRegion = t("analyticsPage.noRegion");
  const pair = (r: SunTally) =>
    `${r.fromRegion ? region(r.fromRegion) : noRegion} → ${r.toRegion ? region(r.toRegion) : noRegion}`;
  const missed = data.followTheSun.missed
    .filter((m) => m.missed > 0)
    .map((m) => ({ region: m.region ? region(m.region) : noRegion, missed: m.missed }));
  const missedTitle = t("analyticsPage.missedByRegion");
  return (
    <AnalyticsSection title={t("analyticsPage.sunTitle")} question={t("analyticsPage.sunQuestion")}>
      <SunFigure
        title={t("analyticsPage.sunByPair")}
        first={t("analyticsPage.regionPair")}
        rows={sunRows(data.followTheSun.pairs, pair)}
        csv={csv("follow-the-sun")}
      />
      <SunFigure
        title={t("analyticsPage.sunByMeeting")}
        first={t("analyticsPage.meeting")}
        rows={sunRows(data.followTheSun.meetings, (m) => `${meetingTitle(m.title)} (${pair(m)})`)}
        csv={csv("meetings")}
      />
      <ChartOrTable
        title={missedTitle}
        // The per-pair CSV holds the misses by the owner's region: its "from" side.
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
