import { useId } from "react";
import { useTranslation } from "react-i18next";
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

// Labels are locale keys, read with t() where they are shown.
const SORTS: { value: string; label: string }[] = [
  { value: "-updated", label: "filterBar.sortNewestChange" },
  { value: "due", label: "filterBar.sortDueSoonest" },
  { value: "updated", label: "filterBar.sortOldestChange" },
  { value: "severity", label: "filterBar.sortMostSevere" },
  { value: "-severity", label: "filterBar.sortLeastSevere" },
  { value: "-number", label: "filterBar.sortHighestNumber" },
  { value: "number", label: "filterBar.sortLowestNumber" },
];

// Only a search has matches to rank.
const BEST_MATCH = { value: "-relevance", label: "filterBar.sortBestMatch" };

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
  const { t } = useTranslation();
  const id = useId();
  const status = statusParam(filters.status);
  const statusOptions = [
    { value: "open", label: t("filterBar.openNotResolved") },
    { value: "all", label: t("filterBar.anyStatus") },
    ...CASE_STATUSES.map((s) => ({ value: s, label: statusLabel(s, policy?.statusLabels) })),
  ];
  if (!statusOptions.some((o) => o.value === status))
    statusOptions.push({
      value: status,
      label: status
        .split(",")
        .map((s) => statusLabel(s, policy?.statusLabels))
        .join(t("filterBar.or")),
    });
  const set = (patch: Partial<CaseFilters>) => onChange((current) => ({ ...current, ...patch }));
  const count = activeFilterCount(filters, scope);

  return (
    <form
      className="filter-bar"
      aria-label={t("filterBar.filters")}
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="field-inline">
        <label htmlFor={`${id}-status`}>{t("filterBar.status")}</label>
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
        <label htmlFor={`${id}-sev`}>{t("filterBar.severity")}</label>
        <select
          id={`${id}-sev`}
          value={filters.severity ?? ""}
          onChange={(e) => set({ severity: e.target.value || null })}
        >
          <option value="">{t("filterBar.any")}</option>
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
        <label htmlFor={`${id}-24`}>{t("filterBar.n24x7")}</label>
        <select
          id={`${id}-24`}
          value={filters.is24x7 === null ? "" : String(filters.is24x7)}
          onChange={(e) =>
            set({ is24x7: e.target.value === "" ? null : e.target.value === "true" })
          }
        >
          <option value="">{t("filterBar.any")}</option>
          <option value="true">{t("filterBar.n24x7Only")}</option>
          <option value="false">{t("filterBar.not24x7")}</option>
        </select>
      </div>
      <div className="field-inline">
        <label htmlFor={`${id}-region`}>{t("filterBar.region")}</label>
        <select
          id={`${id}-region`}
          value={filters.region ?? ""}
          onChange={(e) => set({ region: e.target.value || null })}
        >
          <option value="">{t("filterBar.any")}</option>
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
          <label htmlFor={`${id}-owner`}>{t("filterBar.owner")}</label>
          <select
            id={`${id}-owner`}
            value={filters.owner}
            onChange={(e) => set({ owner: e.target.value as OwnerFilter })}
          >
            <option value="any">{t("filterBar.anyone")}</option>
            <option value="none">{t("filterBar.unassigned")}</option>
            <option value="me">{t("filterBar.me")}</option>
            {/* A saved view may name one agent by id. */}
            {!["any", "none", "me"].includes(filters.owner) && (
              <option value={filters.owner}>{t("filterBar.oneAgent")}</option>
            )}
          </select>
        </div>
      )}
      <div className="field-inline">
        <label htmlFor={`${id}-sort`}>{t("filterBar.sort")}</label>
        <select
          id={`${id}-sort`}
          value={sortParam(filters.sort)}
          onChange={(e) => set({ sort: parseSortValue(e.target.value) })}
        >
          {(filters.q ? [BEST_MATCH, ...SORTS] : SORTS).map((s) => (
            <option key={s.value} value={s.value}>
              {t(s.label)}
            </option>
          ))}
        </select>
      </div>
      {filters.q && (
        <span className="chip">
          {t("filterBar.searchForQ", { q: filters.q })}
          <button
            type="button"
            className="chip-remove"
            onClick={() => set({ q: "" })}
            aria-label={t("filterBar.removeSearchForQ", { q: filters.q })}
          >
            ×
          </button>
        </span>
      )}
      {count > 0 && (
        <button type="button" className="btn btn-link" onClick={() => onChange(clearFilters)}>
          {t("filterBar.clearFiltersCount", { count })}
        </button>
      )}
    </form>
  );
}
