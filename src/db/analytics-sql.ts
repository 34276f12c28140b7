import { type SQL, sql } from "drizzle-orm";
import { STEP_ROUNDING } from "../domain/analytics/steps.ts";

/*
 * SQL the analytics refresh and reads share (docs/analytics.md): how a fact's step minutes are
 * listed and rounded. One definition, so the weekly rollups and the days read from the facts
 * around them always agree.
 */

/** Each step's column of `handoff_facts`. */
export const STEP_COLUMNS = {
  approval: "approval_minutes",
  acceptance: "acceptance_minutes",
  customerTold: "customer_told_minutes",
  completion: "completion_minutes",
  firstResponse: "first_response_minutes",
  // Not a step: how long the case had gone unworked when it changed hands (S3.5).
  idleCarried: "idle_minutes",
} as const;
export type StepName = keyof typeof STEP_COLUMNS;
export const STEP_NAMES = Object.keys(STEP_COLUMNS) as StepName[];

/** A fact's steps as rows (step, m) for a LATERAL join on the facts aliased f. */
export const factSteps = sql.raw(
  `(VALUES ${Object.entries(STEP_COLUMNS)
    .map(([step, column]) => `('${step}', f.${column})`)
    .join(", ")}) s(step, m)`,
);

/** `minutes` rounded as `stepMinutes` (src/domain/analytics/steps.ts) rounds it. */
export function stepMinutesSql(minutes: SQL): SQL {
  const bands = STEP_ROUNDING.filter((b) => Number.isFinite(b.below));
  const last = STEP_ROUNDING[STEP_ROUNDING.length - 1]?.step ?? 60;
  const round = (step: number) =>
    sql`floor(${minutes} / ${sql.raw(String(step))} + 0.5) * ${sql.raw(String(step))}`;
  return sql`(CASE ${sql.join(
    bands.map((b) => sql`WHEN ${minutes} < ${sql.raw(String(b.below))} THEN ${round(b.step)}`),
    sql` `,
  )} ELSE ${round(last)} END)::float8`;
}
