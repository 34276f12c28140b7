import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

/** A read-only value with a Copy button; `hint` is what shows until someone copies. */
export function CopyField({
  label,
  value,
  hint = "",
}: {
  label: string;
  value: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  return (
    <div className="field copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="field-row">
        <input
          id={id}
          className="copy-input"
          type="text"
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
        />
        <button
          type="button"
          className="btn btn-small"
          onClick={() =>
            void navigator.clipboard
              ?.writeText(value)
              .then(() => setCopied("yes"))
              .catch(() => setCopied("no"))
          }
        >
          {t("copyField.copy")}
        </button>
      </div>
      <span className="hint" aria-live="polite">
        {copied === "yes"
          ? t("copyField.copied")
          : copied === "no"
            ? t("copyField.couldNotCopySelectAnd")
            : hint}
      </span>
    </div>
  );
}
