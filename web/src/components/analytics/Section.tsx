// A section of the handoff analytics: one question a leader asks, and the figures answering it.
import { type ReactNode, useId } from "react";

/** The CSV link of one of the API's tables, with the page's filters. */
export type Csv = (table: string) => string;

export function AnalyticsSection({
  title,
  question,
  children,
}: {
  title: string;
  question: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section className="analytics-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p className="muted">{question}</p>
      {children}
    </section>
  );
}
