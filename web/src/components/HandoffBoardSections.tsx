// The four sections of a region's handoff board (S1.2, S1.5, S0.2): shifts ending soon, cases
// waiting for the region, customers the region does not serve, and escalations. Each says what
// it holds, also when it is empty. Times are in the viewer's zone unless labelled local.

import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type {
  EndingSoonItem,
  EscalationItem,
  HandoverMeeting,
  NotServedItem,
  PolicyView,
  RegionOption,
  WaitingItem,
} from "../api/types.ts";
import {
  agoText,
  durationText,
  minutesUntil,
  needPrefix,
  shareText,
  untilText,
} from "../lib/followTheSun.ts";
import { localTime } from "../lib/format.ts";
import { meetingTitle } from "../lib/meetingTitle.ts";
import { labelIn } from "../lib/policy.ts";
import { clockTime, dayAndTime, zoneName } from "../lib/zonedTime.ts";
import { Badge24x7 } from "./Badges.tsx";
import { CaseCardLink, OwnerName } from "./CaseCardLink.tsx";

function BoardSection({
  id,
  title,
  count,
  about,
  empty,
  children,
}: {
  id: string;
  title: string;
  count: number;
  about: ReactNode;
  empty: string;
  children: ReactNode;
}) {
  return (
    <section className="panel board-section" aria-labelledby={`${id}-title`} data-section={id}>
      <h2 id={`${id}-title`} className="section-title">
        {title} <span className="muted small">({count})</span>
      </h2>
      <p className="muted small board-about">{about}</p>
      {count === 0 ? (
        <p className="board-empty">{empty}</p>
      ) : (
        <ul className="board-list">{children}</ul>
      )}
    </section>
  );
}

/** An instant in the viewer's zone, with the full date on hover. */
function YourTime({ iso, withDay = false }: { iso: string; withDay?: boolean }) {
  return (
    <time dateTime={iso} title={dayAndTime(iso)}>
      {withDay ? dayAndTime(iso) : clockTime(iso)}
    </time>
  );
}

/** Where a case should go next: region, from when, and whether anyone there can take it. */
export function NextRegion({ option, now }: { option: RegionOption | null; now: Date }) {
  const { t } = useTranslation();
  if (!option) return <span className="muted">{t("handoffBoardSections.noRegionToHandOver")}</span>;
  const later = minutesUntil(option.from, now) > 0;
  return (
    <span className="next-region">
      <strong>{option.region}</strong> <span className="muted">({option.name})</span>{" "}
      {later ? (
        <>
          {t("handoffBoardSections.from")} <YourTime iso={option.from} withDay />
        </>
      ) : (
        t("handoffBoardSections.now")
      )}
      {option.until && (
        <>
          {" "}
          {t("handoffBoardSections.until")} <YourTime iso={option.until} />
        </>
      )}
      {option.paired && (
        <span className="badge badge-blue">{t("handoffBoardSections.handoverPair")}</span>
      )}
      {!option.onDutyAtHandoff && (
        <span className="badge badge-gray">{t("handoffBoardSections.offDutyThen")}</span>
      )}
      <span className={option.matchingAgents === 0 ? "field-warning-text" : "muted"}>
        {" · "}
        {t("handoffBoardSections.matchingAgents", { count: option.matchingAgents })}
      </span>
    </span>
  );
}

export function MeetingLine({ meeting }: { meeting: HandoverMeeting | null }) {
  const { t } = useTranslation();
  if (!meeting)
    return <span className="muted">{t("handoffBoardSections.noHandoverMeetingBeforeThen")}</span>;
  return (
    <span className="meeting-line">
      {meetingTitle(meeting.title)}, <YourTime iso={meeting.start} withDay />
      {"–"}
      <YourTime iso={meeting.end} /> {t("handoffBoardSections.yourTime")}
      {meeting.location && <span className="muted"> · {meeting.location}</span>}
    </span>
  );
}

