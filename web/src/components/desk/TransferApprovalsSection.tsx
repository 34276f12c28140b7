// Transfer approvals beside the desk's other requests: how many wait for the viewer's word, and
// the way to the approvals page where they are decided (the transfer engine's own page).
import { Link } from "react-router";
import { useWaitingTransfers } from "../../hooks/transfers.ts";
import { inboxCounts } from "../../lib/transfers.ts";

export function TransferApprovalsSection() {
  const waiting = useWaitingTransfers();
  if (!waiting.data) return null;
  const { approvals } = inboxCounts(waiting.data);
  return (
    <section aria-label="Transfer approvals">
      <h2>Transfer approvals</h2>
      {approvals === 0 ? (
        <p className="empty">No transfer waits for your approval.</p>
      ) : (
        <p>
          <Link to="/transfers/approvals">
            {approvals} transfer{approvals === 1 ? "" : "s"} waiting for your approval
          </Link>
        </p>
      )}
    </section>
  );
}
