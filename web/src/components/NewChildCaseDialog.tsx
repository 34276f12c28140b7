// "New case from this one" (S4.9): the customer reported a second issue, or came back with a new
// issue on an old case. The new case takes the parent's customer, contact, product, queue and
// region; the asker writes what is new. Whether the shift lead approves first comes from the
// server (`newCase.needsApproval`).

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage, fieldErrorMap } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { CaseDetail, NewChildCaseBody, PolicyView } from "../api/types.ts";
import { labelIn } from "../lib/policy.ts";
import { Dialog } from "./Dialog.tsx";
import { useToast } from "./Toasts.tsx";

const REASONS: { value: NewChildCaseBody["reason"]; label: string }[] = [
  { value: "second-issue", label: "newChildCaseDialog.reasonSecondIssue" },
  { value: "new-issue-on-old-case", label: "newChildCaseDialog.reasonNewIssueOnOldCase" },
];

export function NewChildCaseDialog({
  parent,
  policy,
  open,
  onClose,
}: {
  parent: CaseDetail;
  policy: PolicyView | undefined;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { notify } = useToast();
  const [reason, setReason] = useState<NewChildCaseBody["reason"]>("second-issue");
  const [subject, setSubject] = useState("");
  const [description, setDescription] = useState("");
  const [severity, setSeverity] = useState(parent.severity);
  const asks = parent.newCase.needsApproval;
  const make = useMutation({
    mutationFn: () =>
      endpoints.newChildCase(parent.number, { reason, subject, description, severity }),
    onSuccess: async (made) => {
      await client.invalidateQueries({ queryKey: queryKeys.caseDetail(parent.number) });
      await client.invalidateQueries({ queryKey: queryKeys.timeline(parent.number) });
      onClose();
      if (made.case) {
        notify(
          t("newChildCaseDialog.caseNumberOpenedFromNumber2", {
            number: made.case.number,
            number2: parent.number,
          }),
          "success",
        );
        navigate(`/cases/${made.case.number}`);
      } else notify(t("newChildCaseDialog.askedTheShiftLeadDecides"), "success");
    },
  });
  const errors = make.error ? fieldErrorMap(make.error) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    make.mutate();
  };
  const carried = [
    parent.customer?.name,
    parent.contact?.name,
    parent.product ? labelIn(policy?.products, parent.product) : null,
    `queue ${labelIn(policy?.queues, parent.queue)}`,
    parent.region ? `region ${parent.region}` : null,
  ].filter(Boolean);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t("newChildCaseDialog.newCaseFromNumber", { number: parent.number })}
    >
      <form onSubmit={submit} aria-label={t("newChildCaseDialog.newCaseFromThisOne")}>
        <fieldset className="field">
          <legend>{t("newChildCaseDialog.whyANewCase")}</legend>
          {REASONS.map((r) => (
            <label key={r.value} className="radio">
              <input
                type="radio"
                name={`${id}-reason`}
                value={r.value}
                checked={reason === r.value}
                onChange={() => setReason(r.value)}
              />{" "}
              {t(r.label)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-subject`}>{t("newChildCaseDialog.subject")}</label>
          <input
            id={`${id}-subject`}
            value={subject}
            maxLength={300}
            required
            onChange={(e) => setSubject(e.target.value)}
          />
          {errors.subject && <p className="field-error">{errors.subject}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-description`}>{t("newChildCaseDialog.whatIsNew")}</label>
          <textarea
            id={`${id}-description`}
            value={description}
            rows={4}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-severity`}>{t("newChildCaseDialog.severity")}</label>
          <select
            id={`${id}-severity`}
            value={severity}
            onChange={(e) => setSeverity(e.target.value)}
          >
            {(policy?.severities ?? [{ code: parent.severity, name: parent.severity }]).map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <p className="muted small">
          {t("newChildCaseDialog.carriedOverFromNumberJoin", {
            number: parent.number,
            join: carried.join(", "),
          })}
          {asks ? t("newChildCaseDialog.theShiftLeadApprovesIt") : ""}
        </p>
        {make.isError && Object.keys(errors).length === 0 && (
          <p role="alert" className="field-error">
            {errorMessage(make.error)}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t("newChildCaseDialog.cancel")}
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={make.isPending || !subject.trim()}
          >
            {asks
              ? t("newChildCaseDialog.askTheShiftLead")
              : t("newChildCaseDialog.openTheNewCase")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
