import { useTranslation } from "react-i18next";
import { Navigate } from "react-router";
import { useCurrentWorkspace } from "../hooks/workspace.ts";

/** "/" opens My cases in the workspace used last. */
export function HomeRedirect() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  if (!workspace)
    return (
      <div className="page">
        <h1 tabIndex={-1} className="page-title">
          {t("homeRedirect.noWorkspaceYet")}
        </h1>
        <p>{t("homeRedirect.youDoNotBelongTo")}</p>
      </div>
    );
  return <Navigate to={`/w/${encodeURIComponent(workspace)}/mine`} replace />;
}
