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
import { NumberTable } from "./NumberTable.tsx";
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
        <NumberTable
          caption={title}
          rows={rows}
          rowKey={(r) => r.label}
          columns={[
            { header: first, cell: (r) => r.label },
            { header: t("analyticsPage.handedOverOnTime"), cell: (r) => numberText(r.handedOver) },
            { header: t("analyticsPage.missed"), cell: (r) => numberText(r.missed) },
            { header: t("analyticsPage.missedShare"), cell: (r) => percentText(r.missedShare) },
          ]}
        />
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
          <NumberTable
            caption={missedTitle}
            rows={missed}
            rowKey={(m) => m.region}
            columns={[
              { header: t("analyticsPage.region"), cell: (m) => m.region },
              { header: t("analyticsPage.missed"), cell: (m) => numberText(m.missed) },
            ]}
          />
        }
      />
    </AnalyticsSection>
  );
}