export function EndingSoonSection({
  items,
  region,
  windowMinutes,
  policy,
  now,
}: {
  items: EndingSoonItem[];
  region: string;
  windowMinutes: number;
  policy: PolicyView | undefined;
  now: Date;
}) {
  const { t } = useTranslation();
  return (
    <BoardSection
      id="ending-soon"
      title={t("handoffBoardSections.shiftsEndingSoon")}
      count={items.length}
      about={t("handoffBoardSections.n24x7CasesHeldInRegion", {
        region,
        durationText: durationText(windowMinutes),
      })}
      empty={t("handoffBoardSections.noOwnerInRegionWith", {
        region,
        durationText: durationText(windowMinutes),
      })}
    >
      {items.map((item) => (
        <li key={item.caseNumber} className="board-row" data-case={item.caseNumber}>
          <CaseCardLink number={item.caseNumber} card={item.case} policy={policy} />
          <div className="board-facts">
            <OwnerName card={item.case} />
            <span className="board-when">
              <span className="label">{t("handoffBoardSections.shiftEnds")}</span>
              <strong className="time-left">{untilText(item.minutesLeft)}</strong>{" "}
              <span className="muted">
                {t("handoffBoardSections.at")} <YourTime iso={item.shiftEndsAt} />{" "}
                {t("handoffBoardSections.yourTime2")}
              </span>
            </span>
          </div>
          <div className="board-facts">
            <span>
              <span className="label">{t("handoffBoardSections.next")}</span>
              <NextRegion option={item.next} now={now} />
            </span>
            <span>
              <span className="label">{t("handoffBoardSections.meeting")}</span>
              <MeetingLine meeting={item.meeting} />
            </span>
          </div>
        </li>
      ))}
    </BoardSection>
  );
}

export function WaitingSection({
  items,
  region,
  policy,
}: {
  items: WaitingItem[];
  region: string;
  policy: PolicyView | undefined;
}) {
  const { t } = useTranslation();
  return (
    <BoardSection
      id="waiting"
      title={t("handoffBoardSections.waitingForRegion", { region })}
      count={items.length}
      about={t("handoffBoardSections.casesWhoseInternalTitleAsks", {
        needPrefix: needPrefix(region),
        region,
      })}
      empty={t("handoffBoardSections.noCaseAsksForNeedprefix", { needPrefix: needPrefix(region) })}
    >
      {items.map((item) => (
        <li key={item.caseNumber} className="board-row" data-case={item.caseNumber}>
          <CaseCardLink number={item.caseNumber} card={item.case} policy={policy} />
          <div className="board-facts">
            <OwnerName card={item.case} />
            {item.is24x7 && <Badge24x7 />}
            <span className="board-when">
              <span className="label">{t("handoffBoardSections.waiting")}</span>
              {item.minutesWaiting === null ? (
                <span className="muted">{t("handoffBoardSections.sinceItWasTitled")}</span>
              ) : (
                <strong>{durationText(item.minutesWaiting)}</strong>
              )}
            </span>
          </div>
        </li>
      ))}
    </BoardSection>
  );
}

export function NotServedSection({
  items,
  region,
  policy,
  now,
}: {
  items: NotServedItem[];
  region: string;
  policy: PolicyView | undefined;
  now: Date;
}) {
  const { t } = useTranslation();
  return (
    <BoardSection
      id="not-served"
      title={t("handoffBoardSections.customersRegionDoesNotServe", { region })}
      count={items.length}
      about={t("handoffBoardSections.casesWithout24x7HeldIn", { region, region2: region })}
      empty={t("handoffBoardSections.everyCustomerOfACase", { region, region2: region })}
    >
      {items.map((item) => {
        const local = localTime(item.customerTimeZone, now);
        return (
          <li key={item.caseNumber} className="board-row" data-case={item.caseNumber}>
            <CaseCardLink number={item.caseNumber} card={item.case} policy={policy} />
            <div className="board-facts">
              <OwnerName card={item.case} />
              <span>
                <span className="label">{t("handoffBoardSections.customer")}</span>
                {zoneName(item.customerTimeZone)}
                {local.valid && (
                  <span className="muted">
                    {" "}
                    {t("handoffBoardSections.nowTime", { time: local.time })}
                  </span>
                )}
              </span>
              <span>
                <span className="label">{t("handoffBoardSections.regionCovers", { region })}</span>
                {t("handoffBoardSections.sharetextOfTheirHours", {
                  shareText: shareText(item.share),
                })}
              </span>
              <span>
                <span className="label">{t("handoffBoardSections.servedBy")}</span>
                {item.servingRegion ? (
                  <strong className="serving-region">
                    {item.servingRegion} ({labelIn(policy?.regions, item.servingRegion)})
                  </strong>
                ) : (
                  <span className="muted">{t("handoffBoardSections.noRegionServesThisZone")}</span>
                )}
              </span>
            </div>
          </li>
        );
      })}
    </BoardSection>
  );
}

