// "Open a case from this roadblock" (seed 002, S2.2 and S2.4): the case is the project's
// customer's, owned by a queue, with me as secondary owner; the same dialog asks what the task
// needs to record — time delivered so far, the estimate to finish and by when.

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { endpoints } from "../../api/endpoints.ts";
import { errorMessage, fieldErrorMap } from "../../api/errors.ts";
import type { PolicyView, TaskDetail } from "../../api/types.ts";
import { hours, minutesOf } from "../../lib/taskTime.ts";
import { Dialog } from "../Dialog.tsx";
import { useToast } from "../Toasts.tsx";

export function OpenCaseDialog({
  task,
  policy,
  open,
  onClose,
}: {
  task: TaskDetail;
  policy: PolicyView | undefined;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { notify } = useToast();
  const development = new Set(policy?.guardOptions.developmentQueues ?? []);
  const queues = (policy?.queues ?? []).filter((q) => !development.has(q.code));
  const [form, setForm] = useState({
    subject: "",
    description: "",
    contactId: task.contacts[0]?.id ?? "",
    impact: "",
    severity: policy?.defaults.severity ?? "",
    priority: policy?.defaults.priority ?? "",
    product: "",
    subProduct: "",
    queue: policy?.defaults.queue ?? "",
    delivered: String(task.minutesDelivered / 60),
    toFinish: "",
    finishOn: "",
  });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const subProducts = policy?.products.find((p) => p.code === form.product)?.subProducts ?? [];
  const make = useMutation({
    mutationFn: () =>
      endpoints.caseFromTask(task.number, {
        version: task.version,
        subject: form.subject,
        description: form.description,
        ...(form.contactId ? { contactId: form.contactId } : {}),
        impact: form.impact,
        ...(form.severity ? { severity: form.severity } : {}),
        ...(form.priority ? { priority: form.priority } : {}),
        product: form.product,
        ...(form.subProduct ? { subProduct: form.subProduct } : {}),
        ...(form.queue ? { queue: form.queue } : {}),
        minutesDelivered: minutesOf(form.delivered) ?? 0,
        minutesToFinish: minutesOf(form.toFinish),
        finishOn: form.finishOn || null,
      }),
    onSuccess: async (made) => {
      await client.invalidateQueries({ queryKey: ["projects"] });
      onClose();
      notify(
        t("openCaseDialog.caseCasenumberOpenedRefIs", {
          caseNumber: made.caseNumber,
          ref: made.task.ref,
          name: task.manager.name,
        }),
        "success",
      );
      navigate(`/cases/${made.caseNumber}`);
    },
  });
  const errors = make.error ? fieldErrorMap(make.error) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    make.mutate();
  };
  const field = (
    key: keyof typeof form,
    label: string,
    input: React.ReactNode,
    error?: string | undefined,
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      {input}
      {error && <p className="field-error">{error}</p>}
    </div>
  );
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t("openCaseDialog.openACaseFromRef", { ref: task.ref })}
    >
      <form onSubmit={submit} aria-label={t("openCaseDialog.openACaseFromThis")}>
        <p className="muted small">
          {t("openCaseDialog.forNameYouBecomeThe", { name: task.customer.name })}
        </p>
        {field(
          "subject",
          t("openCaseDialog.subject"),
          <input
            id={`${id}-subject`}
            value={form.subject}
            maxLength={300}
            required
            onChange={set("subject")}
          />,
          errors.subject,
        )}
        {field(
          "description",
          t("openCaseDialog.description"),
          <textarea
            id={`${id}-description`}
            rows={4}
            value={form.description}
            onChange={set("description")}
          />,
          errors.description,
        )}
        {field(
          "contactId",
          t("openCaseDialog.customerContact"),
          <select id={`${id}-contactId`} value={form.contactId} onChange={set("contactId")}>
            <option value="">{t("openCaseDialog.noContact")}</option>
            {task.contacts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.email ? ` <${c.email}>` : ""}
              </option>
            ))}
          </select>,
          errors.contactId,
        )}
        {field(
          "impact",
          t("openCaseDialog.impact"),
          <input id={`${id}-impact`} value={form.impact} onChange={set("impact")} />,
          errors.impact,
        )}
        <div className="form-row">
          {field(
            "severity",
            t("openCaseDialog.severity"),
            <select id={`${id}-severity`} value={form.severity} onChange={set("severity")}>
              {(policy?.severities ?? []).map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name}
                </option>
              ))}
            </select>,
            errors.severity,
          )}
          {field(
            "priority",
            t("openCaseDialog.priority"),
            <select id={`${id}-priority`} value={form.priority} onChange={set("priority")}>
              {(policy?.priorities ?? []).map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name}
                </option>
              ))}
            </select>,
            errors.priority,
          )}
        </div>
        <div className="form-row">
          {field(
            "product",
            t("openCaseDialog.product"),
            <select
              id={`${id}-product`}
              value={form.product}
              required
              onChange={(e) => setForm({ ...form, product: e.target.value, subProduct: "" })}
            >
              <option value="">{t("openCaseDialog.choose")}</option>
              {(policy?.products ?? []).map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
            </select>,
            errors.product,
          )}
          {subProducts.length > 0 &&
            field(
              "subProduct",
              t("openCaseDialog.subProduct"),
              <select id={`${id}-subProduct`} value={form.subProduct} onChange={set("subProduct")}>
                <option value="">{t("openCaseDialog.none")}</option>
                {subProducts.map((s) => (
                  <option key={s.code} value={s.code}>
                    {s.name}
                  </option>
                ))}
              </select>,
              errors.subProduct,
            )}
          {field(
            "queue",
            t("openCaseDialog.ownerQueue"),
            <select id={`${id}-queue`} value={form.queue} onChange={set("queue")}>
              {queues.map((q) => (
                <option key={q.code} value={q.code}>
                  {q.name}
                </option>
              ))}
            </select>,
            errors.queue,
          )}
        </div>
        <fieldset className="field">
          <legend>{t("openCaseDialog.forTheTask")}</legend>
          <div className="form-row">
            {field(
              "delivered",
              t("openCaseDialog.delivered"),
              <input
                id={`${id}-delivered`}
                inputMode="decimal"
                value={form.delivered}
                onChange={set("delivered")}
              />,
              errors.minutesDelivered,
            )}
            {field(
              "toFinish",
              t("openCaseDialog.toFinish"),
              <input
                id={`${id}-toFinish`}
                inputMode="decimal"
                value={form.toFinish}
                onChange={set("toFinish")}
              />,
              errors.minutesToFinish,
            )}
            {field(
              "finishOn",
              t("openCaseDialog.finishBy"),
              <input
                id={`${id}-finishOn`}
                type="date"
                value={form.finishOn}
                onChange={set("finishOn")}
              />,
              errors.finishOn,
            )}
          </div>
          <p className="muted small">
            {t("openCaseDialog.estimatedHoursInAllThe", {
              hours: hours(task.estimateMinutes),
              name: task.manager.name,
            })}
          </p>
        </fieldset>
        {make.isError && Object.keys(errors).length === 0 && (
          <p role="alert" className="field-error">
            {errorMessage(make.error)}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t("openCaseDialog.cancel")}
          </button>
          <button type="submit" className="btn btn-primary" disabled={make.isPending}>
            {t("openCaseDialog.openTheCase")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
