import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { TransferView } from "../api/types.ts";
import { TransferCard } from "../components/TransferParts.tsx";
import { useWaitingTransfers } from "../hooks/transfers.ts";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { useNow } from "../hooks/useNow.ts";
import { useAgents, usePolicy } from "../hooks/workspace.ts";
import { splitWaiting } from "../lib/transfers.ts";

export type InboxView = "approvals" | "incoming";

const TITLES: Record<InboxView, string> = {
  approvals: "transferInboxPage.approvals",
  incoming: "transferInboxPage.incomingTransfers",
};

/**
 * Transfers waiting on me, live: the approvals inbox (requests for my role to approve) or the
 * incoming list (cases offered to me to accept, and my own transfers waiting on a step I do).
 */
export function TransferInboxPage({ view }: { view: InboxView }) {
  const { t } = useTranslation();
  const waiting = useWaitingTransfers();
  useDocumentTitle(t(TITLES[view]));
  const inbox = splitWaiting(waiting.data ?? []);
  const sections: { title: string; empty: string; items: TransferView[] }[] =
    view === "approvals"
      ? [
          {
            title: t("transferInboxPage.waitingForYourApproval"),
            empty: t("transferInboxPage.nothingWaitsForYourApproval"),
            items: inbox.approvals,
          },
        ]
      : [
          {
            title: t("transferInboxPage.offeredToYou"),
            empty: t("transferInboxPage.noCaseIsBeingHandedToYou"),
            items: inbox.incoming,
          },
          {
            title: t("transferInboxPage.yourTransfersWaitingOnYou"),
            empty: t("transferInboxPage.noneOfYourTransfersWaits"),
            items: inbox.myStepsToDo,
          },
        ];
  const total = sections.reduce((n, s) => n + s.items.length, 0);

  return (
    <div className="page transfer-inbox" data-inbox={view}>
      <header className="page-header">
        <h1 tabIndex={-1} className="page-title">
          {t(TITLES[view])}
        </h1>
        {waiting.data && (
          <span className="count" aria-live="polite">
            {t("transferInboxPage.transfers", { count: total })}
          </span>
        )}
      </header>
      <p className="muted">
        {view === "approvals"
          ? t("transferInboxPage.transfersYourRoleApprovesIn")
          : t("transferInboxPage.casesColleaguesWantToHand")}{" "}
        {t("transferInboxPage.thisListUpdatesLive")}
      </p>
      {waiting.isError ? (
        <div className="notice notice-error" role="alert">
          <p>
            {t("transferInboxPage.couldNotLoadTheTransfers", {
              errorMessage: errorMessage(waiting.error),
            })}
          </p>
          <button type="button" className="btn" onClick={() => void waiting.refetch()}>
            {t("transferInboxPage.tryAgain")}
          </button>
        </div>
      ) : waiting.isPending ? (
        <p className="muted" aria-live="polite">
          {t("transferInboxPage.loading")}
        </p>
      ) : (
        sections.map((section) => (
          <section key={section.title} className="inbox-section" aria-label={section.title}>
            <h2 className="section-title">
              {section.title} <span className="muted small">({section.items.length})</span>
            </h2>
            {section.items.length === 0 ? (
              <p className="empty">{section.empty}</p>
            ) : (
              <ul className="inbox-list">
                {section.items.map((t) => (
                  <li key={t.id}>
                    <InboxItem transfer={t} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))
      )}
    </div>
  );
}

function InboxItem({ transfer: t }: { transfer: TransferView }) {
  const now = useNow(30_000);
  const policy = usePolicy(t.workspace).data;
  const agents = useAgents(t.workspace).data;
  // The case's subject, from the same cache the case page uses.
  const kase = useQuery({
    queryKey: queryKeys.caseDetail(t.caseNumber),
    queryFn: ({ signal }) => endpoints.getCase(t.caseNumber, signal),
    staleTime: 60_000,
  });
  return (
    <div className="panel inbox-item">
      <TransferCard
        transfer={t}
        policy={policy}
        agents={agents}
        now={now}
        caseSubject={kase.data?.subject}
        showCase
      />
    </div>
  );
}
