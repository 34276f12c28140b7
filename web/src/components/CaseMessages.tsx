// The case page's "Messages" section: what Baton sent or will send about the case. Shown only when
// the delivery log answers (GET /deliveries?case=n); live case events refresh it.

import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { endpoints } from "../api/endpoints.ts";
import { queryKeys } from "../api/queryKeys.ts";
import { stateLabel, stateTone, topicLabel } from "../lib/deliveries.ts";
import { dateTime, relativeTime } from "../lib/format.ts";

export function CaseMessages({ caseNumber, now }: { caseNumber: number; now: Date }) {
  const { t } = useTranslation();
  const log = useQuery({
    queryKey: queryKeys.caseDeliveries(caseNumber),
    queryFn: ({ signal }) =>
      endpoints.deliveries(new URLSearchParams({ case: String(caseNumber), limit: "50" }), signal),
    retry: false,
  });
  if (!log.isSuccess) return null;
  const items = log.data.items;
  return (
    <section className="panel case-messages" aria-labelledby="messages-title">
      <h2 id="messages-title" className="section-title">
        {t("caseMessages.messages")}
      </h2>
      {items.length === 0 ? (
        <p className="muted">{t("caseMessages.noMessagesForThisCase")}</p>
      ) : (
        <ul className="case-messages-list">
          {items.map((d) => (
            <li key={d.id} data-delivery={d.id}>
              <span className={`badge badge-${stateTone(d.state)}`} data-state={d.state}>
                {stateLabel(d.state)}
              </span>{" "}
              <span className="case-messages-topic">{topicLabel(d.topic)}</span>{" "}
              {t("caseMessages.to")} <span className="case-messages-recipient">{d.recipient}</span>
              {" · "}
              <span className="muted" title={dateTime(d.createdAt)}>
                {relativeTime(d.createdAt, now)}
              </span>
              <div className="case-messages-subject">{d.subject}</div>
              {d.lastError && <div className="error-text">{d.lastError}</div>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
