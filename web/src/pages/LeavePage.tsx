// The leave planner (S4.4): an agent declares leave and describes each open case; the shift lead
// decides who takes each. Everyone sees only what the server lists for them, and the buttons it
// says they may press; the desk's live signals refresh the page.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import { LeavePlanCard } from "../components/leave/LeavePlanCard.tsx";
import { useToast } from "../components/Toasts.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { rememberWorkspace } from "../hooks/workspace.ts";
import { browserZone, zonedToInstant } from "../lib/zonedTime.ts";

export const leaveHref = (workspace: string) => `/w/${encodeURIComponent(workspace)}/leave`;

function PlanForm({ workspace }: { workspace: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { notify } = useToast();
  const id = useId();
  const [from, setFrom] = useState("");
  const [back, setBack] = useState("");
  const [note, setNote] = useState("");
  const zone = browserZone();
  const plan = useMutation({
    mutationFn: () => {
      const start = zonedToInstant(`${from}T00:00`, zone);
      const end = zonedToInstant(`${back}T00:00`, zone);
      return endpoints.planLeave(workspace, {
        leaveFrom: start?.iso ?? from,
        leaveUntil: end?.iso ?? back,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
    },
    onSuccess: (made) => {
      notify(t("leavePage.leaveBooked", { count: made.items.length }));
      setNote("");
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.leave(workspace) }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    plan.mutate();
  };
  return (
    <form className="desk-ask" aria-label={t("leavePage.planLeave")} onSubmit={submit}>
      <h2>{t("leavePage.planLeave")}</h2>
      <p className="hint">{t("leavePage.batonBooksItListsYour", { zone })}</p>
      <div className="field-inline">
        <label htmlFor={`${id}-f`}>{t("leavePage.firstDayAway")}</label>
        <input
          id={`${id}-f`}
          type="date"
          required
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
        <label htmlFor={`${id}-b`}>{t("leavePage.backOn")}</label>
        <input
          id={`${id}-b`}
          type="date"
          required
          value={back}
          onChange={(e) => setBack(e.target.value)}
        />
        <label htmlFor={`${id}-n`}>{t("leavePage.note")}</label>
        <input
          id={`${id}-n`}
          value={note}
          maxLength={2000}
          onChange={(e) => setNote(e.target.value)}
        />
        <button
          type="submit"
          className="btn btn-primary"
          disabled={plan.isPending || !from || !back}
        >
          {t("leavePage.planMyLeave")}
        </button>
      </div>
      {plan.isError && (
        <p role="alert" className="field-error">
          {errorMessage(plan.error)}
        </p>
      )}
    </form>
  );
}

export function LeavePage() {
  const { t } = useTranslation();
  const { workspace = "" } = useParams();
  useEffect(() => rememberWorkspace(workspace), [workspace]);
  useDocumentTitle(t("leavePage.leave"));
  const list = useQuery({
    queryKey: queryKeys.leave(workspace),
    queryFn: ({ signal }) => endpoints.leavePlans(workspace, signal),
  });
  const viewer = list.data?.viewer;
  const members = useQuery({
    queryKey: ["agents", workspace],
    queryFn: () => endpoints.agents(workspace),
    enabled: Boolean(viewer?.approver),
  });
  const people = (members.data?.items ?? []).map((a) => ({ id: a.id, name: a.name }));
  return (
    <div className="page leave-page">
      <h1 tabIndex={-1} className="page-title">
        {t("leavePage.leave")}
      </h1>
      <p className="page-lead">
        {viewer?.approver
          ? t("leavePage.leavePlansOfTheTeam")
          : t("leavePage.beforeLeaveYourBinIs")}
      </p>
      {list.isPending && <p>{t("leavePage.loadingLeavePlans")}</p>}
      {list.isError && (
        <p role="alert" className="error-text">
          {errorMessage(list.error)}
        </p>
      )}
      {viewer?.mayPlan && <PlanForm workspace={workspace} />}
      {list.data?.items.length === 0 && <p className="empty">{t("leavePage.noLeavePlanned")}</p>}
      {list.data?.items.map((p) => (
        <LeavePlanCard key={p.id} workspace={workspace} plan={p} members={people} />
      ))}
    </div>
  );
}
