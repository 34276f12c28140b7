// The case page's "Follow the sun" section: the customer's time now and their business day, the
// next customer contact in the customer's zone and the viewer's (S0.4) with its editor, which
// region is on duty now and next, and who should hold the case next, from when, with findings.

import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../api/errors.ts";
import type {
  AgentOption,
  CaseDetail,
  ContactTime,
  NextHolder,
  PolicyView,
  RegionStatus,
} from "../api/types.ts";
import { useNextHolder, useViewerZone } from "../hooks/followTheSun.ts";
import { dayOffsetText, minutesUntil, untilText } from "../lib/followTheSun.ts";
import { labelIn } from "../lib/policy.ts";
import { dayAndTime, zonedLabel } from "../lib/zonedTime.ts";
import { MeetingLine, NextRegion } from "./HandoffBoardSections.tsx";
import { NextContactEditor } from "./NextContactEditor.tsx";

export function FollowTheSunPanel({
  caseData: c,
  policy,
  onSaved,
}: {
  caseData: CaseDetail;
  policy: PolicyView | undefined;
  onSaved: (saved: CaseDetail) => void;
}) {
  const { t } = useTranslation();
  const holder = useNextHolder(c.number);
  const viewerZone = useViewerZone();
  const data = holder.data;
  return (
    <section className="panel follow-the-sun" aria-labelledby="fts-title">
      <h2 id="fts-title" className="section-title">
        {t("followTheSunPanel.followTheSun")}
      </h2>
      {holder.isError ? (
        <p className="field-error">
          {t("followTheSunPanel.couldNotLoadFollowThe", {
            errorMessage: errorMessage(holder.error),
          })}
        </p>
      ) : !data ? (
        <p className="muted">{t("followTheSunPanel.loading")}</p>
      ) : (
        <>
          <CustomerTime now={data.customerNow} />
          <NextContact
            caseData={c}
            contact={data.nextContact}
            customerZone={data.customerNow?.customer.timeZone ?? null}
            viewerZone={viewerZone}
            onSaved={onSaved}
          />
          <RegionsNowAndNext regions={data.onDuty} current={data.currentRegion} at={data.at} />
          <SuggestedHolder data={data} policy={policy} />
        </>
      )}
    </section>
  );
}

function CustomerTime({ now }: { now: ContactTime | null }) {
  const { t } = useTranslation();
  if (!now) return <p className="muted small">{t("followTheSunPanel.noCustomerTimeZoneOn")}</p>;
  return (
    <div className="fts-block customer-now">
      <h3 className="subsection-title">{t("followTheSunPanel.customerSTimeNow")}</h3>
      <p>
        <time dateTime={now.customer.iso} className="strong">
          {zonedLabel(now.customer)}
        </time>
      </p>
      <p className="badge-row">
        <span className={`badge ${now.customerBusinessDay ? "badge-green" : "badge-gray"}`}>
          {now.customerBusinessDay
            ? t("followTheSunPanel.businessDay")
            : t("followTheSunPanel.notABusinessDay")}
        </span>
        <span className={`badge ${now.withinCustomerHours ? "badge-green" : "badge-gray"}`}>
          {now.withinCustomerHours
            ? t("followTheSunPanel.withinWorkingHours")
            : t("followTheSunPanel.outsideWorkingHours")}
        </span>
        {!now.withinCustomerHours && now.customerHoursFrom && (
          <span className="small">
            {t("followTheSunPanel.theirHoursBeginUntiltext", {
              untilText: untilText(minutesUntil(now.customerHoursFrom, new Date(now.at))),
            })}
            <time dateTime={now.customerHoursFrom}>{dayAndTime(now.customerHoursFrom)}</time>{" "}
            {t("followTheSunPanel.yourTime")}
          </span>
        )}
      </p>
    </div>
  );
}

