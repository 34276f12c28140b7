import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { TemplateFieldOption, TransferKindOption } from "../../api/types.ts";
import type { TransferFormState } from "../../hooks/useTransferForm.ts";
import { isPrefilled, templateValue } from "../../lib/transferForm.ts";
import { FieldMessage, fieldAria } from "./FieldMessage.tsx";

/** The kind's handover template: its fields, pre-filled from what Baton knows where it can. */
export function TemplateFieldset({
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
      <legend>{t("templateFieldset.handoverTemplate")}</legend>
      {kind.template.length === 0 && (
        <p className="muted">{t("templateFieldset.thisKindHasNoTemplate")}</p>
      )}
      {kind.template.map((field) => {
        const missing = f.touchedMissing(field.key);
        return (
          <TemplateInput
            key={field.key}
            id={`${id}-f-${field.key}`}
            field={field}
            value={templateValue(field, form, f.preview)}
            prefilled={isPrefilled(field, form, f.preview)}
            onChange={(v) => patch({ fields: { ...form.fields, [field.key]: v } })}
            message={<FieldMessage form={f} field={`fields.${field.key}`} extra={missing} />}
            ariaProps={fieldAria(f, `fields.${field.key}`, missing)}
          />
        );
      })}
    </fieldset>
  );
}

function TemplateInput({
  id,
  field: f,
  value,
  prefilled,
  onChange,
  message,
  ariaProps,
}: {
  id: string;
  field: TemplateFieldOption;
  value: string;
  prefilled: boolean;
  onChange: (value: string) => void;
  message: ReactNode;
  ariaProps: ReturnType<typeof fieldAria>;
}) {
  const { t } = useTranslation();
  const label = (
    <>
      {f.label}{" "}
      {f.required ? <span className="required">{t("templateFieldset.required")}</span> : null}
      {prefilled && (
        <span className="badge badge-gray prefilled">{t("templateFieldset.prefilled")}</span>
      )}
    </>
  );
  const help = f.help ? (
    <span className="hint" id={`${id}-help`}>
      {f.help}
    </span>
  ) : null;
  if (f.kind === "yesno" || (f.kind === "choice" && (f.choices?.length ?? 0) <= 4)) {
    // A yes/no field keeps Baton's stored values "Yes" and "No"; only what it shows is translated.
    const choices = f.kind === "yesno" ? ["Yes", "No"] : (f.choices ?? []);
    const shown = (choice: string) =>
      f.kind !== "yesno"
        ? choice
        : choice === "Yes"
          ? t("templateFieldset.yes")
          : t("templateFieldset.no");
    return (
      <fieldset className="field template-choice" aria-describedby={ariaProps["aria-describedby"]}>
        <legend>{label}</legend>
        {help}
        <div className="segmented">
          {choices.map((choice) => (
            <label key={choice} className={value === choice ? "is-checked" : ""}>
              <input
                type="radio"
                name={id}
                value={choice}
                checked={value === choice}
                onChange={() => onChange(choice)}
              />
              {shown(choice)}
            </label>
          ))}
        </div>
        {message}
      </fieldset>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {help}
      {f.kind === "choice" ? (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)} {...ariaProps}>
          <option value="">{t("templateFieldset.choose")}</option>
          {(f.choices ?? []).map((choice) => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </select>
      ) : f.kind === "text" ? (
        <input id={id} value={value} onChange={(e) => onChange(e.target.value)} {...ariaProps} />
      ) : (
        <textarea
          id={id}
          rows={3}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          {...ariaProps}
        />
      )}
      {message}
    </div>
  );
}
