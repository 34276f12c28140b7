import { useTranslation } from "react-i18next";
import type { PolicyChange } from "../../api/types.ts";
import { valueText } from "../../lib/policyEditor.ts";

const KIND_WORDS: Record<PolicyChange["kind"], string> = {
  added: "policyChanges.added",
  removed: "policyChanges.removed",
  changed: "policyChanges.changed",
};

/** Changes between two policy documents: where, before, after. */
export function PolicyChanges({ changes, label }: { changes: PolicyChange[]; label: string }) {
  const { t } = useTranslation();
  if (changes.length === 0) return <p className="muted">{t("policyChanges.noDifferences")}</p>;
  return (
    <div className="table-wrap">
      <table className="case-table policy-changes" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{t("policyChanges.where")}</th>
            <th scope="col">{t("policyChanges.what")}</th>
            <th scope="col">{t("policyChanges.before")}</th>
            <th scope="col">{t("policyChanges.after")}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.path} data-path={c.path}>
              <td>
                <code>{c.path}</code>
              </td>
              <td>{t(KIND_WORDS[c.kind])}</td>
              <td className="policy-value">{valueText(c.from)}</td>
              <td className="policy-value">{valueText(c.to)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The server's refusal, each problem by its field in the document. */
export function PolicyProblems({ problems }: { problems: { field: string; message: string }[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="notice notice-error policy-problems">
      <h3>{t("policyChanges.thePolicyCannotBeSaved")}</h3>
      <ul>
        {problems.map((p) => (
          <li key={`${p.field}:${p.message}`}>
            <code>{p.field}</code>: {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
