// The shift lead's desk (seed 004): what waits for the shift lead's word, beside what each agent
// asked for. Each request kind is a section of its own that reads its own list and is told by the
// server what the viewer may do.

import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ChildCaseSection } from "../components/desk/ChildCaseSection.tsx";
import { LeaveSection } from "../components/desk/LeaveSection.tsx";
import { OffQueueSection } from "../components/desk/OffQueueSection.tsx";
import { TrainingSection } from "../components/desk/TrainingSection.tsx";
import { TransferApprovalsSection } from "../components/desk/TransferApprovalsSection.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { rememberWorkspace } from "../hooks/workspace.ts";

export const deskHref = (workspace: string) => `/w/${encodeURIComponent(workspace)}/desk`;

export function DeskPage() {
  const { t } = useTranslation();
  const { workspace = "" } = useParams();
  useEffect(() => rememberWorkspace(workspace), [workspace]);
  useDocumentTitle(t("deskPage.desk"));
  return (
    <div className="page desk-page">
      <h1 tabIndex={-1} className="page-title">
        {t("deskPage.desk")}
      </h1>
      <p className="page-lead">{t("deskPage.whatWaitsForTheShift")}</p>
      <TransferApprovalsSection />
      <OffQueueSection workspace={workspace} />
      <LeaveSection workspace={workspace} />
      <TrainingSection workspace={workspace} />
      <ChildCaseSection workspace={workspace} />
    </div>
  );
}