function NextContact({
  caseData: c,
  contact,
  customerZone,
  viewerZone,
  onSaved,
}: {
  caseData: CaseDetail;
  contact: ContactTime | null;
  customerZone: string | null;
  viewerZone: string;
  onSaved: (saved: CaseDetail) => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const canEdit = c.allowed.includes("case.update") && c.status !== "closed";
  const offset = contact ? dayOffsetText(contact.dayOffset) : null;
  return (
    <div className="fts-block next-contact">
      <h3 className="subsection-title">{t("followTheSunPanel.nextCustomerContact")}</h3>
      {contact ? (
        <dl className="facts contact-times">
          <div className="meta-row">
            <dt>{t("followTheSunPanel.customerSTime")}</dt>
            <dd>
              <time dateTime={contact.customer.iso} className="contact-customer">
                {zonedLabel(contact.customer)}
              </time>
            </dd>
          </div>
          <div className="meta-row">
            <dt>{t("followTheSunPanel.yourTime2")}</dt>
            <dd>
              <time dateTime={contact.viewer.iso} className="contact-viewer">
                {zonedLabel(contact.viewer)}
              </time>
              {offset && <span className="muted">({offset})</span>}
            </dd>
          </div>
        </dl>
      ) : c.nextContactAt ? (
        <p>
          <time dateTime={c.nextContactAt}>{dayAndTime(c.nextContactAt)}</time>{" "}
          {t("followTheSunPanel.yourTime3")}
        </p>
      ) : (
        <p className="muted">{t("followTheSunPanel.notSetAgreeWithThe")}</p>
      )}
      {contact && (!contact.customerBusinessDay || !contact.withinCustomerHours) && (
        <p className="notice notice-warning small">
          {!contact.customerBusinessDay
            ? t("followTheSunPanel.thatIsNotABusiness")
            : t("followTheSunPanel.thatIsOutsideTheCustomer")}
          {contact.customerHoursFrom && (
            <>
              {t("followTheSunPanel.theirHoursBegin")}{" "}
              <time dateTime={contact.customerHoursFrom}>
                {dayAndTime(contact.customerHoursFrom, customerZone ?? undefined)}
              </time>{" "}
              {t("followTheSunPanel.theirTime")}
            </>
          )}
        </p>
      )}
      {editing ? (
        <NextContactEditor
          caseData={c}
          customerZone={customerZone}
          viewerZone={viewerZone}
          onSaved={onSaved}
          onClose={() => setEditing(false)}
        />
      ) : (
        canEdit && (
          <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
            {c.nextContactAt
              ? t("followTheSunPanel.changeNextContact")
              : t("followTheSunPanel.setNextContact")}
          </button>
        )
      )}
    </div>
  );
}

function RegionsNowAndNext({
  regions,
  current,
  at,
}: {
  regions: RegionStatus[];
  current: string | null;
  at: string;
}) {
  const { t } = useTranslation();
  const now = new Date(at);
  const on = regions.filter((r) => r.onDuty);
  const upcoming = regions
    .filter((r) => !r.onDuty && r.changeAt)
    .sort((a, b) => Date.parse(a.changeAt ?? "") - Date.parse(b.changeAt ?? ""));
  const next = upcoming[0];
  return (
    <div className="fts-block regions-now">
      <h3 className="subsection-title">{t("followTheSunPanel.regionsOnDuty")}</h3>
      <dl className="facts">
        <div className="meta-row">
          <dt>{t("followTheSunPanel.now")}</dt>
          <dd className="on-duty-now">
            {on.length === 0 ? (
              <span className="muted">{t("followTheSunPanel.noRegionIsOnDuty")}</span>
            ) : (
              on.map((r) => (
                <span key={r.region}>
                  <strong>{r.region}</strong>
                  {r.changeAt && (
                    <span className="muted">
                      {" "}
                      {t("followTheSunPanel.until")}{" "}
                      <time dateTime={r.changeAt}>{dayAndTime(r.changeAt)}</time>
                    </span>
                  )}
                </span>
              ))
            )}
          </dd>
        </div>
        {next?.changeAt && (
          <div className="meta-row">
            <dt>{t("followTheSunPanel.next")}</dt>
            <dd className="on-duty-next">
              <span>
                <strong>{next.region}</strong> {untilText(minutesUntil(next.changeAt, now))} (
                <time dateTime={next.changeAt}>{dayAndTime(next.changeAt)}</time>{" "}
                {t("followTheSunPanel.yourTime")}
              </span>
            </dd>
          </div>
        )}
        {current && (
          <div className="meta-row">
            <dt>{t("followTheSunPanel.caseIsIn")}</dt>
            <dd>{current}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}

function SuggestedHolder({ data, policy }: { data: NextHolder; policy: PolicyView | undefined }) {
  const { t } = useTranslation();
  const now = new Date(data.at);
  const top = data.agents.slice(0, 3);
  const others = data.regions.filter((r) => r.region !== data.region?.region);
  return (
    <div className="fts-block next-holder">
      <h3 className="subsection-title">{t("followTheSunPanel.suggestedNextHolder")}</h3>
      <p className="small muted">
        {data.mode === "follow_the_sun"
          ? t("followTheSunPanel.n24x7TheCaseFollowsThe")
          : t("followTheSunPanel.without24x7TheCaseStays")}
      </p>
      {data.findings.length > 0 && (
        <ul className="findings" aria-label={t("followTheSunPanel.findings")}>
          {data.findings.map((f) => (
            <li key={f.code} className="notice notice-warning small" data-finding={f.code}>
              {f.message}
            </li>
          ))}
        </ul>
      )}
      <dl className="facts">
        <div className="meta-row">
          <dt>{t("followTheSunPanel.handOver")}</dt>
          <dd>
            {data.handoffAt === null ? (
              <span>{t("followTheSunPanel.notNeededTheCaseCan")}</span>
            ) : minutesUntil(data.handoffAt, now) <= 0 ? (
              <strong>{t("followTheSunPanel.handoffNow")}</strong>
            ) : (
              <span>
                <strong>{untilText(minutesUntil(data.handoffAt, now))}</strong> (
                <time dateTime={data.handoffAt}>{dayAndTime(data.handoffAt)}</time>{" "}
                {t("followTheSunPanel.yourTime")}
              </span>
            )}
          </dd>
        </div>
        {data.region && (
          <div className="meta-row">
            <dt>{t("followTheSunPanel.toRegion")}</dt>
            <dd className="suggested-region">
              <NextRegion option={data.region} now={now} />
            </dd>
          </div>
        )}
        {data.meeting && (
          <div className="meta-row">
            <dt>{t("followTheSunPanel.meeting")}</dt>
            <dd>
              <MeetingLine meeting={data.meeting} />
            </dd>
          </div>
        )}
        {data.customer?.servingRegion && (
          <div className="meta-row">
            <dt>{t("followTheSunPanel.customerServedBy")}</dt>
            <dd>
              <span>
                {data.customer.servingRegion} (
                {labelIn(policy?.regions, data.customer.servingRegion)})
              </span>
              {data.customer.requestedRegion && (
                <span className="muted">
                  {t("followTheSunPanel.askedForRequestedregion", {
                    requestedRegion: data.customer.requestedRegion,
                  })}
                </span>
              )}
            </dd>
          </div>
        )}
      </dl>
      {(data.region || top.length > 0) && !data.mayAssign && data.assignNote && (
        <p className="small muted assign-note">{data.assignNote}.</p>
      )}
      {top.length > 0 ? (
        <ol className="holder-agents" aria-label={t("followTheSunPanel.bestPlacedToTakeThe")}>
          {top.map((a) => (
            <AgentChoice
              key={a.agentId}
              agent={a}
              policy={policy}
              now={now}
              mayAssign={data.mayAssign}
            />
          ))}
        </ol>
      ) : (
        data.region && (
          <p className="muted small">
            {t("followTheSunPanel.nobodyInRegionMatchesYet", { region: data.region.region })}
          </p>
        )
      )}
      {others.length > 0 && (
        <details className="other-regions">
          <summary className="disclosure">
            {t("followTheSunPanel.otherRegionsLength", { length: others.length })}
          </summary>
          <ul>
            {others.map((r) => (
              <li key={r.region}>
                <NextRegion option={r} now={now} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function AgentChoice({
  agent: a,
  policy,
  now,
  mayAssign,
}: {
  agent: AgentOption;
  policy: PolicyView | undefined;
  now: Date;
  /** The server says whether the viewer may assign; otherwise this is information only. */
  mayAssign: boolean;
}) {
  const { t } = useTranslation();
  const role = policy?.roles?.find((r) => r.id === a.role)?.name ?? a.role.replaceAll("_", " ");
  const later = minutesUntil(a.takeOverAt, now) > 0;
  return (
    <li className="holder-agent">
      <span className="strong">{a.name}</span> <span className="muted">({role})</span>{" "}
      {later ? (
        <span>
          {t("followTheSunPanel.from")}{" "}
          <time dateTime={a.takeOverAt}>{dayAndTime(a.takeOverAt)}</time>
        </span>
      ) : mayAssign ? (
        <span>{t("followTheSunPanel.canTakeItNow")}</span>
      ) : (
        <span>{t("followTheSunPanel.onShiftNow")}</span>
      )}
      <span className="badge-row">
        {a.handoverSme && (
          <span className="badge badge-blue">{t("followTheSunPanel.handoverSme")}</span>
        )}
        <span className={`badge ${a.skillMatch ? "badge-green" : "badge-gray"}`}>
          {a.skillMatch ? t("followTheSunPanel.hasTheSkill") : t("followTheSunPanel.noSkillMatch")}
        </span>
        <span className={`badge ${a.languageMatch ? "badge-green" : "badge-gray"}`}>
          {a.languageMatch
            ? t("followTheSunPanel.speaksTheLanguage")
            : t("followTheSunPanel.noLanguageMatch")}
        </span>
        {a.offQueue && <span className="badge badge-gray">{t("followTheSunPanel.offQueue")}</span>}
        <span className="badge badge-outline">
          {t("followTheSunPanel.loadRound", { round: Math.round(a.load * 100) })}
        </span>
      </span>
    </li>
  );
}
