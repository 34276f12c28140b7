import type { PolicyChange } from "../../api/types.ts";
import { valueText } from "../../lib/policyEditor.ts";

const KIND_WORDS: Record<PolicyChange["kind"], string> = {
  added: "Added",
  removed: "Removed",
  changed: "Changed",
};

/** Changes between two policy documents: where, before, after. */
export function PolicyChanges({ changes, label }: { changes: PolicyChange[]; label: string }) {
  if (changes.length === 0) return <p className="muted">No differences.</p>;
  return (
    <div className="table-wrap">
      <table className="case-table policy-changes" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Where</th>
            <th scope="col">What</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.path} data-path={c.path}>
              <td>
                <code>{c.path}</code>
              </td>
              <td>{KIND_WORDS[c.kind]}</td>
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
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="notice notice-error policy-problems">
      <h3>The policy cannot be saved like this</h3>
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
