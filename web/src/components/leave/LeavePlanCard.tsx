// A leave plan: who is away and when, what the policy asks before they go (out-of-office reply,
// call diversion), each case with its hand-off, and the plan's own moves (submit, cancel).

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { endpoints } from "../../api/endpoints.ts";
import { errorMessage } from "../../api/errors.ts";
import { queryKeys } from "../../api/queryKeys.ts";
import type { LeaveCheck, LeavePlan } from "../../api/types.ts";
import { dayAndTime } from "../../lib/zonedTime.ts";
import { useToast } from "../Toasts.tsx";
import { LeaveItemRow } from "./LeaveItemRow.tsx";

const PLAN_STATE: Record<LeavePlan["state"], string> = {
  draft: "leavePlanCard.stateDraft",
  submitted: "leavePlanCard.stateSubmitted",
  approved: "leavePlanCard.stateApproved",
  cancelled: "leavePlanCard.stateCancelled",
};

function Checks({ workspace, plan }: { workspace: string; plan: LeavePlan }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { notify } = useToast();
  const id = useId();
  const [divertTo, setDivertTo] = useState(plan.callDiversion ?? "");
  const record = useMutation({
    mutationFn: (v: { check: LeaveCheck; done: boolean }) =>
      endpoints.recordLeaveCheck(workspace, plan.id, {
        version: plan.version,
        ...v,
        ...(v.check === "call_diversion" && v.done ? { divertTo } : {}),
      }),
    onError: (error) => notify(errorMessage(error), "error"),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.leave(workspace) }),
  });
  return (
    <ul className="leave-checks" aria-label={t("leavePlanCard.beforeYouGo")}>
      {plan.checks
        .filter((c) => c.required || c.doneAt)
        .map((c) => (
          <li key={c.check} data-done={Boolean(c.doneAt)}>
            {c.doneAt ? "✓" : "○"} {c.label}
            {c.check === "call_diversion" && plan.callDiversion
              ? t("leavePlanCard.toCalldiversion", { callDiversion: plan.callDiversion })
              : ""}
            {!c.doneAt && !plan.actions.check && (
              <span className="hint"> {t("leavePlanCard.notDoneYet")}</span>
            )}
            {plan.actions.check && (
              <span className="btn-row">
                {c.check === "call_diversion" && !c.doneAt && (
                  <>
                    <label htmlFor={id} className="visually-hidden">
                      {t("leavePlanCard.callsGoTo")}
                    </label>
                    <input
                      id={id}
                      placeholder={t("leavePlanCard.callsGoTo2")}
                      value={divertTo}
                      maxLength={60}
                      onChange={(e) => setDivertTo(e.target.value)}
                    />
                  </>
                )}
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={record.isPending}
                  onClick={() => record.mutate({ check: c.check, done: !c.doneAt })}
                >
                  {c.doneAt ? t("leavePlanCard.undo") : t("leavePlanCard.done")}
                </button>
              </span>
            )}
          </li>
        ))}
    </ul>
  );
}

export function LeavePlanCard({
  workspace,
  plan,
  members,
}: {
  workspace: string;
  plan: LeavePlan;
  members: { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { notify } = useToast();
  const move = useMutation({
    mutationFn: (m: "submit" | "cancel") =>
      endpoints.moveLeavePlan(workspace, plan.id, m, plan.version),
    onSuccess: (_, m) =>
      notify(
        m === "submit"
          ? t("leavePlanCard.handedToTheShiftLead")
          : t("leavePlanCard.leavePlanCancelled"),
      ),
    onError: (error) => notify(errorMessage(error), "error"),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.leave(workspace) }),
  });
  return (
    <section
      className="leave-plan card"
      aria-label={t("leavePlanCard.leaveOfName", { name: plan.agent.name })}
      data-state={plan.state}
    >
      <h2>
        {plan.agent.name}: {dayAndTime(plan.leaveFrom)} – {dayAndTime(plan.leaveUntil)}
      </h2>
      <p>
        <strong>{t(PLAN_STATE[plan.state])}</strong>
        {plan.backup && (
          <span className="hint"> {t("leavePlanCard.backupName", { name: plan.backup.name })}</span>
        )}
        {plan.note && <span className="hint"> · {plan.note}</span>}
      </p>
      <Checks workspace={workspace} plan={plan} />
      {plan.items.length === 0 ? (
        <p className="empty">{t("leavePlanCard.noOpenCasesToHand")}</p>
      ) : (
        <ol className="leave-items">
          {plan.items.map((i) => (
            <LeaveItemRow key={i.id} workspace={workspace} plan={plan} item={i} members={members} />
          ))}
        </ol>
      )}
      <div className="btn-row">
        {plan.actions.submit && (
          <button
            type="button"
            className="btn btn-primary"
            disabled={move.isPending}
            onClick={() => move.mutate("submit")}
          >
            {t("leavePlanCard.handToTheShiftLead")}
          </button>
        )}
        {plan.actions.cancel && (
          <button
            type="button"
            className="btn"
            disabled={move.isPending}
            onClick={() => move.mutate("cancel")}
          >
            {t("leavePlanCard.cancelLeave")}
          </button>
        )}
      </div>
    </section>
  );
}
