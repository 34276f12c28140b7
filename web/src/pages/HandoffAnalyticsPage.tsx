// Handoff analytics (issue 18): how well cases change hands, for whoever reads cases in the
// workspace; the API decides whose handoffs they see and says so (`scope`). Each section answers
// one question with charts that turn into their tables, and a CSV of each. Filters live in the
// address, so a view can be shared.
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { HandoffAnalyticsAnswer } from "../api/types.ts";
import { AnalyticsFilters, type FilterChoices } from "../components/analytics/AnalyticsFilters.tsx";
import { CapacitySection } from "../components/analytics/CapacitySection.tsx";
import { FollowTheSunSection } from "../components/analytics/FollowTheSunSection.tsx";
import { PingPongSection } from "../components/analytics/PingPongSection.tsx";
import { QualitySection } from "../components/analytics/QualitySection.tsx";
import { SlaSection } from "../components/analytics/SlaSection.tsx";
import { StepsSection } from "../components/analytics/StepsSection.tsx";
import { TransfersSection } from "../components/analytics/TransfersSection.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { rememberWorkspace, usePolicy } from "../hooks/workspace.ts";
import { dateTime, dayText, listText } from "../lib/format.ts";
import { analyticsQuery, scopeWords } from "../lib/handoffAnalytics.ts";

export const handoffAnalyticsHref = (workspace: string) =>
  `/w/${encodeURIComponent(workspace)}/reports/handoffs`;

function Scope({ data }: { data: HandoffAnalyticsAnswer }) {
  const { t } = useTranslation();
  const words = scopeWords(data);
  return (
    <p className="analytics-scope">
      <span className="badge badge-blue">
        {words.key === "analyticsPage.scopeTeam"
          ? t(words.key, { queues: listText(words.queues) })
          : t(words.key)}
      </span>{" "}
      {t("analyticsPage.rangeLine", {
        from: dayText(data.range.from),
        to: dayText(data.range.to),
        zone: data.range.zone,
      })}{" "}
      <span className="muted">
        {data.refreshedAt
          ? t("analyticsPage.refreshedAt", { at: dateTime(data.refreshedAt) })
          : t("analyticsPage.notRefreshedYet")}
      </span>
    </p>
  );
}

export function HandoffAnalyticsPage() {
  const { t } = useTranslation();
  const { workspace = "" } = useParams();
  useEffect(() => rememberWorkspace(workspace), [workspace]);
  useDocumentTitle(t("analyticsPage.title"));
  const [params, setParams] = useSearchParams();
  const query = analyticsQuery(params);
  const report = useQuery({
    queryKey: queryKeys.handoffAnalytics(workspace, query.toString()),
    queryFn: ({ signal }) => endpoints.handoffAnalytics(workspace, query, signal),
    placeholderData: (previous) => previous,
    // A bad filter is the reader's to fix, not the network's to retry.
    retry: false,
  });
  const policy = usePolicy(workspace).data;
  const data = report.data;
  const choices: FilterChoices = data?.choices ?? {
    queues: policy?.queues ?? [],
    regions: (policy?.regions ?? []).map((r) => ({ code: r.code, name: r.code })),
    kinds: policy?.transferKinds ?? [],
  };
  const csv = (table: string) => endpoints.handoffAnalyticsCsvHref(workspace, query, table);

  return (
    <div className="page report-page analytics-page">
      <header className="page-header">
        <h1 tabIndex={-1} className="page-title">
          {t("analyticsPage.title")}
        </h1>
      </header>
      <p className="muted">{t("analyticsPage.intro")}</p>
      <AnalyticsFilters params={params} range={data?.range} choices={choices} apply={setParams} />
      {report.isPending && (
        <p className="muted" role="status">
          {t("analyticsPage.loading")}
        </p>
      )}
      {report.isError && (
        <p role="alert" className="error-text">
          {errorMessage(report.error)}
        </p>
      )}
      {data && !report.isError && (
        <div aria-busy={report.isPlaceholderData}>
          <Scope data={data} />
          <p className="report-summary" aria-live="polite">
            {data.transfers.totals.total === 0
              ? t("analyticsPage.noHandoffsInRange")
              : t("analyticsPage.handoffsEnded", { count: data.transfers.totals.total })}
          </p>
          <TransfersSection data={data} csv={csv} />
          <StepsSection data={data} csv={csv} />
          <FollowTheSunSection data={data} csv={csv} />
          <QualitySection data={data} csv={csv} />
          <PingPongSection data={data} csv={csv} />
          <SlaSection data={data} csv={csv} />
          <CapacitySection data={data} csv={csv} />
        </div>
      )}
    </div>
  );
}
