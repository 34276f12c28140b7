// Subscribing to handover meetings in a calendar app: a calendar key (which only reads meetings)
// goes into the feed addresses, for a region's meetings and for the person's own. Baton shows a
// key only when it makes it, and a new key retires the previous one.

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage } from "../api/errors.ts";
import type { Coded } from "../api/types.ts";
import { useUser } from "../auth/AuthProvider.tsx";
import { calendarFeedUrls, type FeedUrls } from "../lib/followTheSun.ts";
import { CopyField } from "./CopyField.tsx";

export function CalendarSubscribe({
  workspace,
  regions,
  region,
}: {
  workspace: string;
  regions: readonly Coded[];
  /** The region offered first (the filter's, or the person's own). */
  region: string | null;
}) {
  const { t } = useTranslation();
  const user = useUser();
  const id = useId();
  const [feedRegion, setFeedRegion] = useState(region ?? regions[0]?.code ?? "");
  const create = useMutation({ mutationFn: () => endpoints.createCalendarKey() });
  const key = create.data?.key;
  const origin = window.location.origin;
  const chosen = feedRegion || region || regions[0]?.code || "";

  return (
    <section className="panel calendar-subscribe" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        {t("calendarSubscribe.subscribeInYourCalendar")}
      </h2>
      <p className="small">
        {t("calendarSubscribe.calendarAppsReadTheMeetings")}{" "}
        <strong>{t("calendarSubscribe.creatingAKeyReplacesYour")}</strong>{" "}
        {t("calendarSubscribe.calendarsSubscribedWithTheOld")}
      </p>
      <div className="calendar-controls">
        <div className="field-inline">
          <label htmlFor={`${id}-region`}>{t("calendarSubscribe.regionFeed")}</label>
          <select
            id={`${id}-region`}
            value={chosen}
            onChange={(e) => setFeedRegion(e.target.value)}
          >
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.code} · {r.name}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="btn"
          onClick={() => create.mutate()}
          disabled={create.isPending}
        >
          {create.isPending
            ? t("calendarSubscribe.creating")
            : key
              ? t("calendarSubscribe.createAnotherKeyRetiresThis")
              : t("calendarSubscribe.createCalendarKey")}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {key && (
          <p className="notice notice-info calendar-key-made">
            {t("calendarSubscribe.newCalendarKeyMadeAny")}
          </p>
        )}
      </div>
      {create.isError && (
        <p className="notice notice-error" role="alert">
          {t("calendarSubscribe.couldNotCreateAKey", { errorMessage: errorMessage(create.error) })}
        </p>
      )}
      {key && chosen && (
        <FeedAddresses
          label={t("calendarSubscribe.chosenHandoverMeetings", { chosen })}
          urls={calendarFeedUrls(origin, workspace, "region", chosen, key)}
        />
      )}
      {key && (
        <FeedAddresses
          label={t("calendarSubscribe.myHandoverMeetings")}
          urls={calendarFeedUrls(origin, workspace, "agent", user.id, key)}
        />
      )}
    </section>
  );
}

function FeedAddresses({ label, urls }: { label: string; urls: FeedUrls }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="feed" aria-labelledby={`${id}-legend`}>
      <legend id={`${id}-legend`}>{label}</legend>
      <CopyField label={t("calendarSubscribe.subscribeAddressWebcal")} value={urls.webcal} />
      <CopyField label={t("calendarSubscribe.webAddressHttpsToPaste")} value={urls.web} />
      <a className="btn btn-small" href={urls.webcal}>
        {t("calendarSubscribe.openInCalendarApp")}
      </a>
    </fieldset>
  );
}
