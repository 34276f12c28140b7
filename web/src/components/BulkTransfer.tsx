// S3.4: transfer several cases from a list at once. The same kind, target, reason and comment go
// to every case; Baton decides each on its own, so the result lists which moved and, for the
// others, why not.

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { endpoints } from "../api/endpoints.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { TransferTargetType } from "../api/types.ts";
import { labelIn } from "../lib/policy.ts";
import { transferStateLabel } from "../lib/transfers.ts";
import { type BulkActionProps, BulkForm } from "./BulkForm.tsx";
import { BulkOutcome } from "./BulkOutcome.tsx";

export function BulkTransfer({ cases, policy, agents, onDone }: BulkActionProps) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const kinds = (policy?.transferKinds ?? []).filter((k) =>
    k.targets.some((t) => t !== "workspace"),
  );
  const [kindCode, setKindCode] = useState(kinds.length === 1 ? (kinds[0]?.code ?? "") : "");
  const kind = kinds.find((k) => k.code === kindCode);
  const targetTypes = (kind?.targets ?? []).filter(
    (t): t is Exclude<TransferTargetType, "workspace"> => t !== "workspace",
  );
  const [targetType, setTargetType] = useState<"agent" | "queue" | "">("");
  const type = targetType && targetTypes.includes(targetType) ? targetType : targetTypes[0];
  const queues = kind?.toQueues?.length ? kind.toQueues : (policy?.queues.map((q) => q.code) ?? []);
  const [queue, setQueue] = useState("");
  const [agentId, setAgentId] = useState("");
  const [reason, setReason] = useState("");
  const [reasonText, setReasonText] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [comment, setComment] = useState("");
  const chosenReason = kind?.reasons?.find((r) => r.code === reason);
  const targetQueue = queue && queues.includes(queue) ? queue : queues[0];
  const [autoAssign, setAutoAssign] = useState(false);
  const distribution = policy?.queues.find((q) => q.code === targetQueue)?.distribution;
  const queueAutoAssigns = distribution !== undefined && distribution !== "manual";

  const run = useMutation({
    mutationFn: () =>
      endpoints.bulkTransfer({
        cases: cases.map((c) => ({ number: c.number, version: c.version })),
        kind: kindCode,
        target:
          type === "agent"
            ? { agentId }
            : {
                queue: targetQueue ?? "",
                ...(autoAssign && queueAutoAssigns ? { autoAssign } : {}),
              },
        reason,
        ...(chosenReason?.requiresText && reasonText.trim()
          ? { reasonText: reasonText.trim() }
          : {}),
        fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v.trim())),
        confirmations: {},
        pin: false,
        comment: comment.trim(),
      }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.caseLists });
      void queryClient.invalidateQueries({ queryKey: queryKeys.transfers });
      for (const c of cases)
        void queryClient.invalidateQueries({ queryKey: queryKeys.case(c.number) });
    },
  });

  const result = run.data;
  if (result)
    return (
      <BulkOutcome
        summary={t("bulkTransfer.transferredRefused", {
          count: result.succeeded,
          failed: result.failed,
        })}
        results={result.results}
        done={(r) => transferStateLabel(r.state ?? "completed")}
        onDone={() => onDone(result.results.filter((r) => r.ok).map((r) => r.number))}
      />
    );

  const ready =
    kind !== undefined &&
    (type === "agent" ? agentId !== "" : Boolean(targetQueue)) &&
    chosenReason !== undefined &&
    (!chosenReason.requiresText || reasonText.trim() !== "");

  return (
    <BulkForm
      cases={cases}
      ready={ready}
      onRun={() => run.mutate()}
      error={run.error}
      submit={
        <button type="submit" className="btn btn-primary" disabled={!ready || run.isPending}>
          {run.isPending
            ? t("bulkTransfer.transferring")
            : t("bulkTransfer.transferCases", { count: cases.length })}
        </button>
      }
    >
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t("bulkTransfer.kindOfTransfer")}</label>
        <select
          id={`${id}-kind`}
          value={kindCode}
          onChange={(e) => {
            setKindCode(e.target.value);
            setReason("");
            setFields({});
          }}
        >
          <option value="">{t("bulkTransfer.chooseAKind")}</option>
          {kinds.map((k) => (
            <option key={k.code} value={k.code}>
              {k.name}
              {k.fromQueues?.length
                ? t("bulkTransfer.fromQueues", {
                    queues: k.fromQueues.map((q) => labelIn(policy?.queues, q)).join(", "),
                  })
                : ""}
            </option>
          ))}
        </select>
      </div>
      {kind && (
        <>
          {targetTypes.length > 1 && (
            <div className="segmented" role="radiogroup" aria-label={t("bulkTransfer.targetType")}>
              {targetTypes.map((target) => (
                <label key={target} className={type === target ? "is-checked" : ""}>
                  <input
                    type="radio"
                    name={`${id}-target-type`}
                    checked={type === target}
                    onChange={() => setTargetType(target)}
                  />
                  {target === "agent" ? t("bulkTransfer.anAgent") : t("bulkTransfer.aQueue")}
                </label>
              ))}
            </div>
          )}
          {type === "agent" ? (
            <div className="field">
              <label htmlFor={`${id}-agent`}>{t("bulkTransfer.agent")}</label>
              <select
                id={`${id}-agent`}
                value={agentId}
                onChange={(e) => setAgentId(e.target.value)}
              >
                <option value="">{t("bulkTransfer.chooseWhoTakesTheCases")}</option>
                {(agents ?? []).map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <div className="field">
              <label htmlFor={`${id}-queue`}>{t("bulkTransfer.queue")}</label>
              <select
                id={`${id}-queue`}
                value={targetQueue ?? ""}
                onChange={(e) => setQueue(e.target.value)}
              >
                {queues.map((q) => (
                  <option key={q} value={q}>
                    {labelIn(policy?.queues, q)}
                  </option>
                ))}
              </select>
              {queueAutoAssigns && (
                <span className="field-check">
                  <input
                    id={`${id}-auto-assign`}
                    type="checkbox"
                    checked={autoAssign}
                    onChange={(e) => setAutoAssign(e.target.checked)}
                  />
                  <label htmlFor={`${id}-auto-assign`}>
                    {t("bulkTransfer.autoAssignEachCaseBy")}
                  </label>
                </span>
              )}
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t("bulkTransfer.reason")}</label>
            <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)}>
              <option value="">{t("bulkTransfer.chooseAReason")}</option>
              {(kind.reasons ?? []).map((r) => (
                <option key={r.code} value={r.code}>
                  {r.label}
                </option>
              ))}
            </select>
          </div>
          {chosenReason?.requiresText && (
            <div className="field">
              <label htmlFor={`${id}-why`}>
                {t("bulkTransfer.why")}{" "}
                <span className="required">{t("bulkTransfer.required")}</span>
              </label>
              <textarea
                id={`${id}-why`}
                rows={2}
                value={reasonText}
                onChange={(e) => setReasonText(e.target.value)}
              />
            </div>
          )}
          {(kind.template ?? []).map((f) => (
            <div className="field" key={f.key}>
              <label htmlFor={`${id}-f-${f.key}`}>
                {f.label}{" "}
                {f.required && <span className="required">{t("bulkTransfer.required")}</span>}
              </label>
              {f.kind === "yesno" || f.kind === "choice" ? (
                <select
                  id={`${id}-f-${f.key}`}
                  value={fields[f.key] ?? ""}
                  onChange={(e) => setFields({ ...fields, [f.key]: e.target.value })}
                >
                  <option value="">{t("bulkTransfer.choose")}</option>
                  {/* A yes/no answer is stored in English whatever language asked it. */}
                  {(f.kind === "yesno"
                    ? [
                        { value: "Yes", label: t("bulkTransfer.yes") },
                        { value: "No", label: t("bulkTransfer.no") },
                      ]
                    : (f.choices ?? []).map((c) => ({ value: c, label: c }))
                  ).map((choice) => (
                    <option key={choice.value} value={choice.value}>
                      {choice.label}
                    </option>
                  ))}
                </select>
              ) : (
                <textarea
                  id={`${id}-f-${f.key}`}
                  rows={2}
                  value={fields[f.key] ?? ""}
                  onChange={(e) => setFields({ ...fields, [f.key]: e.target.value })}
                />
              )}
            </div>
          ))}
          <div className="field">
            <label htmlFor={`${id}-comment`}>
              {t("bulkTransfer.transferComment")}{" "}
              <span className="required">{t("bulkTransfer.optionalGoesIntoEachNote")}</span>
            </label>
            <textarea
              id={`${id}-comment`}
              rows={2}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          </div>
        </>
      )}
    </BulkForm>
  );
}
