import { useEffect, useId, useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import type { Policy } from "../../../../src/domain/policy/schema.ts";
import { readJson } from "../../lib/policyEditor.ts";

/**
 * The whole document as JSON, for what the forms above do not cover (transfer kinds, reasons,
 * templates, guards). "Use this JSON" makes it the draft; the server checks it on review.
 */
export function PolicyJson({
  policy,
  onChange,
}: {
  policy: Policy;
  onChange: (next: Policy) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const shown = JSON.stringify(policy, null, 2);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  // The forms above change the draft: show it, unless the person is in the middle of typing.
  useEffect(() => setText(shown), [shown]);
  const apply = () => {
    const read = readJson(text);
    if (!read.ok) return setError(read.error);
    if (typeof read.value !== "object" || read.value === null || Array.isArray(read.value))
      return setError(t("policyJson.thePolicyMustBeOne"));
    setError(null);
    // The server validates it on review; until then it is only a draft.
    onChange(read.value as Policy);
  };
  return (
    <section className="policy-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("policyJson.advancedTheWholePolicyAs")}</h2>
      <p className="hint">
        <Trans i18nKey="policyJson.theWholePolicy" components={{ code: <code /> }} />
      </p>
      <label htmlFor={id} className="visually-hidden">
        {t("policyJson.policyJson")}
      </label>
      <textarea
        id={id}
        className="policy-json"
        rows={18}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <button type="button" className="btn" onClick={apply} disabled={text === shown}>
        {t("policyJson.useThisJson")}
      </button>
    </section>
  );
}
