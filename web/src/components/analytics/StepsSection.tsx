// 2. Where handoffs stall: median and 90th percentile minutes from the request to each step (and
// from completion to the receiver's first reply), overall and per kind, the slowest step marked.
import { useTranslation } from "react-i18next";
import type { HandoffAnalyticsAnswer } from "../../api/types.ts";
import { durationText, numberText } from "../../lib/format.ts";
import { anyStep, namer, type StepName, stepRows } from "../../lib/handoffAnalytics.ts";
import { colorAt } from "../../lib/projectVolume.ts";
import { ChartOrTable } from "./ChartOrTable.tsx";
import { BarList } from "./charts.tsx";
import { NumberTable } from "./NumberTable.tsx";
import { AnalyticsSection, type Csv } from "./Section.tsx";

export const STEP_KEYS: Record<StepName, string> = {
  approval: "analyticsPage.stepApproval",
  acceptance: "analyticsPage.stepAcceptance",
  customerTold: "analyticsPage.stepCustomerTold",
  completion: "analyticsPage.stepCompletion",
  firstResponse: "analyticsPage.stepFirstResponse",
  idleCarried: "analyticsPage.stepIdleCarried",
};

const SLOWEST_COLOR = colorAt(5);

function StepTable({ caption, steps }: { caption: string; steps: ReturnType<typeof stepRows> }) {
  const { t } = useTranslation();
  return (
    <NumberTable
      caption={caption}
      rows={steps}
      rowKey={(s) => s.step}
      marked={(s) => s.slowest}
      columns={[
        {
          header: t("analyticsPage.step"),
          cell: (s) => (
            <>
              {t(STEP_KEYS[s.step])}
              {s.slowest && (
                <>
                  {" "}
                  <span className="badge badge-orange">{t("analyticsPage.slowest")}</span>
                </>
              )}
            </>
          ),
        },
        { header: t("analyticsPage.transfersColumn"), cell: (s) => numberText(s.transfers) },
        { header: t("analyticsPage.median"), cell: (s) => durationText(s.medianMinutes) },
        { header: t("analyticsPage.p90"), cell: (s) => durationText(s.p90Minutes) },
        { header: t("analyticsPage.adds"), cell: (s) => durationText(s.addsMinutes) },
      ]}
    />
  );
}

function StepFigure({
  title,
  steps,
  csv,
}: {
  title: string;
  steps: HandoffAnalyticsAnswer["steps"]["overall"];
  csv: string;
}) {
  const { t } = useTranslation();
  const rows = stepRows(steps);
  const slowest = rows.find((r) => r.slowest);
  const chartRows = rows
    .filter((r) => r.transfers > 0)
    .map((r) => ({
      step: t(STEP_KEYS[r.step]),
      slowest: r.slowest,
      // Hours read better than minutes on an axis that may reach days.
      median: r.medianMinutes === null ? 0 : Math.round((r.medianMinutes / 60) * 10) / 10,
      p90: r.p90Minutes === null ? 0 : Math.round((r.p90Minutes / 60) * 10) / 10,
    }));
  const slowestWords = slowest
    ? t("analyticsPage.slowestStep", {
        step: t(STEP_KEYS[slowest.step]),
        adds: durationText(slowest.addsMinutes),
      })
    : "";
  return (
    <ChartOrTable
      title={title}
      csv={csv}
      empty={anyStep(steps) ? undefined : t("analyticsPage.noCompletedHandoffs")}
      note={slowest ? <p className="analytics-callout">{slowestWords}</p> : undefined}
      summary={t("analyticsPage.stepSummary", { slowest: slowestWords })}
      chart={
        <BarList
          rows={chartRows}
          category="step"
          decimals
          series={[
            { key: "median", name: t("analyticsPage.medianHours"), color: colorAt(0) },
            { key: "p90", name: t("analyticsPage.p90Hours"), color: colorAt(4) },
          ]}
          highlight={{ row: (r) => r.slowest === true, color: SLOWEST_COLOR }}
        />
      }
      table={<StepTable caption={title} steps={rows} />}
    />
  );
}

export function StepsSection({ data, csv }: { data: HandoffAnalyticsAnswer; csv: Csv }) {
  const { t } = useTranslation();
  const kind = namer(data.choices, "kinds");
  return (
    <AnalyticsSection
      title={t("analyticsPage.stepsTitle")}
      question={t("analyticsPage.stepsQuestion")}
    >
      <StepFigure
        title={t("analyticsPage.allKinds")}
        steps={data.steps.overall}
        csv={csv("steps")}
      />
      {data.steps.byKind.map((k) => (
        <StepFigure
          key={k.kind}
          title={t("analyticsPage.kindSteps", { kind: kind(k.kind) })}
          steps={k.steps}
          csv={csv("steps")}
        />
      ))}
    </AnalyticsSection>
  );
}
