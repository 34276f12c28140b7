// Putting a case on the hand-off sheet: what it needs, by when (read in the viewer's zone), for
// which team. On the sheet page the case number is typed; on a case page it is that case.

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage, fieldErrorMap } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { PolicyView, SheetEntry } from "../api/types.ts";
import { browserZone, zonedToInstant } from "../lib/zonedTime.ts";
import { useToast } from "./Toasts.tsx";

export function SheetAddForm({
  workspace,
  policy,
  caseNumber,
  onAdded,
}: {
  workspace: string;
  policy: PolicyView | undefined;
  /** The case, when the form is on its page. */
  caseNumber?: number;
  onAdded?: (entry: SheetEntry) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const { notify } = useToast();
  const zone = browserZone();
  const [number, setNumber] = useState("");
  const [needs, setNeeds] = useState("");
  const [due, setDue] = useState("");
  const [queue, setQueue] = useState("");
  const dueAt = due ? zonedToInstant(due, zone) : null;

  const mutation = useMutation({
    mutationFn: () =>
      endpoints.addSheetEntry(workspace, {
        caseNumber: caseNumber ?? Number(number),
        needs,
        ...(dueAt ? { dueAt: dueAt.iso } : {}),
        ...(queue ? { queue } : {}),
      }),
    onSuccess: (entry) => {
      notify(t("sheetAddForm.caseNumberIsOnThe", { number: entry.case.number }));
      setNumber("");
      setNeeds("");
      setDue("");
      setQueue("");
      void client.invalidateQueries({ queryKey: queryKeys.caseLists });
      onAdded?.(entry);
    },
  });
  const errors = fieldErrorMap(mutation.error);
  const general =
    mutation.error && Object.keys(errors).length === 0 ? errorMessage(mutation.error) : null;
  const err = (field: string) =>
    errors[field] ? (
      <p className="field-error" id={`${id}-${field}-err`}>
        {errors[field]}
      </p>
    ) : null;
  const describedBy = (field: string) => (errors[field] ? `${id}-${field}-err` : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate();
  };

  return (
    <form
      className="form-grid sheet-add"
      onSubmit={submit}
      noValidate
      aria-label={t("sheetAddForm.addToTheHandOff")}
    >
      {caseNumber === undefined && (
        <div className="field">
          <label htmlFor={`${id}-case`}>
            {t("sheetAddForm.caseNumber")}{" "}
            <span className="required">{t("sheetAddForm.required")}</span>
          </label>
          <input
            id={`${id}-case`}
            inputMode="numeric"
            value={number}
            onChange={(e) => setNumber(e.target.value.replace(/\D/g, ""))}
            aria-invalid={errors.caseNumber ? true : undefined}
            aria-describedby={describedBy("caseNumber")}
          />
          {err("caseNumber")}
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-needs`}>
          {t("sheetAddForm.whatItNeeds")}{" "}
          <span className="required">{t("sheetAddForm.required")}</span>
        </label>
        <input
          id={`${id}-needs`}
          value={needs}
          maxLength={500}
          onChange={(e) => setNeeds(e.target.value)}
          aria-invalid={errors.needs ? true : undefined}
          aria-describedby={describedBy("needs")}
        />
        {err("needs")}
      </div>
      <div className="field">
        <label htmlFor={`${id}-due`}>{t("sheetAddForm.dueByZone", { zone })}</label>
        <input
          id={`${id}-due`}
          type="datetime-local"
          value={due}
          onChange={(e) => setDue(e.target.value)}
          aria-describedby={describedBy("dueAt")}
        />
        {err("dueAt")}
      </div>
      <div className="field">
        <label htmlFor={`${id}-queue`}>{t("sheetAddForm.teamQueue")}</label>
        <select
          id={`${id}-queue`}
          value={queue}
          onChange={(e) => setQueue(e.target.value)}
          aria-describedby={describedBy("queue")}
        >
          <option value="">{t("sheetAddForm.any")}</option>
          {(policy?.queues ?? []).map((q) => (
            <option key={q.code} value={q.code}>
              {q.name}
            </option>
          ))}
        </select>
        {err("queue")}
      </div>
      {general && (
        <p role="alert" className="error-text">
          {general}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={mutation.isPending}>
          {mutation.isPending ? t("sheetAddForm.adding") : t("sheetAddForm.addToHandOffSheet")}
        </button>
      </div>
    </form>
  );
}
