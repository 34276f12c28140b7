// A case as the follow-the-sun views list it: number and subject linking to the case, severity,
// internal title and owner. The link remembers the page it came from for the case's "Back".
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import type { CaseCard, PolicyView } from "../api/types.ts";
import { labelIn } from "../lib/policy.ts";
import { SeverityBadge } from "./Badges.tsx";

export function CaseCardLink({
  number,
  card,
  policy,
}: {
  number: number;
  card: CaseCard;
  policy: PolicyView | undefined;
}) {
  const location = useLocation();
  return (
    <span className="case-card-link">
      <Link
        to={`/cases/${number}`}
        state={{ from: `${location.pathname}${location.search}` }}
        className="case-card-title"
      >
        <span className="case-no">#{number}</span> {card?.subject ?? ""}
      </Link>
      {card && (
        <SeverityBadge
          severity={card.severity}
          codes={policy?.severities.map((s) => s.code) ?? []}
          name={labelIn(policy?.severities, card.severity)}
        />
      )}
      {card?.internalTitle && <span className="internal-title">{card.internalTitle}</span>}
    </span>
  );
}

/** The case's owner, or that it sits in the queue. */
export function OwnerName({ card }: { card: CaseCard }) {
  const { t } = useTranslation();
  return card?.ownerName ? (
    <span className="board-owner">
      <span className="label">{t("caseCardLink.owner")}</span>
      {card.ownerName}
    </span>
  ) : (
    <span className="board-owner muted">
      <span className="label">{t("caseCardLink.owner")}</span>
      {t("caseCardLink.inTheQueue")}
    </span>
  );
}
