// One handover meeting (S1.2): the region pair, its start in the viewer's zone and in each
// region's local time, and its agenda: the 24x7 cases to align, with their handover notes and who
// attends for each. Agendas are known only close to the day.

import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { AgendaCase, MeetingWithAgenda, PolicyView } from "../api/types.ts";
import { needPrefix } from "../lib/followTheSun.ts";
import { meetingTitle } from "../lib/meetingTitle.ts";
import { clockTime, dayAndTime, dayLabel, zoneName } from "../lib/zonedTime.ts";
import { CaseCardLink, OwnerName } from "./CaseCardLink.tsx";

export function HandoverMeetingCard({
  meeting: m,
  policy,
  now,
  viewerZone,
}: {
  meeting: MeetingWithAgenda;
  policy: PolicyView | undefined;
  now: Date;
  viewerZone: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const past = Date.parse(m.end) < now.getTime();
  const ongoing = !past && Date.parse(m.start) <= now.getTime();
  return (
    <article
      className={`panel meeting ${past ? "is-past" : ""}`}
      aria-labelledby={`${id}-title`}
      data-meeting={m.key}
    >
      <header className="meeting-head">
        <h4 id={`${id}-title`} className="meeting-title">
          {meetingTitle(m.title)}
        </h4>
        {!m.title.includes("→") && (
          <span className="meeting-pair">
            {m.from} → {m.to.join(", ")}
          </span>
        )}
        {past && <span className="badge badge-gray">{t("handoverMeetingCard.past")}</span>}
        {ongoing && <span className="badge badge-green">{t("handoverMeetingCard.now")}</span>}
        {m.adjusted && (
          <span className="badge badge-orange" title={t("handoverMeetingCard.theSetTimeDidNot")}>
            {t("handoverMeetingCard.movedPastADaylightSaving")}
          </span>
        )}
      </header>
      <p className="meeting-when">
        <time dateTime={m.start} className="meeting-start">
          {dayAndTime(m.start)}
        </time>
        {"–"}
        <time dateTime={m.end}>{clockTime(m.end)}</time>{" "}
        <span className="muted">
          {t("handoverMeetingCard.yourTimeZonenameDurationminutesMin", {
            zoneName: zoneName(viewerZone),
            durationMinutes: m.durationMinutes,
          })}
        </span>
        {m.location && <span className="muted"> · {m.location}</span>}
      </p>
      <table className="meeting-local-times">
        <caption className="visually-hidden">
          {t("handoverMeetingCard.localTimeInEachRegion")}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="mlt-cell mlt-head">
              {t("handoverMeetingCard.region")}
            </th>
            <th scope="col" className="mlt-cell mlt-head">
              {t("handoverMeetingCard.localDate")}
            </th>
            <th scope="col" className="mlt-cell mlt-head">
              {t("handoverMeetingCard.localTime")}
            </th>
            <th scope="col" className="mlt-cell mlt-head">
              {t("handoverMeetingCard.timeZone")}
            </th>
          </tr>
        </thead>
        <tbody>
          {m.localTimes.map((l) => (
            <tr key={l.region} data-region={l.region}>
              <th scope="row" className="mlt-cell">
                {l.region}
              </th>
              <td className="mlt-cell local-date">
                <time dateTime={l.date}>{dayLabel(l.date)}</time>
              </td>
              <td className="mlt-cell local-clock">
                <time dateTime={l.startIso}>{l.start}</time>–{l.end}
              </td>
              <td className="mlt-cell muted">{zoneName(l.timeZone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <MeetingAgenda meeting={m} policy={policy} />
    </article>
  );
}

function MeetingAgenda({
  meeting: m,
  policy,
}: {
  meeting: MeetingWithAgenda;
  policy: PolicyView | undefined;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="meeting-agenda" aria-labelledby={`${id}-agenda`}>
      <h5 id={`${id}-agenda`} className="subsection-title">
        {t("handoverMeetingCard.agenda")}
      </h5>
      {!m.agendaKnown ? (
        <p className="muted agenda-unknown">{t("handoverMeetingCard.casesListedNearerTheDay")}</p>
      ) : m.cases.length === 0 ? (
        <p className="muted">{t("handoverMeetingCard.no24x7CaseToHand")}</p>
      ) : (
        <ul className="agenda-list">
          {m.cases.map((c) => (
            <AgendaItem key={c.caseNumber} item={c} policy={policy} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AgendaItem({ item: c, policy }: { item: AgendaCase; policy: PolicyView | undefined }) {
  const { t } = useTranslation();
  return (
    <li className="agenda-item" data-case={c.caseNumber}>
      <CaseCardLink number={c.caseNumber} card={c.case} policy={policy} />
      <div className="board-facts">
        <OwnerName card={c.case} />
        <span>
          <span className="label">{t("handoverMeetingCard.to")}</span>
          <strong>{c.toRegion}</strong>
          {c.handoffAt && (
            <span className="muted">
              {" "}
              {t("handoverMeetingCard.from")}{" "}
              <time dateTime={c.handoffAt}>{dayAndTime(c.handoffAt)}</time>{" "}
              {t("handoverMeetingCard.yourTime")}
            </span>
          )}
        </span>
        {c.prefixed ? (
          <span className="badge badge-green">
            {t("handoverMeetingCard.titledNeedprefix", { needPrefix: needPrefix(c.toRegion) })}
          </span>
        ) : (
          <span className="badge badge-gray">
            {t("handoverMeetingCard.notYetTitledNeedprefix", {
              needPrefix: needPrefix(c.toRegion),
            })}
          </span>
        )}
      </div>
      <p className="agenda-attendees small">
        <span className="label">{t("handoverMeetingCard.attends")}</span>
        {c.attendees.length > 0 ? (
          c.attendees.map((a) => a.name).join(", ")
        ) : (
          <span className="muted">{t("handoverMeetingCard.nobodyNamedYet")}</span>
        )}
      </p>
      {c.handoverNote ? (
        <details className="handover-note">
          <summary className="disclosure">{t("handoverMeetingCard.handoverNote")}</summary>
          <p className="prewrap">{c.handoverNote}</p>
        </details>
      ) : (
        <p className="muted small">{t("handoverMeetingCard.noHandoverNoteYetThe")}</p>
      )}
    </li>
  );
}
