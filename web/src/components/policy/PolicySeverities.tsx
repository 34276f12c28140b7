import { useTranslation } from "react-i18next";
import type { Policy } from "../../../../src/domain/policy/schema.ts";
import { setHolidays, setSeverity } from "../../lib/policyEditor.ts";

/** Severities with their response and update targets, and each region's holidays. */
export function PolicySeverities({
  policy,
  onChange,
}: {
  policy: Policy;
  onChange: (next: Policy) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="policy-section" aria-labelledby="policy-severities">
      <h2 id="policy-severities">{t("policySeverities.severitiesAndTargets")}</h2>
      <p className="hint">{t("policySeverities.minutesToTheFirstResponse")}</p>
      <div className="table-wrap">
        <table className="case-table">
          <thead>
            <tr>
              <th scope="col">{t("policySeverities.code")}</th>
              <th scope="col">{t("policySeverities.name")}</th>
              <th scope="col">{t("policySeverities.firstResponseMin")}</th>
              <th scope="col">{t("policySeverities.updateEveryMin")}</th>
            </tr>
          </thead>
          <tbody>
            {policy.severities.map((s) => (
              <tr key={s.code}>
                <td>
                  <code>{s.code}</code>
                </td>
                <td>
                  <input
                    aria-label={t("policySeverities.nameOfSeverityCode", { code: s.code })}
                    value={s.name}
                    onChange={(e) => onChange(setSeverity(policy, s.code, "name", e.target.value))}
                  />
                </td>
                {(["firstResponseMinutes", "updateEveryMinutes"] as const).map((field) => (
                  <td key={field}>
                    <input
                      type="number"
                      min={1}
                      aria-label={
                        field === "firstResponseMinutes"
                          ? t("policySeverities.firstResponseMinutesOf", { name: s.name })
                          : t("policySeverities.updateEveryMinutesOf", { name: s.name })
                      }
                      value={s[field] ?? ""}
                      onChange={(e) => onChange(setSeverity(policy, s.code, field, e.target.value))}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t("policySeverities.holidaysByRegion")}</h3>
      {policy.regions.map((r) => (
        <div className="field" key={`${r.code}:${r.holidays.join(",")}`}>
          <label htmlFor={`holidays-${r.code}`}>
            {r.name} ({r.timeZone})
          </label>
          <textarea
            id={`holidays-${r.code}`}
            rows={2}
            defaultValue={r.holidays.join(", ")}
            placeholder="2026-12-25, 2027-01-01"
            onBlur={(e) => onChange(setHolidays(policy, r.code, e.target.value))}
          />
        </div>
      ))}
    </section>
  );
}
