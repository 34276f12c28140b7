import type { TransferFormState } from "../../hooks/useTransferForm.ts";
import type { FormField } from "../../lib/transferForm.ts";

/**
 * The message beside a field: a refusal or a guard's warning, else `extra` (a required template
 * field emptied by the person), else nothing.
 */
export function FieldMessage({
  form: f,
  field,
  extra,
}: {
  form: TransferFormState;
  field: FormField;
  extra?: string | undefined;
}) {
  const note = f.noteFor(field);
  const text = note?.text ?? extra;
  if (!text) return null;
  return (
    <p
      className={note?.tone === "warn" ? "field-warning" : "field-error"}
      id={`${f.id}-${field}-msg`}
    >
      {text}
    </p>
  );
}

/** The input's side of FieldMessage: what describes it, and whether it is marked invalid. */
export function fieldAria(
  f: TransferFormState,
  field: FormField,
  extra?: string,
): { "aria-describedby"?: string; "aria-invalid"?: true } {
  const note = f.noteFor(field);
  if (!note && !extra) return {};
  return {
    "aria-describedby": `${f.id}-${field}-msg`,
    ...(note?.tone === "error" || extra ? { "aria-invalid": true } : {}),
  };
}
