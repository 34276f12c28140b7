import { useTranslation } from "react-i18next";
import type { Policy } from "../../../../src/domain/policy/schema.ts";
import {
  PERMISSION_WORDS,
  PERMISSIONS,
  toggleExcludedGroup,
  togglePermission,
} from "../../lib/policyEditor.ts";

/** Roles × permissions as checkboxes, and the groups (queues) whose people may not transfer. */
export function PolicyMatrix({
  policy,
  onChange,
}: {
  policy: Policy;
  onChange: (next: Policy) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="policy-section" aria-labelledby="policy-roles">
      <h2 id="policy-roles">{t("policyMatrix.rolesAndPermissions")}</h2>
      <p className="hint">{t("policyMatrix.aPersonMayDoWhat")}</p>
      <div className="table-wrap">
        <table className="case-table policy-matrix">
          <thead>
            <tr>
              <th scope="col">{t("policyMatrix.permission")}</th>
              {policy.roles.map((r) => (
                <th scope="col" key={r.id}>
                  {r.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {PERMISSIONS.map((p) => (
              <tr key={p}>
                <th scope="row">
                  {t(PERMISSION_WORDS[p])} <code className="muted">{p}</code>
                </th>
                {policy.roles.map((r) => (
                  <td key={r.id} className="policy-cell">
                    <input
                      type="checkbox"
                      aria-label={`${r.name}: ${t(PERMISSION_WORDS[p])}`}
                      checked={r.permissions.includes(p)}
                      onChange={(e) =>
                        onChange(togglePermission(policy, r.id, p, e.target.checked))
                      }
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <fieldset className="policy-excluded">
        <legend>{t("policyMatrix.groupsThatMayNotTransfer")}</legend>
        {policy.queues.map((q) => (
          <label key={q.code} className="checkbox-label">
            <input
              type="checkbox"
              checked={policy.transferExcludedGroups.includes(q.code)}
              onChange={(e) => onChange(toggleExcludedGroup(policy, q.code, e.target.checked))}
            />{" "}
            {q.name}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
