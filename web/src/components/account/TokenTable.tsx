// API tokens as a table: mine on the account page, the workspace's members' on the admin page.
import { useState } from "react";
import type { TokenView } from "../../api/types.ts";
import { dateTime } from "../../lib/format.ts";
import { Dialog } from "../Dialog.tsx";

const STATE_LABELS: Record<TokenView["state"], string> = {
  active: "Active",
  expired: "Expired",
  revoked: "Revoked",
};

function RevokeButton({
  token,
  onRevoke,
  pending,
}: {
  token: TokenView;
  onRevoke: (id: string) => void;
  pending: boolean;
}) {
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <button type="button" className="btn btn-small" onClick={() => setConfirming(true)}>
        Revoke
      </button>
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Revoke “${token.name}”?`}
      >
        <p>
          Anything using this token stops working at once.
          {token.current && " It is the token this page was opened with."}
        </p>
        <div className="dialog-actions">
          <button
            type="button"
            className="btn btn-primary"
            disabled={pending}
            onClick={() => {
              onRevoke(token.id);
              setConfirming(false);
            }}
          >
            Revoke
          </button>{" "}
          <button type="button" className="btn" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      </Dialog>
    </>
  );
}

export function TokenTable({
  tokens,
  showOwner,
  onRevoke,
  pending,
}: {
  tokens: TokenView[];
  showOwner: boolean;
  onRevoke: (id: string) => void;
  pending: boolean;
}) {
  if (tokens.length === 0) return <p>No API tokens.</p>;
  return (
    <table className="data-table token-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          {showOwner && <th scope="col">Person</th>}
          <th scope="col">Scope</th>
          <th scope="col">State</th>
          <th scope="col">Expires</th>
          <th scope="col">Last used</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => (
          <tr key={t.id} data-token={t.id} data-state={t.state}>
            <td>{t.name}</td>
            {showOwner && (
              <td>
                {t.owner.name} <span className="muted small">{t.owner.email}</span>
              </td>
            )}
            <td>{t.scope === "read" ? "Read only" : "Full"}</td>
            <td>{STATE_LABELS[t.state]}</td>
            <td>{t.expiresAt ? dateTime(t.expiresAt) : "Never"}</td>
            <td>{t.lastUsedAt ? dateTime(t.lastUsedAt) : "Never"}</td>
            <td>
              {t.state === "active" && (
                <RevokeButton token={t} onRevoke={onRevoke} pending={pending} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
