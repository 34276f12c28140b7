// "My calls today" (S4.3): the customer calls I run on my own calendar day, where I am, each in
// my time and the customer's, with the buttons the server says I may use.

import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import { CallCard } from "../components/calls/CallCard.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { rememberWorkspace } from "../hooks/workspace.ts";
import { dayLabel, zoneName } from "../lib/zonedTime.ts";

export const callsHref = (workspace: string) => `/w/${encodeURIComponent(workspace)}/calls`;

export function CallsPage() {
  const { t } = useTranslation();
  const { workspace = "" } = useParams();
  useEffect(() => rememberWorkspace(workspace), [workspace]);
  useDocumentTitle(t("callsPage.myCallsToday"));
  const calls = useQuery({
    queryKey: queryKeys.myCalls(workspace, "today"),
    queryFn: ({ signal }) => endpoints.myCalls(workspace, "today", signal),
    refetchInterval: 60_000,
  });
  const data = calls.data;
  return (
    <div className="page calls-page">
      <h1 tabIndex={-1} className="page-title">
        {t("callsPage.myCallsToday")}
      </h1>
      {data && (
        <p className="page-lead">
          {t("callsPage.daylabelInZonenameYourTime", {
            dayLabel: dayLabel(data.day),
            zoneName: zoneName(data.timeZone),
          })}
        </p>
      )}
      {calls.isError ? (
        <p className="notice notice-error" role="alert">
          {t("callsPage.couldNotLoadYourCalls", { errorMessage: errorMessage(calls.error) })}
        </p>
      ) : !data ? (
        <p className="muted">{t("callsPage.loading")}</p>
      ) : data.items.length === 0 ? (
        <p className="muted">{t("callsPage.noCustomerCallForYou")}</p>
      ) : (
        <ul className="plain-list">
          {data.items.map((call) => (
            <CallCard key={call.id} call={call} workspace={workspace} showCase />
          ))}
        </ul>
      )}
    </div>
  );
}
