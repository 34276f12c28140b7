// A case's parent and the cases opened from it (S4.9), with "New case from this one" where the
// server says the viewer may.

import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CaseDetail, PolicyView } from "../api/types.ts";
import { statusLabel } from "../lib/caseStatus.ts";
import { NewChildCaseDialog } from "./NewChildCaseDialog.tsx";

export function CaseFamily({ c, policy }: { c: CaseDetail; policy: PolicyView | undefined }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!c.parent && c.children.length === 0 && !c.newCase.allowed) return null;
  return (
    <section className="panel" aria-labelledby="family-title">
      <h2 id="family-title" className="section-title">
        {t("caseFamily.relatedCases")}
      </h2>
      {c.parent && (
        <p>
          <span className="label">{t("caseFamily.openedFrom")}</span>{" "}
          <Link to={`/cases/${c.parent.number}`}>#{c.parent.number}</Link> {c.parent.subject}
        </p>
      )}
      {c.children.length > 0 && (
        <>
          <p className="label">{t("caseFamily.openedFromThisCase")}</p>
          <ul className="case-family" aria-label={t("caseFamily.casesOpenedFromThisCase")}>
            {c.children.map((child) => (
              <li key={child.number}>
                <Link to={`/cases/${child.number}`}>#{child.number}</Link> {child.subject}{" "}
                <span className="muted small">
                  {statusLabel(child.status, policy?.statusLabels)}
                  {child.owner ? `, ${child.owner.name}` : t("caseFamily.unowned")}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {c.newCase.allowed && (
        <>
          <button type="button" className="btn btn-small" onClick={() => setAsking(true)}>
            {t("caseFamily.newCaseFromThisOne")}
          </button>
          {asking && (
            <NewChildCaseDialog
              parent={c}
              policy={policy}
              open={asking}
              onClose={() => setAsking(false)}
            />
          )}
        </>
      )}
    </section>
  );
}
