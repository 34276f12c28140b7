// API tokens of the workspace's members (admins): who has what, when it was last used, revoke.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { ApiError, errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import { TokenTable } from "../components/account/TokenTable.tsx";
import { useToast } from "../components/Toasts.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { rememberWorkspace } from "../hooks/workspace.ts";

export const workspaceTokensHref = (workspace: string) =>
  `/w/${encodeURIComponent(workspace)}/tokens`;

export function WorkspaceTokensPage() {
  const { t } = useTranslation();
  const { workspace = "" } = useParams();
  useEffect(() => rememberWorkspace(workspace), [workspace]);
  useDocumentTitle(t("workspaceTokensPage.apiTokens"));
  const client = useQueryClient();
  const { notify } = useToast();
  const tokens = useQuery({
    queryKey: queryKeys.workspaceTokens(workspace),
    queryFn: () => endpoints.workspaceTokens(workspace),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => endpoints.revokeWorkspaceToken(workspace, id),
    onSuccess: () => {
      notify(t("workspaceTokensPage.theTokenWasRevoked"));
      void client.invalidateQueries({ queryKey: ["tokens"] });
    },
    onError: (error) => notify(errorMessage(error), "error"),
  });
  const forbidden = tokens.error instanceof ApiError && tokens.error.status === 403;
  return (
    <div className="page tokens-page">
      <h1 tabIndex={-1} className="page-title">
        {t("workspaceTokensPage.apiTokens")}
      </h1>
      <p className="page-lead">{t("workspaceTokensPage.theTokensOfThisWorkspace")}</p>
      {tokens.isPending && <p>{t("workspaceTokensPage.loadingTokens")}</p>}
      {forbidden && <p>{t("workspaceTokensPage.onlyAdministratorsSeeTheWorkspace")}</p>}
      {tokens.isError && !forbidden && (
        <p role="alert" className="error-text">
          {errorMessage(tokens.error)}
        </p>
      )}
      {tokens.isSuccess && (
        <TokenTable
          tokens={tokens.data.items}
          showOwner
          onRevoke={(id) => revoke.mutate(id)}
          pending={revoke.isPending}
        />
      )}
    </div>
  );
}
