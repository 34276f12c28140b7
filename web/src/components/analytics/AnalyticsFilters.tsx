// The handoff analytics' filters: days from and to, queue, region and kind, applied to the
// address (so a view can be shared and reloaded). The choices are what the workspace has.
import { useTranslation } from "react-i18next";
import { ReportFilterForm } from "../ReportFilterForm.tsx";

interface Named {
  code: string;
  name: string;
}

export interface FilterChoices {
  queues: readonly Named[];
  regions: readonly Named[];
  kinds: readonly Named[];
}

export function AnalyticsFilters({
  params,
  range,
  choices,
  apply,
}: {
  params: URLSearchParams;
  range: { from: string; to: string } | undefined;
  choices: FilterChoices;
  apply: (next: URLSearchParams) => void;
}) {
  const { t } = useTranslation();
  // Keyed by the address and the choices, so the fields show what is applied after back and
  // forward, and a chosen queue shows once the workspace's queues have arrived.
  const key = `${params.toString()}|${choices.queues.length}|${choices.regions.length}|${choices.kinds.length}|${range?.from ?? ""}`;
  return (
    <ReportFilterForm
      params={params}
      range={range}
      apply={apply}
      formKey={key}
      words={{
        from: t("analyticsPage.from"),
        to: t("analyticsPage.to"),
        show: t("analyticsPage.show"),
        reset: t("analyticsPage.reset"),
        form: t("analyticsPage.filters"),
      }}
      selects={[
        {
          name: "queue",
          label: t("analyticsPage.queue"),
          all: t("analyticsPage.allQueues"),
          options: choices.queues,
        },
        {
          name: "region",
          label: t("analyticsPage.region"),
          all: t("analyticsPage.allRegions"),
          options: choices.regions,
        },
        {
          name: "kind",
          label: t("analyticsPage.kind"),
          all: t("analyticsPage.allKinds"),
          options: choices.kinds,
        },
      ]}
    />
  );
}
