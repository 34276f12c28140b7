// Saving a list as a view (issue 17): a name, and whom it is for. Sharing with a queue or the
// workspace is offered only where the server says the person may share (viewer.shareViews).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage, fieldErrorMap } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { SavedView } from "../api/types.ts";
import { usePolicy } from "../hooks/workspace.ts";
import type { CaseFilters, ListScope } from "../lib/filters.ts";
import { viewOf } from "../lib/views.ts";
import { Dialog } from "./Dialog.tsx";

type Share = SavedView["share"];

export const viewHref = (workspace: string, id: string) =>
  `/w/${encodeURIComponent(workspace)}/views/${encodeURIComponent(id)}`;

/** "Save view" on a list: opens the dialog, and the new view once it is saved. */
export function SaveViewButton({ scope, filters }: { scope: ListScope; filters: CaseFilters }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn" onClick={() => setOpen(true)}>
        {t("savedViews.saveView")}
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t("savedViews.saveThisList")}>
        {open && <SaveViewForm scope={scope} filters={filters} onDone={() => setOpen(false)} />}
      </Dialog>
    </>
  );
}

/** A view's name, for a new view or a rename, with the server's word on it. */
export function ViewNameField({
  name,
  onChange,
  error,
}: {
  name: string;
  onChange: (name: string) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t("savedViews.name")}</label>
      <input
        id={id}
        value={name}
        required
        maxLength={80}
        onChange={(e) => onChange(e.currentTarget.value)}
        aria-invalid={Boolean(error)}
      />
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}

function SaveViewForm({
  scope,
  filters,
  onDone,
}: {
  scope: ListScope;
  filters: CaseFilters;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const client = useQueryClient();
  const policy = usePolicy(scope.workspace).data;
  const mayShare = policy?.viewer?.shareViews ?? false;
  const [name, setName] = useState("");
  const [share, setShare] = useState<Share>("personal");
  const [queue, setQueue] = useState(scope.view === "queue" ? scope.queue : "");
  const save = useMutation({
    mutationFn: () =>
      endpoints.createView(scope.workspace, {
        name,
        share,
        ...(share === "queue" ? { queue } : {}),
        ...viewOf(scope, filters),
      }),
    onSuccess: (view) => {
      void client.invalidateQueries({ queryKey: queryKeys.views(scope.workspace) });
      onDone();
      navigate(viewHref(scope.workspace, view.id));
    },
  });
  const errors = fieldErrorMap(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit}>
      <ViewNameField name={name} onChange={setName} error={errors.name} />
      {mayShare && (
        <div className="field">
          <label htmlFor={`${id}-share`}>{t("savedViews.whoSeesIt")}</label>
          <select
            id={`${id}-share`}
            value={share}
            onChange={(e) => setShare(e.currentTarget.value as Share)}
          >
            <option value="personal">{t("savedViews.sharePersonal")}</option>
            <option value="queue">{t("savedViews.shareQueue")}</option>
            <option value="workspace">{t("savedViews.shareWorkspace")}</option>
          </select>
        </div>
      )}
      {share === "queue" && (
        <div className="field">
          <label htmlFor={`${id}-queue`}>{t("savedViews.queue")}</label>
          <select
            id={`${id}-queue`}
            value={queue}
            required
            onChange={(e) => setQueue(e.currentTarget.value)}
            aria-invalid={Boolean(errors.queue)}
          >
            <option value="">{t("savedViews.pickQueue")}</option>
            {policy?.queues.map((q) => (
              <option key={q.code} value={q.code}>
                {q.name}
              </option>
            ))}
          </select>
          {errors.queue && <p className="field-error">{errors.queue}</p>}
        </div>
      )}
      {save.error && !errors.name && !errors.queue && (
        <p className="field-error" role="alert">
          {errorMessage(save.error)}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t("savedViews.save")}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t("savedViews.cancel")}
        </button>
      </div>
    </form>
  );
}
