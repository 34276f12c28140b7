import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { endpoints } from "../../api/endpoints.ts";
import { errorMessage, fieldErrorMap } from "../../api/errors.ts";
import { queryKeys } from "../../api/queryKeys.ts";
import type { PolicyVersionItem } from "../../api/types.ts";
import { dateTime } from "../../lib/format.ts";
import { useToast } from "../Toasts.tsx";
import { PolicyChanges, PolicyProblems } from "./PolicyChanges.tsx";

function Compare({ workspace, from }: { workspace: string; from: number }) {
  const { t } = useTranslation();
  const diff = useQuery({
    queryKey: queryKeys.policyDiff(workspace, from),
    queryFn: ({ signal }) => endpoints.policyDiff(workspace, from, undefined, signal),
  });
  if (diff.isPending) return <p className="muted">{t("policyHistory.comparing")}</p>;
  if (diff.isError) return <p className="error-text">{errorMessage(diff.error)}</p>;
  return (
    <PolicyChanges
      changes={diff.data.changes}
      label={t("policyHistory.changesFromVersionFromTo", { from, to: diff.data.to })}
    />
  );
}

/** Every version with who, when and what they said; compare one with now, or restore it. */
export function PolicyHistory({ workspace, current }: { workspace: string; current: number }) {
  const { t } = useTranslation();
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
          ? t("policyHistory.versionVersionRestoredAsVersion", {
              version: v.version,
              version2: answer.version,
            })
          : t("policyHistory.versionVersionIsTheSame", { version: v.version }),
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
      <h2 id="policy-history">{t("policyHistory.versionHistory")}</h2>
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
              <strong>{t("policyHistory.versionVersion", { version: v.version })}</strong>
              {v.current && <span className="badge">{t("policyHistory.current")}</span>}{" "}
              <span className="muted">
                {dateTime(v.at)} · {v.by?.name ?? t("policyHistory.presetOrCommandLine")}
              </span>
              {v.restoredFrom !== null && (
                <span className="muted">
                  {" "}
                  {t("policyHistory.restoresVersionRestoredfrom", { restoredFrom: v.restoredFrom })}
                </span>
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
                  {t("policyHistory.compareWithCurrent")}
                </button>
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={restore.isPending}
                  onClick={() => restore.mutate(v)}
                >
                  {t("policyHistory.restoreThisVersion")}
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
