// The handoff analytics' filters: days from and to, queue, region and kind, applied to the
// address (so a view can be shared and reloaded). The choices are what the workspace has.
import { type FormEvent, useId } from "react";
import { useTranslation } from "react-i18next";
import { ANALYTICS_FILTERS } from "../../lib/handoffAnalytics.ts";

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
  const id = useId();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const next = new URLSearchParams();
    for (const name of ANALYTICS_FILTERS) {
      const value = data.get(name);
      if (typeof value === "string" && value) next.set(name, value);
    }
    apply(next);
  };
  const select = (
    name: "queue" | "region" | "kind",
    label: string,
    all: string,
    options: readonly Named[],
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <select id={`${id}-${name}`} name={name} defaultValue={params.get(name) ?? ""}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
  // Keyed by the address and the choices, so the fields show what is applied after back and
  // forward, and a chosen queue shows once the workspace's queues have arrived.
  const key = `${params.toString()}|${choices.queues.length}|${choices.regions.length}|${choices.kinds.length}|${range?.from ?? ""}`;
  return (
    <form
      className="panel report-filters"
      onSubmit={submit}
      key={key}
      aria-label={t("analyticsPage.filters")}
    >
      <div className="field">
        <label htmlFor={`${id}-from`}>{t("analyticsPage.from")}</label>
        <input
          id={`${id}-from`}
          name="from"
          type="date"
          defaultValue={params.get("from") ?? range?.from ?? ""}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t("analyticsPage.to")}</label>
        <input
          id={`${id}-to`}
          name="to"
          type="date"
          defaultValue={params.get("to") ?? range?.to ?? ""}
        />
      </div>
      {select("queue", t("analyticsPage.queue"), t("analyticsPage.allQueues"), choices.queues)}
      {select("region", t("analyticsPage.region"), t("analyticsPage.allRegions"), choices.regions)}
      {select("kind", t("analyticsPage.kind"), t("analyticsPage.allKinds"), choices.kinds)}
      <div className="btn-row">
        <button type="submit" className="btn btn-primary">
          {t("analyticsPage.show")}
        </button>
        <button type="button" className="btn" onClick={() => apply(new URLSearchParams())}>
          {t("analyticsPage.reset")}
        </button>
      </div>
    </form>
  );
}
