// One figure of the handoff analytics: a chart or, at a press, the table with its numbers (the
// chart's text alternative: the picture only says in a sentence what the table lists), and the
// CSV of the same table with the page's filters.
import { type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";

export type FigureView = "chart" | "table";

export function ChartOrTable({
  title,
  summary,
  csv,
  chart,
  table,
  empty,
  initial = "chart",
  note,
}: {
  title: string;
  /** What the chart shows in one sentence, read out in place of the picture. */
  summary: string;
  csv: string;
  chart: ReactNode;
  table: ReactNode;
  /** Said instead of the figure when there is nothing to show. */
  empty?: string | undefined;
  initial?: FigureView;
  note?: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [view, setView] = useState<FigureView>(initial);
  return (
    <section className="report-block analytics-block" aria-labelledby={id}>
      <div className="report-block-head">
        <h3 id={id}>{title}</h3>
        <div className="btn-row analytics-actions">
          {!empty && (
            <fieldset className="analytics-view">
              <legend className="visually-hidden">{t("analyticsPage.showAs", { title })}</legend>
              {(["chart", "table"] as const).map((v) => (
                <button
                  key={v}
                  type="button"
                  className={`btn btn-small ${view === v ? "is-active" : ""}`}
                  aria-pressed={view === v}
                  onClick={() => setView(v)}
                >
                  {v === "chart" ? t("analyticsPage.chart") : t("analyticsPage.table")}
                  <span className="visually-hidden"> {t("analyticsPage.ofTitle", { title })}</span>
                </button>
              ))}
            </fieldset>
          )}
          <a className="btn btn-small" href={csv} download>
            {t("analyticsPage.downloadCsv")}
            <span className="visually-hidden"> {t("analyticsPage.ofTitle", { title })}</span>
          </a>
        </div>
      </div>
      {note}
      {empty ? (
        <p className="muted">{empty}</p>
      ) : view === "chart" ? (
        <figure className="report-chart analytics-chart" data-chart={title}>
          <div role="img" aria-label={`${summary.trim()} ${t("analyticsPage.tableHasTheNumbers")}`}>
            <div aria-hidden="true">{chart}</div>
          </div>
        </figure>
      ) : (
        // A table wider than a phone scrolls in its own box, which a keyboard reaches too.
        // biome-ignore lint/a11y: a named group that takes focus, not a form's fieldset
        <div className="table-scroll analytics-table" tabIndex={0} role="group" aria-label={title}>
          {table}
        </div>
      )}
    </section>
  );
}
