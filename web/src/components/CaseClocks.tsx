// The case's SLA clocks (docs/clocks.md): each deadline with its state, time left or overdue,
// and whose hours count. States move on as time passes; the live stream refetches the case when
// a reply or a status change moves them.
import { useTranslation } from "react-i18next";
import type { CaseDetail } from "../api/types.ts";
import {
  CLOCK_LABEL,
  calendarText,
  remainingText,
  STATE_BADGE,
  STATE_LABEL,
  stateNow,
  whenText,
} from "../lib/clocks.ts";
import { dateTime, relativeTime } from "../lib/format.ts";

export function CaseClocks({ sla, now }: { sla: CaseDetail["sla"]; now: Date }) {
  const { t } = useTranslation();
  const warn = sla.targets.warnBeforeMinutes;
  return (
    <section className="case-clocks" aria-labelledby="clocks-title">
      <h3 id="clocks-title" className="subsection-title">
        {t("caseClocks.clocks")}
      </h3>
      <p className="muted small" data-calendar>
        {calendarText(sla.calendar)}
      </p>
      {sla.paused && sla.pausedSince && (
        <p className="muted small" data-clock-paused>
          {t("caseClocks.pausedWhileWaitingOnThe")}{" "}
          <time dateTime={sla.pausedSince} title={relativeTime(sla.pausedSince, now)}>
            {whenText(sla.pausedSince, now)}
          </time>
        </p>
      )}
      {sla.customerWaitingSince && (
        <p className="small" data-customer-waiting>
          <span className="badge badge-orange">{t("caseClocks.customerWaiting")}</span>{" "}
          {t("caseClocks.since")}{" "}
          <time
            dateTime={sla.customerWaitingSince}
            title={relativeTime(sla.customerWaitingSince, now)}
          >
            {whenText(sla.customerWaitingSince, now)}
          </time>
        </p>
      )}
      {sla.clocks.length === 0 ? (
        <p className="muted small">{t("caseClocks.noClockRunsOnThis")}</p>
      ) : (
        <ul className="clock-list">
          {sla.clocks.map((c) => {
            const state = stateNow(c, now, warn);
            return (
              <li key={c.clock} data-clock={c.clock} data-state={state} className="clock-row">
                <span className="clock-name">{t(CLOCK_LABEL[c.clock])}</span>
                <span className={`badge ${STATE_BADGE[state]}`}>{t(STATE_LABEL[state])}</span>
                <span className="clock-when small">
                  {state === "met" && c.metAt ? (
                    <>
                      {t("caseClocks.met")}{" "}
                      <time dateTime={c.metAt} title={dateTime(c.metAt)}>
                        {whenText(c.metAt, now)}
                      </time>
                    </>
                  ) : c.dueAt ? (
                    <>
                      {t("caseClocks.due")}{" "}
                      <time dateTime={c.dueAt} title={dateTime(c.dueAt)} className="clock-due">
                        {whenText(c.dueAt, now)}
                      </time>
                      {state !== "paused" && state !== "stopped" && (
                        <span className={state === "breached" ? "overdue-time" : "muted"}>
                          {" "}
                          ({remainingText(c.dueAt, now)})
                        </span>
                      )}
                    </>
                  ) : null}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** Why routing gave the case to its owner: the method and each agent passed over. */
export function AssignmentWhy({ assignment }: { assignment: CaseDetail["assignment"] }) {
  const { t } = useTranslation();
  if (!assignment) return null;
  const how: Record<string, string> = {
    round_robin: "round robin (in turn)",
    least_loaded: "least loaded",
    skills: `skills${assignment.matched ? ` (matched ${assignment.matched.join(", ") || "none"})` : ""}`,
  };
  const others = assignment.considered.filter((c) => c.passed);
  return (
    <details className="assignment-why" data-assignment={assignment.method}>
      <summary className="disclosure">
        {t("caseClocks.assignedToNameBy", { name: assignment.agent.name })}{" "}
        {how[assignment.method] ?? assignment.method}
      </summary>
      {others.length === 0 ? (
        <p className="muted small">{t("caseClocks.nobodyElseCouldTakeIt")}</p>
      ) : (
        <ul className="small">
          {others.map((c) => (
            <li key={c.agentId}>
              {c.name}: {c.passed}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