export function EscalationsSection({
  items,
  region,
  policy,
  now,
}: {
  items: EscalationItem[];
  region: string;
  policy: PolicyView | undefined;
  now: Date;
}) {
  const { t } = useTranslation();
  const roleName = (id: string) =>
    policy?.roles?.find((r) => r.id === id)?.name ?? id.replaceAll("_", " ");
  return (
    <BoardSection
      id="escalations"
      title={t("handoffBoardSections.escalations")}
      count={items.length}
      about={t("handoffBoardSections.n24x7CasesHeldInRegion2", { region })}
      empty={t("handoffBoardSections.no24x7CaseInRegion", { region })}
    >
      {items.map((item) => (
        <li key={item.caseNumber} className="board-row is-escalation" data-case={item.caseNumber}>
          <CaseCardLink number={item.caseNumber} card={item.case} policy={policy} />
          <div className="board-facts">
            <OwnerName card={item.case} />
            <span className="board-when">
              <span className="label">{t("handoffBoardSections.shiftEnded")}</span>
              {item.minutesSinceShiftEnd === null ? (
                <span className="muted">{t("handoffBoardSections.unknown")}</span>
              ) : (
                <strong>{agoText(item.minutesSinceShiftEnd)}</strong>
              )}
              {item.shiftEndedAt && (
                <span className="muted">
                  {" "}
                  {t("handoffBoardSections.at")} <YourTime iso={item.shiftEndedAt} />{" "}
                  {t("handoffBoardSections.yourTime2")}
                </span>
              )}
            </span>
          </div>
          <div className="board-facts">
            <span className="raise-to">
              <span className="label">{t("handoffBoardSections.raiseTo")}</span>
              {item.raiseTo ? (
                <strong>
                  {roleName(item.raiseTo)}{" "}
                  <span className="muted">
                    {t("handoffBoardSections.levelLevel", { level: item.level })}
                  </span>
                </strong>
              ) : (
                <span className="muted">{t("handoffBoardSections.nobodyNamedByThePolicy")}</span>
              )}
              {item.nextLevelAt && (
                <span className="muted">
                  {t("handoffBoardSections.nextLevelUntiltext", {
                    untilText: untilText(minutesUntil(item.nextLevelAt, now)),
                  })}
                </span>
              )}
            </span>
            <span>
              <span className="label">{t("handoffBoardSections.next")}</span>
              <NextRegion option={item.next} now={now} />
            </span>
          </div>
          {item.raiseToAgents.length > 0 && (
            <ul
              className="raise-people"
              aria-label={t("handoffBoardSections.peopleToRaiseCaseCasenumber", {
                caseNumber: item.caseNumber,
              })}
            >
              {item.raiseToAgents.map((a) => (
                <li key={a.agentId}>
                  {a.name}
                  {a.region && <span className="muted"> · {a.region}</span>}
                  <span className={`badge ${a.onShift ? "badge-green" : "badge-gray"}`}>
                    {a.onShift
                      ? t("handoffBoardSections.onShift")
                      : t("handoffBoardSections.offShift")}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </BoardSection>
  );
}
