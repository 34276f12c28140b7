// A saved view (issue 17): the list with the view's filters and order. Changing a filter here
// changes what is on screen, not the view, until the person saves it (where the server lets them).
// A view someone else changed meanwhile is shown as it is now, and the page says so.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { ApiError, errorMessage, fieldErrorMap } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { SavedView } from "../api/types.ts";
import { useUser } from "../auth/AuthProvider.tsx";
import { Dialog } from "../components/Dialog.tsx";
import { ViewNameField } from "../components/SaveViewDialog.tsx";
import { useToast } from "../components/Toasts.tsx";
import { useSavedViews } from "../hooks/views.ts";
import { rememberWorkspace, usePolicy } from "../hooks/workspace.ts";
import { type CaseFilters, listHref } from "../lib/filters.ts";
import { labelIn } from "../lib/policy.ts";
import { sameList, viewList, viewOf } from "../lib/views.ts";
import { CaseList } from "./CaseListPage.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";

export function SavedViewPage() {
  const { t } = useTranslation();
  const params = useParams();
  const user = useUser();
  const workspace = params.workspace ?? "";
  const member = user.workspaces.some((w) => w.slug === workspace);
  const views = useSavedViews(member ? workspace : null);
  if (!member) return <NotFoundPage what={t("caseListPage.workspaceWorkspace", { workspace })} />;
  if (views.isError)
    return (
      <div className="page">
        <p className="notice notice-error" role="alert">
          {errorMessage(views.error)}
        </p>
      </div>
    );
  if (!views.data)
    return (
      <div className="page">
        <p role="status">{t("savedViews.loading")}</p>
      </div>
    );
  const view = views.data.items.find((v) => v.id === params.id);
  if (!view) return <NotFoundPage what={t("savedViews.thisView")} />;
  return <SavedViewList key={view.id} view={view} workspace={workspace} />;
}

function SavedViewList({ view, workspace }: { view: SavedView; workspace: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { notify } = useToast();
  const policy = usePolicy(workspace).data;
  const saved = useMemo(() => viewList(view, workspace), [view, workspace]);
  const [edited, setEdited] = useState<CaseFilters | null>(null);
  // The version on screen; another one arriving that this page did not write was someone else's.
  const [shownVersion, setShownVersion] = useState(view.version);
  const [changedElsewhere, setChangedElsewhere] = useState(false);
  const [renaming, setRenaming] = useState(false);
  if (view.version !== shownVersion) {
    setShownVersion(view.version);
    setEdited(null);
    setChangedElsewhere(true);
  }
  const filters = edited ?? saved.filters;
  const dirty = edited !== null && !sameList(view, saved.scope, edited);
  useEffect(() => rememberWorkspace(workspace), [workspace]);

  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.views(workspace) });
  const onError = (error: Error) => {
    // Someone changed or deleted it meanwhile: show the view as it is now.
    if (error instanceof ApiError && (error.isConflict || error.status === 404)) void refresh();
    notify(errorMessage(error), "error");
  };
  const save = useMutation({
    mutationFn: () =>
      endpoints.updateView(view.id, { version: view.version, ...viewOf(saved.scope, filters) }),
    onSuccess: (updated) => {
      setShownVersion(updated.version);
      setChangedElsewhere(false);
      setEdited(null);
      notify(t("savedViews.saved"), "success");
      void refresh();
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: () => endpoints.deleteView(view.id, view.version),
    onSuccess: () => {
      notify(t("savedViews.deleted"), "success");
      void refresh();
      navigate(listHref(saved.scope, saved.filters));
    },
    onError,
  });

  const audience =
    view.share === "personal"
      ? t("savedViews.onlyYou")
      : view.share === "queue"
        ? t("savedViews.sharedWithQueue", { queue: labelIn(policy?.queues, view.queue ?? "") })
        : t("savedViews.sharedWithWorkspace");

  return (
    <>
      <CaseList
        scope={saved.scope}
        filters={filters}
        setFilters={(change) => setEdited((current) => change(current ?? saved.filters))}
        onClear={edited ? () => setEdited(null) : undefined}
        title={view.name}
        actions={
          <>
            <span className="badge badge-outline">{audience}</span>
            {dirty && view.can.edit && (
              <button
                type="button"
                className="btn btn-primary"
                disabled={save.isPending}
                onClick={() => save.mutate()}
              >
                {t("savedViews.saveChanges")}
              </button>
            )}
            {dirty && (
              <button type="button" className="btn" onClick={() => setEdited(null)}>
                {t("savedViews.showSaved")}
              </button>
            )}
            {view.can.edit && (
              <button type="button" className="btn" onClick={() => setRenaming(true)}>
                {t("savedViews.rename")}
              </button>
            )}
            {view.can.delete && (
              <button
                type="button"
                className="btn"
                disabled={remove.isPending}
                onClick={() => remove.mutate()}
              >
                {t("savedViews.delete")}
              </button>
            )}
          </>
        }
        notices={
          <>
            {changedElsewhere && (
              <p className="notice" role="status">
                {t("savedViews.changedElsewhere")}
              </p>
            )}
            {view.problems.length > 0 && (
              <div className="notice notice-warning" role="status">
                <p>{t("savedViews.showsFewer")}</p>
                <ul>
                  {view.problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              </div>
            )}
          </>
        }
      />
      <Dialog open={renaming} onClose={() => setRenaming(false)} title={t("savedViews.rename")}>
        {renaming && (
          <RenameForm
            view={view}
            onDone={(version) => {
              if (version !== undefined) setShownVersion(version);
              setRenaming(false);
              void refresh();
            }}
            onError={onError}
          />
        )}
      </Dialog>
    </>
  );
}

function RenameForm({
  view,
  onDone,
  onError,
}: {
  view: SavedView;
  onDone: (version?: number) => void;
  onError: (error: Error) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(view.name);
  const rename = useMutation({
    mutationFn: () => endpoints.updateView(view.id, { version: view.version, name }),
    onSuccess: (updated) => onDone(updated.version),
    onError: (error) => {
      if (!fieldErrorMap(error).name) onError(error);
    },
  });
  const errors = fieldErrorMap(rename.error);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        rename.mutate();
      }}
    >
      <ViewNameField name={name} onChange={setName} error={errors.name} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={rename.isPending}>
          {t("savedViews.save")}
        </button>
        <button type="button" className="btn" onClick={() => onDone()}>
          {t("savedViews.cancel")}
        </button>
      </div>
    </form>
  );
}
