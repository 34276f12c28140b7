// Project volume: how many cases project work opens (by week, product and queue), how long the
// roadblocks take to resolve, and which projects they push back. Every chart has its table beside
// it with the same numbers, which is what a screen reader reads; the charts themselves are
// pictures of those tables. Filters live in the address, so a view can be shared.

import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect, useId } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { ProjectVolumeAnswer } from "../api/types.ts";
import { ReportFilterForm } from "../components/ReportFilterForm.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { rememberWorkspace } from "../hooks/workspace.ts";
import {
  colorAt,
  hoursText,
  reportQuery,
  type Series,
  shortWeek,
  weeklyChart,
} from "../lib/projectVolume.ts";

export const projectVolumeHref = (workspace: string) =>
  `/w/${encodeURIComponent(workspace)}/reports/project-volume`;

const CHART_HEIGHT = 260;
// Bars are drawn at once: no motion to sit through, and a screenshot shows the real figure.

/** A chart and the table holding its numbers, side by side (stacked on a phone). */
function ChartWithTable({
  title,
  summary,
  chart,
  table,
  csv,
}: {
  title: string;
  summary: string;
  chart: ReactNode;
  table: ReactNode;
  csv?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="report-block" aria-labelledby={id}>
      <div className="report-block-head">
        <h2 id={id}>{title}</h2>
        {csv && (
          <a className="btn btn-small" href={csv} download>
            {t("projectVolumePage.downloadCsv")}{" "}
            <span className="visually-hidden"> {t("projectVolumePage.ofTitle", { title })}</span>
          </a>
        )}
      </div>
      <div className="report-pair">
        <figure className="report-chart" data-chart={title}>
          {/* The table beside it says the same; the picture is for sighted readers. */}
          <div role="img" aria-label={summary}>
            <div aria-hidden="true">{chart}</div>
          </div>
        </figure>
        <div className="report-table table-scroll">{table}</div>
      </div>
    </section>
  );
}

