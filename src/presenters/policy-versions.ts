import type { PolicyVersionRow } from "../loaders/policy-versions.ts";

/** One policy version as the history lists it: who, when, what they said, what it restores. */
export function presentPolicyVersion(row: PolicyVersionRow, current: number) {
  return {
    version: row.version,
    by: row.byId ? { id: row.byId, name: row.byName ?? "" } : null,
    at: row.createdAt.toISOString(),
    summary: row.summary,
    restoredFrom: row.restoredFrom,
    current: row.version === current,
  };
}
