import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Agent, CaseDetail, PolicyView } from "../api/types.ts";
import { useShortcut } from "../hooks/shortcuts.tsx";
import { useCaseTransfers } from "../hooks/transfers.ts";
import { dateTime, relativeTime } from "../lib/format.ts";
import type { TransferForm } from "../lib/transferForm.ts";
import { openAndPast, transferOutcome } from "../lib/transfers.ts";
import { Dialog } from "./Dialog.tsx";
import { TransferPanel } from "./TransferPanel.tsx";
import { TransferCard, TransferStateBadge } from "./TransferParts.tsx";

/**
 * The case page's transfer section: the open transfer with what the caller may do on it, the
 * hand-off count, past transfers, and the "Transfer…" panel (shortcut `t`).
 */
export function CaseTransfers({
  caseData: c,
  policy,
  agents,
  role,
  now,
}: {
  caseData: CaseDetail;
  policy: PolicyView | undefined;
  agents: Agent[] | undefined;
  role: string | undefined;
  now: Date;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const [panelOpen, setPanelOpen] = useState(false);
  const draft = useRef<TransferForm | null>(null);
  // After a submit the dialog closes; focus goes to the message saying what happened, not to the
  // page body (the dialog may have been opened by its shortcut, with nothing focused before).
  const [outcome, setOutcome] = useState<{
    text: string;
    transferId: string;
    version: number;
  } | null>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);
  const transfers = useCaseTransfers(c.number);
  const { open, past } = openAndPast(transfers.data ?? []);
  // The message says what the submit did; once the transfer moves on (approved, accepted …) the
  // card below says where it stands, and the message would only contradict it.
  const submitted = (transfers.data ?? []).find((t) => t.id === outcome?.transferId);
  const outcomeCurrent = outcome !== null && (!submitted || submitted.version === outcome.version);
  const closed = c.status === "closed";
  // The server decides (role, groups excluded from transferring); the page only shows it.
  const allowed = c.allowed.includes("case.transfer");
  const canStart = !closed && allowed;
  const openPanel = () => {
    setOutcome(null);
    setPanelOpen(true);
  };
  useShortcut("transfer", openPanel, canStart);

  return (
    <section className="panel transfer-section" aria-labelledby={titleId}>
      <div className="section-head">
        <h2 id={titleId} className="section-title">
          {t("caseTransfers.transfer")}
        </h2>
        <span className="muted handoff-count" data-handoffs={c.handoffCount}>
          {c.handoffCount === 0
            ? t("caseTransfers.noHandOffsYet")
            : t("caseTransfers.handoffs", { count: c.handoffCount })}
        </span>
        {allowed && (
          <button
            type="button"
            className="btn section-head-action"
            aria-keyshortcuts="t"
            disabled={closed}
            onClick={openPanel}
          >
            {t("caseTransfers.transfer2")}
          </button>
        )}
        {canStart && (
          <span className="muted small shortcut-hint">
            {t("caseTransfers.orPress")} <kbd>t</kbd>
          </span>
        )}
      </div>
      {outcomeCurrent && (
        <p
          ref={outcomeRef}
          tabIndex={-1}
          role="status"
          className="notice notice-info transfer-outcome"
        >
          {outcome?.text}
        </p>
      )}
      {closed && <p className="muted">{t("caseTransfers.aClosedCaseIsNot")}</p>}
      {!closed && !allowed && (
        <p className="muted no-transfer">
          {sentence(policy?.viewer?.transferRefusal ?? "your role may not transfer cases")}.
        </p>
      )}
      {transfers.isError ? (
        <p className="field-error">{t("caseTransfers.couldNotLoadTheTransfers")}</p>
      ) : open ? (
        <TransferCard transfer={open} policy={policy} agents={agents} now={now} />
      ) : (
        !closed && <p className="muted">{t("caseTransfers.noTransferUnderWay")}</p>
      )}
      {past.length > 0 && (
        <details className="past-transfers">
          <summary>{t("caseTransfers.pastTransfersLength", { length: past.length })}</summary>
          <ul className="past-list">
            {past.map((t) => (
              <li key={t.id}>
                <details>
                  <summary>
                    <TransferStateBadge state={t.state} />{" "}
                    <span className="strong">{t.kindName}</span> → {t.target.label}{" "}
                    <time className="muted" dateTime={t.createdAt} title={dateTime(t.createdAt)}>
                      {relativeTime(t.createdAt, now)}
                    </time>
                  </summary>
                  <TransferCard transfer={t} policy={policy} agents={agents} now={now} />
                </details>
              </li>
            ))}
          </ul>
        </details>
      )}
      <Dialog
        open={panelOpen}
        onClose={() => setPanelOpen(false)}
        title={t("caseTransfers.transferCaseNumber", { number: c.number })}
        className="dialog-wide transfer-dialog"
      >
        <TransferPanel
          caseData={c}
          policy={policy}
          agents={agents}
          role={role}
          draft={draft.current}
          onDraft={(form) => {
            draft.current = form;
          }}
          onDone={(t) => {
            setOutcome({ text: transferOutcome(t), transferId: t.id, version: t.version });
            setPanelOpen(false);
          }}
          onCancel={() => setPanelOpen(false)}
        />
      </Dialog>
    </section>
  );
}

const sentence = (why: string) => `${why.charAt(0).toUpperCase()}${why.slice(1)}`;
