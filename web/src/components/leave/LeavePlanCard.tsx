// A leave plan: who is away and when, what the policy asks before they go (out-of-office reply,
// call diversion), each case with its hand-off, and the plan's own moves (submit, cancel).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { endpoints } from "../../api/endpoints.ts";
import { errorMessage } from "../../api/errors.ts";
import { queryKeys } from "../../api/queryKeys.ts";
import type { LeaveCheck, LeavePlan } from "../../api/types.ts";
import { dayAndTime } from "../../lib/zonedTime.ts";
import { useToast } from "../Toasts.tsx";
import { LeaveItemRow } from "./LeaveItemRow.tsx";

const PLAN_STATE: Record<LeavePlan["state"], string> = {
  draft: "Draft: describe each case, then hand it to the shift lead",
  submitted: "With the shift lead",
  approved: "Approved: the team has the list",
  cancelled: "Cancelled",
};

function Checks({ workspace, plan }: { workspace: string; plan: LeavePlan }) {
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
    <ul className="leave-checks" aria-label="Before you go">
      {plan.checks
        .filter((c) => c.required || c.doneAt)
        .map((c) => (
          <li key={c.check} data-done={Boolean(c.doneAt)}>
            {c.doneAt ? "✓" : "○"} {c.label}
            {c.check === "call_diversion" && plan.callDiversion
              ? ` (to ${plan.callDiversion})`
              : ""}
            {!c.doneAt && !plan.actions.check && <span className="hint"> — not done yet</span>}
            {plan.actions.check && (
              <span className="btn-row">
                {c.check === "call_diversion" && !c.doneAt && (
                  <>
                    <label htmlFor={id} className="visually-hidden">
                      Calls go to
                    </label>
                    <input
                      id={id}
                      placeholder="Calls go to…"
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
                  {c.doneAt ? "Undo" : "Done"}
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
  const client = useQueryClient();
  const { notify } = useToast();
  const move = useMutation({
    mutationFn: (m: "submit" | "cancel") =>
      endpoints.moveLeavePlan(workspace, plan.id, m, plan.version),
    onSuccess: (_, m) =>
      notify(m === "submit" ? "Handed to the shift lead." : "Leave plan cancelled."),
    onError: (error) => notify(errorMessage(error), "error"),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.leave(workspace) }),
  });
  return (
    <section
      className="leave-plan card"
      aria-label={`Leave of ${plan.agent.name}`}
      data-state={plan.state}
    >
      <h2>
        {plan.agent.name}: {dayAndTime(plan.leaveFrom)} – {dayAndTime(plan.leaveUntil)}
      </h2>
      <p>
        <strong>{PLAN_STATE[plan.state]}</strong>
        {plan.backup && <span className="hint"> · backup {plan.backup.name}</span>}
        {plan.note && <span className="hint"> · {plan.note}</span>}
      </p>
      <Checks workspace={workspace} plan={plan} />
      {plan.items.length === 0 ? (
        <p className="empty">No open cases to hand off.</p>
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
            Hand to the shift lead
          </button>
        )}
        {plan.actions.cancel && (
          <button
            type="button"
            className="btn"
            disabled={move.isPending}
            onClick={() => move.mutate("cancel")}
          >
            Cancel leave
          </button>
        )}
      </div>
    </section>
  );
}
