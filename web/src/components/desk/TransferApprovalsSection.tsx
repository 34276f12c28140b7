// Transfer approvals beside the desk's other requests: how many wait for the viewer's word, and
// the way to the approvals page where they are decided (the transfer engine's own page).
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useWaitingTransfers } from "../../hooks/transfers.ts";
import { inboxCounts } from "../../lib/transfers.ts";

export function TransferApprovalsSection() {
  const { t } = useTranslation();
  const waiting = useWaitingTransfers();
  if (!waiting.data) return null;
  const { approvals } = inboxCounts(waiting.data);
  return (
    <section aria-label={t("transferApprovalsSection.transferApprovals")}>
      <h2>{t("transferApprovalsSection.transferApprovals")}</h2>
      {approvals === 0 ? (
        <p className="empty">{t("transferApprovalsSection.noTransferWaitsForYour")}</p>
      ) : (
        <p>
          <Link to="/transfers/approvals">
            {t("transferApprovalsSection.transfersWaitingForYourApproval", { count: approvals })}
          </Link>
        </p>
      )}
    </section>
  );
}
