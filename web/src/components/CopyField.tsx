import { useId, useState } from "react";

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
          Copy
        </button>
      </div>
      <span className="hint" aria-live="polite">
        {copied === "yes"
          ? "Copied."
          : copied === "no"
            ? "Could not copy: select and copy it."
            : hint}
      </span>
    </div>
  );
}
