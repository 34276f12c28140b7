// Handover meetings (S1.2) of this week and next, in the viewer's zone and each region's local
// time, with their agendas; filtered by region and to the person's own; and calendar feeds.

import { useEffect, useId } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { errorMessage } from "../api/errors.ts";
import type { MeetingWithAgenda, PolicyView } from "../api/types.ts";
import { useUser } from "../auth/AuthProvider.tsx";
import { CalendarSubscribe } from "../components/CalendarSubscribe.tsx";
import { HandoverMeetingCard } from "../components/HandoverMeetingCard.tsx";
import { useHandoverMeetings, useViewerZone } from "../hooks/followTheSun.ts";
import { useAddressParams } from "../hooks/useAddressParams.ts";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { useNow } from "../hooks/useNow.ts";
import { rememberWorkspace, useAgents, usePolicy } from "../hooks/workspace.ts";
import { type MeetingDay, meetingDays, twoWeeks } from "../lib/followTheSun.ts";
import { dayAndTime, dayLabel, zoneName } from "../lib/zonedTime.ts";

export const meetingsHref = (workspace: string) => `/w/${encodeURIComponent(workspace)}/meetings`;

export function MeetingsPage() {
  const { t } = useTranslation();
  const { workspace = "" } = useParams();
  const user = useUser();
  const zone = useViewerZone();
  const now = useNow(60_000);
  const [params, editParams] = useAddressParams();
  const region = params.get("region") || undefined;
  const mine = params.get("mine") === "1";
  const policy = usePolicy(workspace).data;
  const myRegion = useAgents(workspace).data?.find((a) => a.id === user.id)?.region ?? null;
  const weeks = twoWeeks(now, zone);
  const meetings = useHandoverMeetings({
    workspace,
    from: weeks.from,
    to: weeks.to,
    region,
    attendee: mine ? "me" : undefined,
  });
  useEffect(() => rememberWorkspace(workspace), [workspace]);
  useDocumentTitle(t("meetingsPage.handoverMeetings"));
  const regionId = useId();
  const mineId = useId();

  const setFilter = (name: "region" | "mine", value: string | null) =>
    editParams(
      (next) => {
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  const items = meetings.data?.items ?? [];
  const nextWeekAt = Date.parse(weeks.nextWeek);
  const thisWeek = items.filter((m) => Date.parse(m.start) < nextWeekAt);
  const nextWeek = items.filter((m) => Date.parse(m.start) >= nextWeekAt);

  return (
    <div className="page meetings-page">
      <header className="page-header">
        <div>
          <h1 tabIndex={-1} className="page-title">
            {t("meetingsPage.handoverMeetings")}
          </h1>
          <p className="muted small">
            {t("meetingsPage.whereARegionHandsIts", { zoneName: zoneName(zone) })}
          </p>
        </div>
        {meetings.data && (
          <span className="count" aria-live="polite">
            {t("meetingsPage.meetings", { count: items.length })}
          </span>
        )}
      </header>

      <form
        className="filter-bar meetings-filters"
        aria-label={t("meetingsPage.filterMeetings")}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field-inline">
          <label htmlFor={regionId}>{t("meetingsPage.region")}</label>
          <select
            id={regionId}
            value={region ?? ""}
            onChange={(e) => setFilter("region", e.target.value || null)}
          >
            <option value="">{t("meetingsPage.allRegions")}</option>
            {(policy?.regions ?? []).map((r) => (
              <option key={r.code} value={r.code}>
                {r.code} · {r.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field-check">
          <input
            id={mineId}
            type="checkbox"
            checked={mine}
            onChange={(e) => setFilter("mine", e.target.checked ? "1" : null)}
          />
          <label htmlFor={mineId}>{t("meetingsPage.onlyMine")}</label>
          <span className="hint">{t("meetingsPage.meetingsWhereYouOwnA")}</span>
        </div>
      </form>

      {items[0]?.agenda && (
        <details className="meeting-purpose">
          <summary className="disclosure">{t("meetingsPage.whatEveryHandoverMeetingDoes")}</summary>
          <p>{items[0].agenda}</p>
        </details>
      )}

      {meetings.isError ? (
        <div className="notice notice-error" role="alert">
          <p>
            {t("meetingsPage.couldNotLoadTheMeetings", {
              errorMessage: errorMessage(meetings.error),
            })}
          </p>
          <button type="button" className="btn" onClick={() => void meetings.refetch()}>
            {t("meetingsPage.tryAgain")}
          </button>
        </div>
      ) : meetings.isPending ? (
        <p className="muted" aria-live="polite">
          {t("meetingsPage.loading")}
        </p>
      ) : (
        <>
          <MeetingWeek
            week="this"
            from={weeks.from}
            meetings={thisWeek}
            policy={policy}
            now={now}
            zone={zone}
            mine={mine}
          />
          <MeetingWeek
            week="next"
            from={weeks.nextWeek}
            meetings={nextWeek}
            policy={policy}
            now={now}
            zone={zone}
            mine={mine}
          />
        </>
      )}

      <CalendarSubscribe
        workspace={workspace}
        regions={policy?.regions ?? []}
        region={region ?? myRegion}
      />
    </div>
  );
}

function MeetingWeek({
  week,
  from,
  meetings,
  policy,
  now,
  zone,
  mine,
}: {
  week: "this" | "next";
  from: string;
  meetings: MeetingWithAgenda[];
  policy: PolicyView | undefined;
  now: Date;
  zone: string;
  mine: boolean;
}) {
  const { t } = useTranslation();
  const title = week === "this" ? t("meetingsPage.thisWeek") : t("meetingsPage.nextWeek");
  const id = useId();
  const days = meetingDays(meetings, zone, now);
  const past = days.filter((d) => d.past);
  const ahead = days.filter((d) => !d.past);
  const day = (d: MeetingDay<MeetingWithAgenda>) => (
    <MeetingDayList key={d.date} day={d} policy={policy} now={now} zone={zone} />
  );
  return (
    <section className="meeting-week" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        {title}{" "}
        <span className="muted small">
          {t("meetingsPage.fromDayandtimePlural", {
            dayAndTime: dayAndTime(from),
            plural: t("meetingsPage.meetings", { count: meetings.length }),
          })}
        </span>
      </h2>
      {meetings.length === 0 && (
        <p className="empty">
          {mine
            ? t("meetingsPage.noMeetingOfYours", { context: week })
            : t("meetingsPage.noHandoverMeeting", { context: week })}
        </p>
      )}
      {past.length > 0 && (
        <details className="meeting-past-days">
          <summary className="disclosure">
            {t("meetingsPage.earlierDays")}
            {t("meetingsPage.meetings", {
              count: past.reduce((n, d) => n + d.meetings.length, 0),
            })}
            )
          </summary>
          {past.map(day)}
        </details>
      )}
      {ahead.map(day)}
    </section>
  );
}

function MeetingDayList({
  day,
  policy,
  now,
  zone,
}: {
  day: MeetingDay<MeetingWithAgenda>;
  policy: PolicyView | undefined;
  now: Date;
  zone: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="meeting-day" aria-labelledby={`${id}-day`}>
      <h3 id={`${id}-day`} className="meeting-day-title">
        {dayLabel(day.date)}
        {day.today && <span className="badge badge-blue">{t("meetingsPage.today")}</span>}
      </h3>
      <ul className="meeting-list">
        {day.meetings.map((m) => (
          <li key={m.key}>
            <HandoverMeetingCard meeting={m} policy={policy} now={now} viewerZone={zone} />
          </li>
        ))}
      </ul>
    </section>
  );
}
