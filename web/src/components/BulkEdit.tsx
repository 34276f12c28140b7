// Issue 17: the same change to several cases from a list: status (closing them too), severity,
// priority and, where the server says the person may hand cases over directly, the owner. Baton
// decides each case on its own, so the result lists which changed and, for the others, why not.

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { endpoints } from "../api/endpoints.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { BulkUpdateBody } from "../api/types.ts";
import { CASE_STATUSES, statusLabel } from "../lib/caseStatus.ts";
import { type BulkActionProps, BulkForm } from "./BulkForm.tsx";
import { BulkOutcome } from "./BulkOutcome.tsx";

type Change = BulkUpdateBody["change"];

/** "" keeps each case's own value; the owner's "none" takes the owner away. */
const KEEP = "";
const NO_OWNER = "none";

export function BulkEdit({ cases, policy, agents, onDone }: BulkActionProps) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const rights = policy?.viewer?.bulkEdit;
  const [status, setStatus] = useState(KEEP);
  const [severity, setSeverity] = useState(KEEP);
  const [priority, setPriority] = useState(KEEP);
  const [owner, setOwner] = useState(KEEP);
  const [confirmOpenChildren, setConfirmOpenChildren] = useState(false);
  const ending = status === "resolved" || status === "closed";

  const change: Change = {
    ...(status ? { status: status as NonNullable<Change["status"]> } : {}),
    ...(severity ? { severity } : {}),
    ...(priority ? { priority } : {}),
    ...(owner && rights?.owner ? { ownerId: owner === NO_OWNER ? null : owner } : {}),
    ...(ending && confirmOpenChildren ? { confirmOpenChildren } : {}),
  };
  const ready = Object.keys(change).some((k) => k !== "confirmOpenChildren");

  const run = useMutation({
    mutationFn: () =>
      endpoints.bulkUpdateCases({
        cases: cases.map((c) => ({ number: c.number, version: c.version })),
        change,
      }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.caseLists });
      for (const c of cases)
        void queryClient.invalidateQueries({ queryKey: queryKeys.case(c.number) });
    },
  });

  const result = run.data;
  if (result)
    return (
      <BulkOutcome
        summary={t("bulkEdit.changedRefused", { count: result.succeeded, failed: result.failed })}
        results={result.results}
        done={() => t("bulkEdit.changed")}
        onDone={() => onDone(result.results.filter((r) => r.ok).map((r) => r.number))}
      />
    );

  const select = (
    key: string,
    label: string,
    value: string,
    set: (v: string) => void,
    options: { code: string; name: string }[],
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} value={value} onChange={(e) => set(e.target.value)}>
        <option value={KEEP}>{t("bulkEdit.keepAsIs")}</option>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <BulkForm
      cases={cases}
      ready={ready}
      onRun={() => run.mutate()}
      error={run.error}
      submit={
        <button type="submit" className="btn btn-primary" disabled={!ready || run.isPending}>
          {run.isPending
            ? t("bulkEdit.changing")
            : t("bulkEdit.changeCases", { count: cases.length })}
        </button>
      }
    >
      {rights?.fields && (
        <>
          {select(
            "status",
            t("bulkEdit.status"),
            status,
            setStatus,
            CASE_STATUSES.map((s) => ({ code: s, name: statusLabel(s, policy?.statusLabels) })),
          )}
          {ending && (
            <span className="field-check">
              <input
                id={`${id}-children`}
                type="checkbox"
                checked={confirmOpenChildren}
                onChange={(e) => setConfirmOpenChildren(e.target.checked)}
              />
              <label htmlFor={`${id}-children`}>{t("bulkEdit.evenWithOpenChildren")}</label>
            </span>
          )}
          {select(
            "severity",
            t("bulkEdit.severity"),
            severity,
            setSeverity,
            policy?.severities ?? [],
          )}
          {select(
            "priority",
            t("bulkEdit.priority"),
            priority,
            setPriority,
            policy?.priorities ?? [],
          )}
        </>
      )}
      {rights?.owner &&
        select("owner", t("bulkEdit.owner"), owner, setOwner, [
          { code: NO_OWNER, name: t("bulkEdit.unassigned") },
          ...(agents ?? []).map((a) => ({ code: a.id, name: a.name })),
        ])}
    </BulkForm>
  );
}
