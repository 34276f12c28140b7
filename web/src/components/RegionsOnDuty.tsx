// The regions of a workspace and whether each is on duty: local time, and when that changes
// (in the region's time and the viewer's). On the handoff board each region links to its board.
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { RegionStatus } from "../api/types.ts";
import { dutyLabel, localClockLabel, nextChangeText } from "../lib/followTheSun.ts";
import { clockTime, dayAndTime, zoneName } from "../lib/zonedTime.ts";

export function RegionsOnDutyStrip({
  regions,
  at,
  current,
  hrefOf,
}: {
  regions: readonly RegionStatus[];
  /** The instant the statuses are for. */
  at: Date;
  /** The region whose board is open, marked as such. */
  current?: string;
  hrefOf?: (region: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <ul
      className="duty-strip"
      aria-label={t("regionsOnDuty.regionsOnDuty")}
      data-at={at.toISOString()}
    >
      {regions.map((r) => (
        <li
          key={r.region}
          className={`duty-region ${r.onDuty ? "is-on" : "is-off"} ${r.region === current ? "is-current" : ""}`}
          data-region={r.region}
          aria-current={r.region === current ? "true" : undefined}
        >
          <span className="duty-name">
            {hrefOf && r.region !== current ? (
              <Link to={hrefOf(r.region)}>{r.region}</Link>
            ) : (
              <strong>{r.region}</strong>
            )}{" "}
            <span className="muted small">{r.name}</span>
          </span>
          <span className={`badge ${r.onDuty ? "badge-green" : "badge-gray"} duty-state`}>
            {dutyLabel(r)}
          </span>
          <span className="duty-clock">
            <time dateTime={r.localTime} className="duty-local">
              {localClockLabel(r.localTime)}
            </time>{" "}
            <span className="muted small">{zoneName(r.timeZone)}</span>
          </span>
          {r.changeAt && (
            <span className="duty-change small">
              {nextChangeText(r, at)}{" "}
              <span className="muted">
                (<time dateTime={r.changeAt}>{clockTime(r.changeAt, r.timeZone)}</time>{" "}
                {t("regionsOnDuty.local")}{" "}
                <time dateTime={r.changeAt} title={dayAndTime(r.changeAt)}>
                  {clockTime(r.changeAt)}
                </time>{" "}
                {t("regionsOnDuty.yourTime")}
              </span>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
