// API tokens as a table: mine on the account page, the workspace's members' on the admin page.

import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { TokenView } from "../../api/types.ts";
import { dateTime } from "../../lib/format.ts";
import { Dialog } from "../Dialog.tsx";

const STATE_LABELS: Record<TokenView["state"], string> = {
  active: "tokenTable.stateActive",
  expired: "tokenTable.stateExpired",
  revoked: "tokenTable.stateRevoked",
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
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <button type="button" className="btn btn-small" onClick={() => setConfirming(true)}>
        {t("tokenTable.revoke")}
      </button>
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={t("tokenTable.revokeName", { name: token.name })}
      >
        <p>
          {t("tokenTable.anythingUsingThisTokenStops")}
          {token.current && t("tokenTable.itIsTheTokenThis")}
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
            {t("tokenTable.revoke")}
          </button>{" "}
          <button type="button" className="btn" onClick={() => setConfirming(false)}>
            {t("tokenTable.cancel")}
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
  const { t } = useTranslation();
  if (tokens.length === 0) return <p>{t("tokenTable.noApiTokens")}</p>;
  return (
    <table className="data-table token-table">
      <thead>
        <tr>
          <th scope="col">{t("tokenTable.name")}</th>
          {showOwner && <th scope="col">{t("tokenTable.person")}</th>}
          <th scope="col">{t("tokenTable.scope")}</th>
          <th scope="col">{t("tokenTable.state")}</th>
          <th scope="col">{t("tokenTable.expires")}</th>
          <th scope="col">{t("tokenTable.lastUsed")}</th>
          <th scope="col">
            <span className="visually-hidden">{t("tokenTable.actions")}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.id} data-token={token.id} data-state={token.state}>
            <td>{token.name}</td>
            {showOwner && (
              <td>
                {token.owner.name} <span className="muted small">{token.owner.email}</span>
              </td>
            )}
            <td>{token.scope === "read" ? t("tokenTable.readOnly") : t("tokenTable.full")}</td>
            <td>{t(STATE_LABELS[token.state])}</td>
            <td>{token.expiresAt ? dateTime(token.expiresAt) : t("tokenTable.never")}</td>
            <td>{token.lastUsedAt ? dateTime(token.lastUsedAt) : t("tokenTable.never")}</td>
            <td>
              {token.state === "active" && (
                <RevokeButton token={token} onRevoke={onRevoke} pending={pending} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
