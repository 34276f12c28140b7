import { useTranslation } from "react-i18next";
import type { Policy } from "../../../../src/domain/policy/schema.ts";
import type { Distribution } from "../../../../src/domain/routing/methods.ts";
import { setDistribution } from "../../lib/policyEditor.ts";
import { METHODS, methodName } from "../../lib/queues.ts";

/** How each queue hands out its cases. */
export function PolicyQueues({
  policy,
  onChange,
}: {
  policy: Policy;
  onChange: (next: Policy) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="policy-section" aria-labelledby="policy-queues">
      <h2 id="policy-queues">{t("policyQueues.queueDistribution")}</h2>
      <div className="table-wrap">
        <table className="case-table">
          <thead>
            <tr>
              <th scope="col">{t("policyQueues.queue")}</th>
              <th scope="col">{t("policyQueues.method")}</th>
            </tr>
          </thead>
          <tbody>
            {policy.queues.map((q) => (
              <tr key={q.code} data-queue={q.code}>
                <th scope="row">{q.name}</th>
                <td>
                  <select
                    aria-label={t("policyQueues.methodOfName", { name: q.name })}
                    value={q.distribution}
                    onChange={(e) =>
                      onChange(setDistribution(policy, q.code, e.target.value as Distribution))
                    }
                  >
                    {METHODS.map((m) => (
                      <option key={m} value={m}>
                        {methodName(m)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
