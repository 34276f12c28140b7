import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { endpoints } from "../../api/endpoints.ts";
import { errorMessage, fieldErrorMap } from "../../api/errors.ts";
import { queryKeys } from "../../api/queryKeys.ts";
import type { PolicyVersionItem } from "../../api/types.ts";
import { dateTime } from "../../lib/format.ts";
import { useToast } from "../Toasts.tsx";
import { PolicyChanges, PolicyProblems } from "./PolicyChanges.tsx";

function Compare({ workspace, from }: { workspace: string; from: number }) {
  const diff = useQuery({
    queryKey: queryKeys.policyDiff(workspace, from),
    queryFn: ({ signal }) => endpoints.policyDiff(workspace, from, undefined, signal),
  });
  if (diff.isPending) return <p className="muted">Comparing…</p>;
  if (diff.isError) return <p className="error-text">{errorMessage(diff.error)}</p>;
  return (
    <PolicyChanges
      changes={diff.data.changes}
      label={`Changes from version ${from} to the current version ${diff.data.to}`}
    />
  );
}

/** Every version with who, when and what they said; compare one with now, or restore it. */
export function PolicyHistory({ workspace, current }: { workspace: string; current: number }) {
  const client = useQueryClient();
  const { notify } = useToast();
  const [open, setOpen] = useState<number | null>(null);
  const list = useQuery({
    queryKey: queryKeys.policyVersions(workspace),
    queryFn: ({ signal }) => endpoints.policyVersions(workspace, signal),
  });
  const restore = useMutation({
    mutationFn: (v: PolicyVersionItem) =>
      endpoints.rollbackPolicy(workspace, { version: current, to: v.version }),
    onSuccess: async (answer, v) => {
      notify(
        answer.changed
          ? `Version ${v.version} restored as version ${answer.version}.`
          : `Version ${v.version} is the same as the current one; nothing to restore.`,
      );
      setOpen(null);
      await client.invalidateQueries({ queryKey: queryKeys.policy(workspace) });
    },
  });
  const problems = Object.entries(fieldErrorMap(restore.error)).map(([field, message]) => ({
    field,
    message,
  }));
  return (
    <section className="policy-section" aria-labelledby="policy-history">
      <h2 id="policy-history">Version history</h2>
      {list.isError && <p className="error-text">{errorMessage(list.error)}</p>}
      {restore.isError && problems.length === 0 && (
        <p role="alert" className="error-text">
          {errorMessage(restore.error)}
        </p>
      )}
      <PolicyProblems problems={problems} />
      <ol className="policy-versions">
        {list.data?.items.map((v) => (
          <li key={v.version} data-version={v.version} className="policy-version">
            <div className="policy-version-head">
              <strong>Version {v.version}</strong>
              {v.current && <span className="badge">current</span>}{" "}
              <span className="muted">
                {dateTime(v.at)} · {v.by?.name ?? "preset or command line"}
              </span>
              {v.restoredFrom !== null && (
                <span className="muted"> · restores version {v.restoredFrom}</span>
              )}
            </div>
            {v.summary && <p className="policy-version-summary">{v.summary}</p>}
            {!v.current && (
              <div className="notice-actions">
                <button
                  type="button"
                  className="btn btn-small"
                  aria-expanded={open === v.version}
                  onClick={() => setOpen(open === v.version ? null : v.version)}
                >
                  Compare with current
                </button>
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={restore.isPending}
                  onClick={() => restore.mutate(v)}
                >
                  Restore this version
                </button>
              </div>
            )}
            {open === v.version && <Compare workspace={workspace} from={v.version} />}
          </li>
        ))}
      </ol>
    </section>
  );
}
