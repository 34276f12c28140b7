// 7. Capacity: open cases per day and queue over the range, and per agent on the last day.
import { useTranslation } from "react-i18next";
import type { HandoffAnalyticsAnswer } from "../../api/types.ts";
import { dayText, numberText, shortDayText } from "../../lib/format.ts";
import { agentLoad, capacityChart, namer } from "../../lib/handoffAnalytics.ts";
import { colorAt } from "../../lib/projectVolume.ts";
import { ChartOrTable } from "./ChartOrTable.tsx";
import { BarList, DayLines } from "./charts.tsx";
import { NumberTable } from "./NumberTable.tsx";
import { AnalyticsSection, type Csv } from "./Section.tsx";

export function CapacitySection({ data, csv }: { data: HandoffAnalyticsAnswer; csv: Csv }) {
  const { t } = useTranslation();
  const queue = namer(data.choices, "queues");
  const { series, rows } = capacityChart(data.capacity.byQueue, queue);
  const load = agentLoad(data.capacity.byAgent);
  const twice = new Set(load.map((a) => a.agentId).filter((id, i, all) => all.indexOf(id) !== i));
  // Someone working two queues has a bar for each, told apart by the queue.
  const agents = load.map((a) => {
    const name = a.name ?? t("analyticsPage.unknownAgent");
    return { ...a, label: twice.has(a.agentId) ? `${name} (${queue(a.queue)})` : name };
  });
  const lastDay = agents[0]?.day;
  const queueTitle = t("analyticsPage.openPerDayAndQueue");
  const agentTitle = lastDay
    ? t("analyticsPage.openPerAgentOn", { day: dayText(lastDay) })
    : t("analyticsPage.openPerAgent");
  return (
    <AnalyticsSection
      title={t("analyticsPage.capacityTitle")}
      question={t("analyticsPage.capacityQuestion")}
    >
      <ChartOrTable
        title={queueTitle}
        csv={csv("capacity")}
        empty={rows.length === 0 ? t("analyticsPage.noSnapshots") : undefined}
        summary={t("analyticsPage.capacitySummary", {
          queues: t("analyticsPage.queueCount", { count: series.length }),
          days: t("analyticsPage.dayCount", { count: rows.length }),
          busiest: series[0]?.name ?? "—",
        })}
        chart={<DayLines rows={rows} series={series} tickFormatter={shortDayText} />}
        table={
          <NumberTable
            caption={queueTitle}
            rows={rows}
            rowKey={(r) => String(r.day)}
            columns={[
              {
                header: t("analyticsPage.day"),
                className: "nowrap",
                cell: (r) => dayText(String(r.day)),
              },
              ...series.map((s) => ({
                header: s.name,
                swatch: s.color,
                key: s.key,
                cell: (r: (typeof rows)[number]) => numberText(Number(r[s.key] ?? 0)),
              })),
            ]}
          />
        }
      />
      <ChartOrTable
        title={agentTitle}
        csv={csv("capacity")}
        empty={agents.length === 0 ? t("analyticsPage.noSnapshots") : undefined}
        summary={t("analyticsPage.barSummary", {
          count: agents.length,
          top: agents[0] ? `${agents[0].label} (${numberText(agents[0].openCases)})` : "—",
        })}
        chart={
          <BarList
            rows={agents}
            category="label"
            series={[{ key: "openCases", name: t("analyticsPage.openCases"), color: colorAt(0) }]}
          />
        }
        table={
          <NumberTable
            caption={agentTitle}
            rows={agents}
            rowKey={(a) => `${a.agentId}-${a.queue}`}
            columns={[
              { header: t("analyticsPage.agent"), cell: (a) => a.label },
              { header: t("analyticsPage.queue"), cell: (a) => queue(a.queue) },
              { header: t("analyticsPage.openCases"), cell: (a) => numberText(a.openCases) },
            ]}
          />
        }
      />
    </AnalyticsSection>
  );
}
