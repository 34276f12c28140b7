import { useId } from "react";
import type { PolicyView } from "../api/types.ts";
import { CASE_STATUSES, statusLabel } from "../lib/caseStatus.ts";
import {
  activeFilterCount,
  type CaseFilters,
  clearFilters,
  type ListScope,
  type OwnerFilter,
  parseFilters,
  type SortSpec,
  sortParam,
  statusParam,
} from "../lib/filters.ts";

const SORTS: { value: string; label: string }[] = [
  { value: "-updated", label: "Last change, newest first" },
  { value: "due", label: "Due soonest" },
  { value: "updated", label: "Last change, oldest first" },
  { value: "severity", label: "Severity, most severe first" },
  { value: "-severity", label: "Severity, least severe first" },
  { value: "-number", label: "Case number, highest first" },
  { value: "number", label: "Case number, lowest first" },
];

function parseSortValue(value: string): SortSpec {
  const desc = value.startsWith("-");
  const key = (desc ? value.slice(1) : value) as SortSpec["key"];
  return { key, dir: desc ? "desc" : "asc" };
}

interface Props {
  filters: CaseFilters;
  scope: ListScope;
  policy: PolicyView | undefined;
  /** Applies a change to the filters the address holds when it runs. */
  onChange: (change: (current: CaseFilters) => CaseFilters) => void;
}

export function FilterBar({ filters, scope, policy, onChange }: Props) {
  const id = useId();
  const status = statusParam(filters.status);
  const statusOptions = [
    { value: "open", label: "Open (not resolved)" },
    { value: "all", label: "Any status" },
    ...CASE_STATUSES.map((s) => ({ value: s, label: statusLabel(s, policy?.statusLabels) })),
  ];
  if (!statusOptions.some((o) => o.value === status))
    statusOptions.push({
      value: status,
      label: status
        .split(",")
        .map((s) => statusLabel(s, policy?.statusLabels))
        .join(" or "),
    });
  const set = (patch: Partial<CaseFilters>) => onChange((current) => ({ ...current, ...patch }));
  const count = activeFilterCount(filters, scope);

  return (
    <form className="filter-bar" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <div className="field-inline">
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          value={status}
          onChange={(e) =>
            set({ status: parseFilters(new URLSearchParams({ status: e.target.value })).status })
          }
        >
          {statusOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field-inline">
        <label htmlFor={`${id}-sev`}>Severity</label>
        <select
          id={`${id}-sev`}
          value={filters.severity ?? ""}
          onChange={(e) => set({ severity: e.target.value || null })}
        >
          <option value="">Any</option>
          {policy?.severities.map((s) => (
            <option key={s.code} value={s.code}>
              {s.name}
            </option>
          ))}
          {filters.severity && !policy?.severities.some((s) => s.code === filters.severity) && (
            <option value={filters.severity}>{filters.severity}</option>
          )}
        </select>
      </div>
      <div className="field-inline">
        <label htmlFor={`${id}-24`}>24x7</label>
        <select
          id={`${id}-24`}
          value={filters.is24x7 === null ? "" : String(filters.is24x7)}
          onChange={(e) =>
            set({ is24x7: e.target.value === "" ? null : e.target.value === "true" })
          }
        >
          <option value="">Any</option>
          <option value="true">24x7 only</option>
          <option value="false">Not 24x7</option>
        </select>
      </div>
      <div className="field-inline">
        <label htmlFor={`${id}-region`}>Region</label>
        <select
          id={`${id}-region`}
          value={filters.region ?? ""}
          onChange={(e) => set({ region: e.target.value || null })}
        >
          <option value="">Any</option>
          {policy?.regions.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
          {filters.region && !policy?.regions.some((r) => r.code === filters.region) && (
            <option value={filters.region}>{filters.region}</option>
          )}
        </select>
      </div>
      {scope.view !== "mine" && (
        <div className="field-inline">
          <label htmlFor={`${id}-owner`}>Owner</label>
          <select
            id={`${id}-owner`}
            value={filters.owner}
            onChange={(e) => set({ owner: e.target.value as OwnerFilter })}
          >
            <option value="any">Anyone</option>
            <option value="none">Unassigned</option>
            <option value="me">Me</option>
          </select>
        </div>
      )}
      <div className="field-inline">
        <label htmlFor={`${id}-sort`}>Sort</label>
        <select
          id={`${id}-sort`}
          value={sortParam(filters.sort)}
          onChange={(e) => set({ sort: parseSortValue(e.target.value) })}
        >
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      {filters.q && (
        <span className="chip">
          Subject contains “{filters.q}”
          <button
            type="button"
            className="chip-remove"
            onClick={() => set({ q: "" })}
            aria-label={`Remove search for ${filters.q}`}
          >
            ×
          </button>
        </span>
      )}
      {count > 0 && (
        <button type="button" className="btn btn-link" onClick={() => onChange(clearFilters)}>
          Clear filters ({count})
        </button>
      )}
    </form>
  );
}
