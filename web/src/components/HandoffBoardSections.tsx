// The four sections of a region's handoff board (S1.2, S1.5, S0.2): shifts ending soon, cases
// waiting for the region, customers the region does not serve, and escalations. Each says what
// it holds, also when it is empty. Times are in the viewer's zone unless labelled local.
import type { ReactNode } from "react";
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
import { localTime, plural } from "../lib/format.ts";
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
  if (!option) return <span className="muted">No region to hand over to.</span>;
  const later = minutesUntil(option.from, now) > 0;
  return (
    <span className="next-region">
      <strong>{option.region}</strong> <span className="muted">({option.name})</span>{" "}
      {later ? (
        <>
          from <YourTime iso={option.from} withDay />
        </>
      ) : (
        "now"
      )}
      {option.until && (
        <>
          {" "}
          until <YourTime iso={option.until} />
        </>
      )}
      {option.paired && <span className="badge badge-blue">handover pair</span>}
      {!option.onDutyAtHandoff && <span className="badge badge-gray">off duty then</span>}
      <span className={option.matchingAgents === 0 ? "field-warning-text" : "muted"}>
        {" · "}
        {plural(option.matchingAgents, "matching agent")}
      </span>
    </span>
  );
}

export function MeetingLine({ meeting }: { meeting: HandoverMeeting | null }) {
  if (!meeting) return <span className="muted">No handover meeting before then.</span>;
  return (
    <span className="meeting-line">
      {meeting.title}, <YourTime iso={meeting.start} withDay />
      {"–"}
      <YourTime iso={meeting.end} /> your time
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
  return (
    <BoardSection
      id="ending-soon"
      title="Shifts ending soon"
      count={items.length}
      about={`24x7 cases held in ${region} whose owner's shift ends within ${durationText(windowMinutes)}. Write the handover note and hand them to the suggested region, in its handover meeting where there is one.`}
      empty={`No owner in ${region} with a 24x7 case ends their shift in the next ${durationText(windowMinutes)}.`}
    >
      {items.map((item) => (
        <li key={item.caseNumber} className="board-row" data-case={item.caseNumber}>
          <CaseCardLink number={item.caseNumber} card={item.case} policy={policy} />
          <div className="board-facts">
            <OwnerName card={item.case} />
            <span className="board-when">
              <span className="label">Shift ends</span>
              <strong className="time-left">{untilText(item.minutesLeft)}</strong>{" "}
              <span className="muted">
                (at <YourTime iso={item.shiftEndsAt} /> your time)
              </span>
            </span>
          </div>
          <div className="board-facts">
            <span>
              <span className="label">Next</span>
              <NextRegion option={item.next} now={now} />
            </span>
            <span>
              <span className="label">Meeting</span>
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
  return (
    <BoardSection
      id="waiting"
      title={`Waiting for ${region}`}
      count={items.length}
      about={`Cases whose internal title asks for this region ("${needPrefix(region)}") and that nobody in ${region} holds yet, longest waiting first. Take them from the queue, or ask the dispatch desk to assign them.`}
      empty={`No case asks for "${needPrefix(region)}" right now.`}
    >
      {items.map((item) => (
        <li key={item.caseNumber} className="board-row" data-case={item.caseNumber}>
          <CaseCardLink number={item.caseNumber} card={item.case} policy={policy} />
          <div className="board-facts">
            <OwnerName card={item.case} />
            {item.is24x7 && <Badge24x7 />}
            <span className="board-when">
              <span className="label">Waiting</span>
              {item.minutesWaiting === null ? (
                <span className="muted">since it was titled</span>
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
  return (
    <BoardSection
      id="not-served"
      title={`Customers ${region} does not serve`}
      count={items.length}
      about={`Cases without 24x7 held in ${region} whose customer works mostly while ${region} is off duty. Hand them to the region that serves the customer's time zone.`}
      empty={`Every customer of a case held in ${region} is served by ${region}.`}
    >
      {items.map((item) => {
        const local = localTime(item.customerTimeZone, now, "en-GB");
        return (
          <li key={item.caseNumber} className="board-row" data-case={item.caseNumber}>
            <CaseCardLink number={item.caseNumber} card={item.case} policy={policy} />
            <div className="board-facts">
              <OwnerName card={item.case} />
              <span>
                <span className="label">Customer</span>
                {zoneName(item.customerTimeZone)}
                {local.valid && <span className="muted"> · now {local.time}</span>}
              </span>
              <span>
                <span className="label">{region} covers</span>
                {shareText(item.share)} of their hours
              </span>
              <span>
                <span className="label">Served by</span>
                {item.servingRegion ? (
                  <strong className="serving-region">
                    {item.servingRegion} ({labelIn(policy?.regions, item.servingRegion)})
                  </strong>
                ) : (
                  <span className="muted">no region serves this zone well</span>
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
  const roleName = (id: string) =>
    policy?.roles?.find((r) => r.id === id)?.name ?? id.replaceAll("_", " ");
  return (
    <BoardSection
      id="escalations"
      title="Escalations"
      count={items.length}
      about={`24x7 cases held in ${region} whose owner's shift ended without a handover. Raise each to the role shown; the level rises the longer the case waits.`}
      empty={`No 24x7 case in ${region} was left behind at the end of a shift.`}
    >
      {items.map((item) => (
        <li key={item.caseNumber} className="board-row is-escalation" data-case={item.caseNumber}>
          <CaseCardLink number={item.caseNumber} card={item.case} policy={policy} />
          <div className="board-facts">
            <OwnerName card={item.case} />
            <span className="board-when">
              <span className="label">Shift ended</span>
              {item.minutesSinceShiftEnd === null ? (
                <span className="muted">unknown</span>
              ) : (
                <strong>{agoText(item.minutesSinceShiftEnd)}</strong>
              )}
              {item.shiftEndedAt && (
                <span className="muted">
                  {" "}
                  (at <YourTime iso={item.shiftEndedAt} /> your time)
                </span>
              )}
            </span>
          </div>
          <div className="board-facts">
            <span className="raise-to">
              <span className="label">Raise to</span>
              {item.raiseTo ? (
                <strong>
                  {roleName(item.raiseTo)} <span className="muted">(level {item.level})</span>
                </strong>
              ) : (
                <span className="muted">nobody named by the policy</span>
              )}
              {item.nextLevelAt && (
                <span className="muted">
                  {" "}
                  · next level {untilText(minutesUntil(item.nextLevelAt, now))}
                </span>
              )}
            </span>
            <span>
              <span className="label">Next</span>
              <NextRegion option={item.next} now={now} />
            </span>
          </div>
          {item.raiseToAgents.length > 0 && (
            <ul className="raise-people" aria-label={`People to raise case #${item.caseNumber} to`}>
              {item.raiseToAgents.map((a) => (
                <li key={a.agentId}>
                  {a.name}
                  {a.region && <span className="muted"> · {a.region}</span>}
                  <span className={`badge ${a.onShift ? "badge-green" : "badge-gray"}`}>
                    {a.onShift ? "on shift" : "off shift"}
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
