import { useTranslation } from "react-i18next";
import type { TransferKindOption } from "../../api/types.ts";
import type { TransferFormState } from "../../hooks/useTransferForm.ts";
import { FieldMessage, fieldAria } from "./FieldMessage.tsx";

/** Why: one of the kind's reasons, its text where it asks for one, and the 24x7 confirmation. */
export function ReasonFieldset({
  form: f,
  kind,
}: {
  form: TransferFormState;
  kind: TransferKindOption;
}) {
  const { t } = useTranslation();
  const { id, form, patch } = f;
  return (
    <fieldset className="fieldset">
      <legend>{t("reasonFieldset.reason")}</legend>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t("reasonFieldset.reason")}</label>
        <select
          id={`${id}-reason`}
          value={form.reason}
          onChange={(e) => patch({ reason: e.target.value })}
          {...fieldAria(f, "reason")}
        >
          <option value="">{t("reasonFieldset.chooseAReason")}</option>
          {kind.reasons.map((r) => (
            <option key={r.code} value={r.code}>
              {r.label}
            </option>
          ))}
        </select>
        <FieldMessage form={f} field="reason" />
      </div>
      {kind.reasons.find((r) => r.code === form.reason)?.requiresText && (
        <div className="field">
          <label htmlFor={`${id}-reason-text`}>
            {t("reasonFieldset.why")}{" "}
            <span className="required">{t("reasonFieldset.required")}</span>
          </label>
          <textarea
            id={`${id}-reason-text`}
            rows={2}
            value={form.reasonText}
            onChange={(e) => patch({ reasonText: e.target.value })}
            {...fieldAria(f, "reasonText")}
          />
          <FieldMessage form={f} field="reasonText" />
        </div>
      )}
      {kind.asks24x7Confirmation && (
        <div className="field-check confirm-24x7">
          <input
            id={`${id}-confirm`}
            type="checkbox"
            checked={form.confirmNextShift}
            onChange={(e) => patch({ confirmNextShift: e.target.checked })}
            {...fieldAria(f, "confirmNextShift")}
          />
          <label htmlFor={`${id}-confirm`}>
            {t("reasonFieldset.theCustomerConfirmedTheyNeed")}
          </label>
          <FieldMessage form={f} field="confirmNextShift" />
        </div>
      )}
    </fieldset>
  );
}