function WeeklyChart({
  rows,
  series,
}: {
  rows: Record<string, string | number>[];
  series: Series[];
}) {
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
      <BarChart data={rows} accessibilityLayer={false} margin={{ left: -20, right: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="week" tickFormatter={shortWeek} fontSize={12} />
        <YAxis allowDecimals={false} fontSize={12} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.name}
            stackId="week"
            fill={s.color}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

function WeeklyTable({
  caption,
  rows,
  series,
}: {
  caption: string;
  rows: Record<string, string | number>[];
  series: Series[];
}) {
  const { t } = useTranslation();
  return (
    <table className="case-table report-numbers">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("projectVolumePage.week")}</th>
          {series.map((s) => (
            <th scope="col" key={s.key}>
              <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
              {s.name}
            </th>
          ))}
          <th scope="col">{t("projectVolumePage.total")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={String(r.week)}>
            <th scope="row">
              {r.week}
              <div className="muted small nowrap">
                {t("projectVolumePage.fromStartson", { startsOn: r.startsOn })}
              </div>
            </th>
            {series.map((s) => (
              <td key={s.key}>{r[s.key]}</td>
            ))}
            <td>{series.reduce((n, s) => n + Number(r[s.key] ?? 0), 0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Weekly({
  report,
  by,
  csv,
}: {
  report: ProjectVolumeAnswer;
  by: "product" | "queue";
  csv: string;
}) {
  const { t } = useTranslation();
  const totals = by === "product" ? report.volume.byProduct : report.volume.byQueue;
  const { rows, series } = weeklyChart(
    totals,
    report.volume.weeks.map((w) => ({
      week: w.week,
      startsOn: w.startsOn,
      parts: by === "product" ? w.byProduct : w.byQueue,
    })),
  );
  const title =
    by === "product"
      ? t("projectVolumePage.casesByWeekAndProduct")
      : t("projectVolumePage.casesByWeekAndQueue");
  const busiest = totals[0];
  const n = report.volume.cases;
  const summary = t("projectVolumePage.weeklySummary", {
    context: by,
    cases: t("projectVolumePage.cases", { count: n }),
    weeks: t("projectVolumePage.weeks", { count: rows.length }),
    most: busiest
      ? t("projectVolumePage.mostFor", { name: busiest.name, count: busiest.cases })
      : "",
  });
  return (
    <ChartWithTable
      title={title}
      summary={summary}
      csv={csv}
      chart={<WeeklyChart rows={rows} series={series} />}
      table={<WeeklyTable caption={title} rows={rows} series={series} />}
    />
  );
}

function Resolution({ report, csv }: { report: ProjectVolumeAnswer; csv: string }) {
  const { t } = useTranslation();
  const { overall, byProduct } = report.resolution;
  const rows = byProduct.map((p) => ({
    name: p.name,
    median: p.medianHours ?? 0,
    p90: p.p90Hours ?? 0,
  }));
  return (
    <ChartWithTable
      title={t("projectVolumePage.timeFromRoadblockToResolution")}
      summary={t("projectVolumePage.barChartOfMedianAnd", {
        resolved: overall.resolved,
        hoursText: hoursText(overall.medianHours),
      })}
      csv={csv}
      chart={
        <ResponsiveContainer width="100%" height={Math.max(140, 60 + rows.length * 44)}>
          <BarChart
            data={rows}
            layout="vertical"
            accessibilityLayer={false}
            margin={{ left: 8, right: 16 }}
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" unit={t("projectVolumePage.h")} fontSize={12} />
            <YAxis type="category" dataKey="name" width={110} fontSize={12} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar
              dataKey="median"
              name={t("projectVolumePage.median")}
              fill={colorAt(0)}
              isAnimationActive={false}
            />
            <Bar
              dataKey="p90"
              name={t("projectVolumePage.percentile90")}
              fill={colorAt(1)}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <table className="case-table report-numbers">
          <caption>{t("projectVolumePage.hoursFromRoadblockToResolution")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("projectVolumePage.product")}</th>
              <th scope="col">{t("projectVolumePage.resolved")}</th>
              <th scope="col">{t("projectVolumePage.median")}</th>
              <th scope="col">{t("projectVolumePage.n90thPercentile")}</th>
            </tr>
          </thead>
          <tbody>
            {[
              // The server names the overall row in English; the page says it in the reader's language.
              { ...overall, name: t("projectVolumePage.allProducts") },
              ...byProduct,
            ].map((p) => (
              <tr key={`${p.code ?? "-"}:${p.name}`}>
                <th scope="row">{p.name}</th>
                <td>{p.resolved}</td>
                <td>{hoursText(p.medianHours)}</td>
                <td>{hoursText(p.p90Hours)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

function OpenRoadblocks({ report, csv }: { report: ProjectVolumeAnswer; csv: string }) {
  const { t } = useTranslation();
  const open = report.resolution.open;
  const id = useId();
  return (
    <section className="report-block" aria-labelledby={id}>
      <div className="report-block-head">
        <h2 id={id}>{t("projectVolumePage.roadblocksNotResolvedYet")}</h2>
        <a className="btn btn-small" href={csv} download>
          {t("projectVolumePage.downloadCsv")}{" "}
          <span className="visually-hidden">
            {" "}
            {t("projectVolumePage.ofRoadblocksNotResolvedYet")}
          </span>
        </a>
      </div>
      {open.length === 0 ? (
        <p className="muted">{t("projectVolumePage.everyRoadblockSCaseIs")}</p>
      ) : (
        <div className="table-scroll">
          <table className="case-table report-numbers">
            <caption className="visually-hidden">
              {t("projectVolumePage.openRoadblocksOldestFirst")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("projectVolumePage.task")}</th>
                <th scope="col">{t("projectVolumePage.case")}</th>
                <th scope="col">{t("projectVolumePage.project")}</th>
                <th scope="col">{t("projectVolumePage.product")}</th>
                <th scope="col">{t("projectVolumePage.age")}</th>
              </tr>
            </thead>
            <tbody>
              {open.map((o) => (
                <tr key={o.taskNumber}>
                  <th scope="row">
                    T-{o.taskNumber} {o.taskTitle}
                  </th>
                  <td>
                    <Link to={`/cases/${o.caseNumber}`}>#{o.caseNumber}</Link>
                  </td>
                  <td>{o.project}</td>
                  <td>{o.productName}</td>
                  <td>
                    {o.ageDays}{" "}
                    {o.ageDays === 1 ? t("projectVolumePage.day") : t("projectVolumePage.days")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.resolution.openMore && (
        <p className="muted">{t("projectVolumePage.moreRoadblocksAreOpenDownload")}</p>
      )}
    </section>
  );
}

function MovedProjects({ report, csv }: { report: ProjectVolumeAnswer; csv: string }) {
  const { t } = useTranslation();
  const moved = report.movedProjects;
  if (moved.length === 0)
    return (
      <section className="report-block">
        <h2>{t("projectVolumePage.projectsWhoseTimelinesMoved")}</h2>
        <p className="muted">{t("projectVolumePage.noBlockedTaskInThis")}</p>
      </section>
    );
  const rows = moved.map((p) => ({
    name: p.code,
    end: p.daysMoved,
    due: p.maxDaysPastDue,
  }));
  return (
    <ChartWithTable
      title={t("projectVolumePage.projectsWhoseTimelinesMoved")}
      summary={`Bar chart of days moved for ${moved.length} projects; most: ${moved[0]?.name} (${moved[0]?.daysMoved} days past its planned end). The table beside it has the numbers.`}
      csv={csv}
      chart={
        <ResponsiveContainer width="100%" height={Math.max(140, 60 + rows.length * 44)}>
          <BarChart
            data={rows}
            layout="vertical"
            accessibilityLayer={false}
            margin={{ left: 8, right: 16 }}
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis
              type="number"
              allowDecimals={false}
              unit={t("projectVolumePage.d")}
              fontSize={12}
            />
            <YAxis type="category" dataKey="name" width={110} fontSize={12} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar
              dataKey="end"
              name={t("projectVolumePage.daysPastPlannedEnd")}
              fill={colorAt(5)}
              isAnimationActive={false}
            />
            <Bar
              dataKey="due"
              name={t("projectVolumePage.largestTaskSlip")}
              fill={colorAt(4)}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <table className="case-table report-numbers">
          <caption>{t("projectVolumePage.blockedTasksThatFinishAfter")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("projectVolumePage.project")}</th>
              <th scope="col">{t("projectVolumePage.task")}</th>
              <th scope="col">{t("projectVolumePage.dueExpected")}</th>
              <th scope="col">{t("projectVolumePage.daysLate")}</th>
            </tr>
          </thead>
          <tbody>
            {moved.flatMap((p) =>
              p.tasks.map((task, i) => (
                <tr key={`${p.code}-${task.number}`}>
                  {i === 0 && (
                    <th scope="rowgroup" rowSpan={p.tasks.length}>
                      {p.name}
                      <div className="muted small">
                        {p.endsOn
                          ? t("projectVolumePage.plannedEndEndson", { endsOn: p.endsOn })
                          : t("projectVolumePage.noPlannedEnd")}
                        {p.projectedEndOn
                          ? t("projectVolumePage.nowProjectedendonDaysmovedD", {
                              projectedEndOn: p.projectedEndOn,
                              daysMoved: p.daysMoved,
                            })
                          : ""}
                      </div>
                    </th>
                  )}
                  <td>
                    T-{task.number} {task.title}{" "}
                    <Link to={`/cases/${task.caseNumber}`}>#{task.caseNumber}</Link>
                  </td>
                  <td>
                    {task.dueOn ?? "—"} → {task.finishOn}
                  </td>
                  <td>
                    {task.daysPastDue}
                    {task.daysPastProjectEnd > 0 && (
                      <div className="muted small">
                        {t("projectVolumePage.dayspastprojectendPastProjectEnd", {
                          daysPastProjectEnd: task.daysPastProjectEnd,
                        })}
                      </div>
                    )}
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      }
    />
  );
}

function Filters({
  report,
  params,
  apply,
}: {
  report: ProjectVolumeAnswer | undefined;
  params: URLSearchParams;
  apply: (next: URLSearchParams) => void;
}) {
  const { t } = useTranslation();
  return (
    <ReportFilterForm
      params={params}
      range={report}
      apply={apply}
      // Keyed by the address, so the fields show what is applied after back and forward.
      formKey={params.toString()}
      words={{
        from: t("projectVolumePage.from"),
        to: t("projectVolumePage.to"),
        show: t("projectVolumePage.show"),
        reset: t("projectVolumePage.last12WeeksEverything"),
      }}
      selects={[
        {
          name: "project",
          label: t("projectVolumePage.project"),
          all: t("projectVolumePage.allProjects"),
          options: report?.choices.projects ?? [],
        },
        {
          name: "product",
          label: t("projectVolumePage.product"),
          all: t("projectVolumePage.allProducts"),
          options: report?.choices.products ?? [],
        },
        {
          name: "queue",
          label: t("projectVolumePage.queueOpenedInto"),
          all: t("projectVolumePage.allQueues"),
          options: report?.choices.queues ?? [],
        },
      ]}
    />
  );
}

export function ProjectVolumePage() {
  const { t } = useTranslation();
  const { workspace = "" } = useParams();
  useEffect(() => rememberWorkspace(workspace), [workspace]);
  useDocumentTitle(t("projectVolumePage.projectVolume"));
  const [params, setParams] = useSearchParams();
  const query = reportQuery(params);
  const report = useQuery({
    queryKey: queryKeys.projectVolume(workspace, query.toString()),
    queryFn: ({ signal }) => endpoints.projectVolume(workspace, query, signal),
    placeholderData: (previous) => previous,
  });
  const data = report.data;
  const csv = (table: string) => endpoints.projectVolumeCsvHref(workspace, query, table);

  return (
    <div className="page report-page">
      <header className="page-header">
        <h1 tabIndex={-1} className="page-title">
          {t("projectVolumePage.projectVolume")}
        </h1>
        <a className="btn" href={csv("weekly")} download>
          {t("projectVolumePage.downloadCsv")}
        </a>
      </header>
      <p className="muted">{t("projectVolumePage.casesOpenedFromProjectTasks")}</p>
      <Filters report={data} params={params} apply={setParams} />
      {report.isPending && <p className="muted">{t("projectVolumePage.loading")}</p>}
      {report.isError && (
        <p role="alert" className="error-text">
          {errorMessage(report.error)}
        </p>
      )}
      {data && (
        <>
          <p className="report-summary" aria-live="polite">
            <strong>{data.volume.cases}</strong>{" "}
            {data.volume.cases === 1 ? t("projectVolumePage.case2") : t("projectVolumePage.cases")}{" "}
            {t("projectVolumePage.openedFromProjectWorkFrom", {
              from: data.from,
              to: data.to,
              zone: data.zone,
            })}
            {data.filters.project
              ? t("projectVolumePage.forName", { name: data.filters.project.name })
              : ""}
            .
          </p>
          {data.volume.cases === 0 && (
            <p className="muted">{t("projectVolumePage.noProjectTaskOpenedA")}</p>
          )}
          <Weekly report={data} by="product" csv={csv("weekly")} />
          <Weekly report={data} by="queue" csv={csv("weekly")} />
          <Resolution report={data} csv={csv("resolution")} />
          <OpenRoadblocks report={data} csv={csv("open")} />
          <MovedProjects report={data} csv={csv("moved")} />
        </>
      )}
    </div>
  );
}
