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
  return (
    <section className="policy-section" aria-labelledby="policy-severities">
      <h2 id="policy-severities">Severities and targets</h2>
      <p className="hint">Minutes to the first response and between updates; empty means none.</p>
      <div className="table-wrap">
        <table className="case-table">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">First response (min)</th>
              <th scope="col">Update every (min)</th>
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
                    aria-label={`Name of severity ${s.code}`}
                    value={s.name}
                    onChange={(e) => onChange(setSeverity(policy, s.code, "name", e.target.value))}
                  />
                </td>
                {(["firstResponseMinutes", "updateEveryMinutes"] as const).map((field) => (
                  <td key={field}>
                    <input
                      type="number"
                      min={1}
                      aria-label={`${field === "firstResponseMinutes" ? "First response" : "Update every"} minutes of ${s.name}`}
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
      <h3>Holidays by region</h3>
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
