import { useTranslation } from "react-i18next";
import type { TransferOptions } from "../../api/types.ts";
import type { TransferFormState } from "../../hooks/useTransferForm.ts";
import { FieldMessage } from "./FieldMessage.tsx";

/** The kinds of transfer this person may use here; unavailable ones say why. */
export function KindFieldset({
  form: f,
  options,
}: {
  form: TransferFormState;
  options: TransferOptions;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="fieldset">
      <legend>{t("kindFieldset.kindOfTransfer")}</legend>
      {options.kinds.length === 0 && (
        <p className="muted">{t("kindFieldset.thisWorkspaceSPolicyHas")}</p>
      )}
      <div className="kind-list">
        {options.kinds.map((k) => (
          <label
            key={k.code}
            className={`kind-option ${k.code === f.form.kind ? "is-checked" : ""} ${k.available ? "" : "is-disabled"}`}
          >
            <input
              className="kind-radio"
              type="radio"
              name={`${f.id}-kind`}
              value={k.code}
              checked={k.code === f.form.kind}
              disabled={!k.available}
              onChange={() => f.chooseKind(k)}
            />
            <span className="kind-text">
              <span className="kind-name">
                {k.name} <code className="muted small">{k.code}</code>
              </span>
              {k.available ? (
                k.description && <span className="kind-desc">{k.description}</span>
              ) : (
                <span className="kind-unavailable">
                  {t("kindFieldset.unavailable")}{" "}
                  {k.unavailableBecause ?? t("kindFieldset.notForThisCase")}
                </span>
              )}
            </span>
          </label>
        ))}
      </div>
      <FieldMessage form={f} field="kind" />
    </fieldset>
  );
}
