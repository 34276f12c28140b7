import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import type { CaseListItem, CaseSummary, PolicyView } from "../api/types.ts";
import { dueShortText } from "../lib/clocks.ts";
import type { SortKey, SortSpec } from "../lib/filters.ts";
import { dateTime, relativeTime } from "../lib/format.ts";
import { labelIn } from "../lib/policy.ts";
import { Badge24x7, SeverityBadge, StatusBadge } from "./Badges.tsx";
import { MatchSnippet } from "./MatchSnippet.tsx";

interface Props {
  items: CaseListItem[];
  sort: SortSpec;
  onSort: (key: SortKey) => void;
  policy: PolicyView | undefined;
  now: Date;
  showOwner: boolean;
  showQueue: boolean;
  caption: string;
  /** S3.4, issue 17: rows to pick for a bulk transfer or edit, when the caller may do either. */
  selection?: Selection | undefined;
}

export interface Selection {
  selected: ReadonlySet<number>;
  toggle: (number: number) => void;
  setAll: (numbers: number[], on: boolean) => void;
}

function SortHeader({
  label,
  sortKey,
  sort,
  onSort,
  className,
}: {
  label: string;
  sortKey: SortKey;
  sort: SortSpec;
  onSort: (key: SortKey) => void;
  className?: string;
}) {
  const active = sort.key === sortKey;
  const ariaSort = active ? (sort.dir === "asc" ? "ascending" : "descending") : "none";
  return (
    <th scope="col" aria-sort={ariaSort} className={className}>
      <button type="button" className="th-sort" onClick={() => onSort(sortKey)}>
        {label}
        <span className={`sort-arrow ${active ? "is-active" : ""}`} aria-hidden="true">
          {active ? (sort.dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );
}

export function CaseTable({
  items,
  sort,
  onSort,
  policy,
  now,
  showOwner,
  showQueue,
  caption,
  selection,
}: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  // The case page's "Back to list" returns to this exact view.
  const state = { from: `${location.pathname}${location.search}` };
  const severityCodes = policy?.severities.map((s) => s.code) ?? [];
  return (
    <div className="table-wrap">
      <table className="case-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {selection && (
              <th scope="col" className="col-select">
                <input
                  type="checkbox"
                  aria-label={t("caseTable.selectEveryCaseShown")}
                  checked={items.length > 0 && items.every((c) => selection.selected.has(c.number))}
                  onChange={(e) =>
                    selection.setAll(
                      items.map((c) => c.number),
                      e.target.checked,
                    )
                  }
                />
              </th>
            )}
            <SortHeader
              label={t("caseTable.case")}
              sortKey="number"
              sort={sort}
              onSort={onSort}
              className="col-number"
            />
            <th scope="col" className="col-subject">
              {t("caseTable.subject")}
            </th>
            <th scope="col" className="col-status">
              {t("caseTable.status")}
            </th>
            <SortHeader
              label={t("caseTable.severity")}
              sortKey="severity"
              sort={sort}
              onSort={onSort}
              className="col-sev"
            />
            <th scope="col" className="col-priority">
              {t("caseTable.priority")}
            </th>
            {showOwner && (
              <th scope="col" className="col-owner">
                {t("caseTable.owner")}
              </th>
            )}
            {showQueue && (
              <th scope="col" className="col-queue">
                {t("caseTable.queue")}
              </th>
            )}
            <SortHeader
              label={t("caseTable.due")}
              sortKey="due"
              sort={sort}
              onSort={onSort}
              className="col-due"
            />
            <SortHeader
              label={t("caseTable.updated")}
              sortKey="updated"
              sort={sort}
              onSort={onSort}
              className="col-updated"
            />
          </tr>
        </thead>
        <tbody>
          {items.map((c, index) => (
            <tr
              key={c.number}
              data-row-index={index}
              onClick={(e) => {
                // The whole row opens the case for mouse users; keyboard users use the link.
                if ((e.target as HTMLElement).closest("a, button, input, .col-select")) return;
                if (window.getSelection()?.toString()) return;
                navigate(`/cases/${c.number}`, { state });
              }}
            >
              {selection && (
                <td className="col-select">
                  <input
                    type="checkbox"
                    aria-label={t("caseTable.selectCaseNumber", { number: c.number })}
                    checked={selection.selected.has(c.number)}
                    onChange={() => selection.toggle(c.number)}
                  />
                </td>
              )}
              <td className="col-number">
                <span className="case-no">#{c.number}</span>
              </td>
              <td className="col-subject">
                <Link to={`/cases/${c.number}`} state={state} className="row-link">
                  {c.subject}
                </Link>
                {c.internalTitle && <span className="internal-title">{c.internalTitle}</span>}
                {c.match && <MatchSnippet match={c.match} />}
              </td>
              <td className="col-status">
                <StatusBadge status={c.status} labels={policy?.statusLabels} />
              </td>
              <td className="col-sev">
                <span className="sev-cell">
                  <SeverityBadge
                    severity={c.severity}
                    codes={severityCodes}
                    name={labelIn(policy?.severities, c.severity)}
                  />
                  {c.is24x7 && <Badge24x7 />}
                </span>
              </td>
              <td className="col-priority">{labelIn(policy?.priorities, c.priority)}</td>
              {showOwner && (
                <td className="col-owner">
                  {c.owner ? (
                    c.owner.name
                  ) : (
                    <span className="muted">{t("caseTable.unassigned")}</span>
                  )}
                </td>
              )}
              {showQueue && <td className="col-queue">{labelIn(policy?.queues, c.queue)}</td>}
              <td className="col-due" data-due={c.due.dueAt ?? ""}>
                <DueCell due={c.due} now={now} />
              </td>
              <td className="col-updated">
                <time dateTime={c.updatedAt} title={dateTime(c.updatedAt)}>
                  {relativeTime(c.updatedAt, now)}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Moves keyboard focus to the next or previous case link in the table (j / k). */
export function moveRowFocus(container: HTMLElement | null, delta: 1 | -1): void {
  if (!container) return;
  const links = Array.from(container.querySelectorAll<HTMLAnchorElement>("a.row-link"));
  if (links.length === 0) return;
  const current = links.indexOf(document.activeElement as HTMLAnchorElement);
  const next =
    current < 0
      ? delta > 0
        ? 0
        : links.length - 1
      : Math.min(links.length - 1, Math.max(0, current + delta));
  const link = links[next];
  link?.focus();
  link?.closest("tr")?.scrollIntoView({ block: "nearest" });
}

/** The soonest deadline of a row: time left, overdue in red, paused, or a dash. */
function DueCell({ due, now }: { due: CaseSummary["due"]; now: Date }) {
  const { t } = useTranslation();
  if (due.paused) return <span className="muted">{t("caseTable.paused")}</span>;
  if (!due.dueAt) return <span className="muted">—</span>;
  const overdue = Date.parse(due.dueAt) < now.getTime();
  return (
    <time
      dateTime={due.dueAt}
      title={dateTime(due.dueAt)}
      className={overdue ? "overdue-time" : undefined}
    >
      {dueShortText(due.dueAt, now)}
    </time>
  );
}
