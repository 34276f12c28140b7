// Follow-the-sun pages (handoff board, handover meetings) exist only where the workspace's
// policy follows the sun; the server decides that (`features.followTheSun` of the policy
// answer), so a link typed or kept from another workspace explains instead of failing.

import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { errorMessage } from "../api/errors.ts";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { usePolicy } from "../hooks/workspace.ts";

/** `titleKey`: the message key of the page's title. */
export function FollowTheSunGate({
  titleKey,
  children,
}: {
  titleKey: string;
  children: ReactNode;
}) {
  const { workspace = "" } = useParams();
  const policy = usePolicy(workspace);
  if (policy.data?.features?.followTheSun !== false) return <>{children}</>;
  return <NotFollowingTheSun titleKey={titleKey} workspace={workspace} error={policy.error} />;
}

function NotFollowingTheSun({
  titleKey,
  workspace,
  error,
}: {
  titleKey: string;
  workspace: string;
  error: unknown;
}) {
  const { t } = useTranslation();
  const title = t(titleKey);
  useDocumentTitle(title);
  return (
    <div className="page">
      <h1 tabIndex={-1} className="page-title">
        {title}
      </h1>
      <p className="empty">
        {error
          ? t("followTheSunGate.couldNotLoadTheWorkspace", { errorMessage: errorMessage(error) })
          : t("followTheSunGate.workspaceDoesNotFollowThe", { workspace })}
      </p>
    </div>
  );
}
