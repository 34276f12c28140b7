// One case of a leave plan: what it needs, who routing proposed, what the absent agent writes of
// it while the plan is a draft, and the shift lead's approve/keep once it is submitted. Which of
// these the viewer sees is the server's `actions`.

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { endpoints } from "../../api/endpoints.ts";
import { errorMessage } from "../../api/errors.ts";
import { queryKeys } from "../../api/queryKeys.ts";
import type { LeaveItem, LeavePlan } from "../../api/types.ts";
import { dayAndTime } from "../../lib/zonedTime.ts";
import { useToast } from "../Toasts.tsx";

const STATE: Record<LeaveItem["state"], string> = {
  open: "leaveItemRow.stateOpen",
  requested: "leaveItemRow.stateRequested",
  handed_off: "leaveItemRow.stateHandedOff",
  kept: "leaveItemRow.stateKept",
};

/** The absent agent's account of the case, saved on its own. */
function DescribeForm({
  workspace,
  plan,
  item,
}: {
  workspace: string;
  plan: LeavePlan;
  item: LeaveItem;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { notify } = useToast();
  const id = useId();
  const [handedOff, setHandedOff] = useState(item.handedOff);
  const [validated, setValidated] = useState(item.validated);
  const [followUps, setFollowUps] = useState(item.followUps);
  const [told, setTold] = useState(item.customerTold);
  const [answers, setAnswers] = useState<Record<string, string>>(item.answers);
  const answer = (key: string, value: string) => setAnswers((a) => ({ ...a, [key]: value }));
  const save = useMutation({
    mutationFn: () =>
      endpoints.editLeaveItem(workspace, plan.id, item.id, {
        version: item.version,
        handedOff,
        validated,
        followUps,
        customerTold: told,
        ...(item.questions.length ? { answers } : {}),
      }),
    onSuccess: () => notify(t("leaveItemRow.caseNumberSaved", { number: item.case.number })),
    onError: (error) => notify(errorMessage(error), "error"),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.leave(workspace) }),
  });
  return (
    <form
      className="leave-describe"
      aria-label={t("leaveItemRow.handOffOfCaseNumber", { number: item.case.number })}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <label htmlFor={`${id}-h`}>{t("leaveItemRow.handedOff")}</label>
      <textarea
        id={`${id}-h`}
        rows={2}
        value={handedOff}
        onChange={(e) => setHandedOff(e.target.value)}
      />
      <label htmlFor={`${id}-v`}>{t("leaveItemRow.validatedSoFar")}</label>
      <textarea
        id={`${id}-v`}
        rows={2}
        value={validated}
        onChange={(e) => setValidated(e.target.value)}
      />
      <label htmlFor={`${id}-f`}>{t("leaveItemRow.followUps")}</label>
      <textarea
        id={`${id}-f`}
        rows={2}
        value={followUps}
        onChange={(e) => setFollowUps(e.target.value)}
      />
      {item.questions.map((q) => (
        <div key={q.key} className="leave-question">
          <label htmlFor={`${id}-q-${q.key}`}>
            {q.label}
            {q.required ? " *" : ""}
          </label>
          {q.choices.length ? (
            <select
              id={`${id}-q-${q.key}`}
              value={answers[q.key] ?? ""}
              onChange={(e) => answer(q.key, e.target.value)}
            >
              <option value="">—</option>
              {q.choices.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={`${id}-q-${q.key}`}
              value={answers[q.key] ?? ""}
              onChange={(e) => answer(q.key, e.target.value)}
            />
          )}
        </div>
      ))}
      <label className="check">
        <input type="checkbox" checked={told} onChange={(e) => setTold(e.target.checked)} />{" "}
        {t("leaveItemRow.customerToldWhoLooksAfter")}
      </label>
      <button type="submit" className="btn btn-small" disabled={save.isPending}>
        {t("leaveItemRow.saveCaseNumber", { number: item.case.number })}
      </button>
    </form>
  );
}

/** The shift lead's decision: who takes it (routing's proposal first) and a private note. */
function DecideForm({
  workspace,
  plan,
  item,
  members,
}: {
  workspace: string;
  plan: LeavePlan;
  item: LeaveItem;
  members: { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { notify } = useToast();
  const id = useId();
  const [holder, setHolder] = useState(item.proposed?.id ?? "");
  const [note, setNote] = useState("");
  const decide = useMutation({
    mutationFn: (decision: "approve" | "keep") =>
      endpoints.decideLeaveItem(workspace, plan.id, item.id, decision, {
        version: item.version,
        ...(decision === "approve" && holder ? { holderId: holder } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: (_, decision) =>
      notify(
        decision === "approve"
          ? t("leaveItemRow.caseNumberHandedOff", { number: item.case.number })
          : t("leaveItemRow.caseNumberKept", { number: item.case.number }),
      ),
    onError: (error) => notify(errorMessage(error), "error"),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.leave(workspace) }),
  });
  return (
    <div className="leave-decide">
      <label htmlFor={`${id}-w`}>
        {t("leaveItemRow.whoTakesCaseNumber", { number: item.case.number })}
      </label>
      <select id={`${id}-w`} value={holder} onChange={(e) => setHolder(e.target.value)}>
        <option value="">{t("leaveItemRow.theCaseSQueue")}</option>
        {members
          .filter((m) => m.id !== plan.agent.id)
          .map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
              {m.id === item.proposed?.id ? t("leaveItemRow.proposed") : ""}
            </option>
          ))}
      </select>
      <label htmlFor={`${id}-n`}>{t("leaveItemRow.privateNote")}</label>
      <input
        id={`${id}-n`}
        value={note}
        maxLength={2000}
        onChange={(e) => setNote(e.target.value)}
      />
      <div className="btn-row">
        <button
          type="button"
          className="btn btn-small btn-primary"
          disabled={decide.isPending}
          onClick={() => decide.mutate("approve")}
        >
          {t("leaveItemRow.approve")}
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={decide.isPending}
          onClick={() => decide.mutate("keep")}
        >
          {t("leaveItemRow.keepWithName", { name: plan.agent.name })}
        </button>
      </div>
    </div>
  );
}

export function LeaveItemRow({
  workspace,
  plan,
  item,
  members,
}: {
  workspace: string;
  plan: LeavePlan;
  item: LeaveItem;
  members: { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  const c = item.case;
  return (
    <li className="leave-item" data-state={item.state}>
      <div className="leave-item-head">
        <Link to={`/cases/${c.number}`}>
          #{c.number} {c.subject}
        </Link>
        <span className="badge">{c.severity}</span>
        <strong>{t(STATE[item.state])}</strong>
      </div>
      <p className="hint">
        {c.customer ? `${c.customer} · ` : ""}
        {c.nextUpdateDueAt
          ? t("leaveItemRow.nextUpdateDueDayandtime", { dayAndTime: dayAndTime(c.nextUpdateDueAt) })
          : t("leaveItemRow.noUpdateDue")}
        {c.nextContactAt
          ? t("leaveItemRow.customerContactDayandtime", { dayAndTime: dayAndTime(c.nextContactAt) })
          : ""}
        {c.customerWaitingSince ? t("leaveItemRow.theCustomerIsWaiting") : ""}
      </p>
      <p>
        {item.holder ? (
          t("leaveItemRow.heldByName", { name: item.holder.name })
        ) : item.proposed ? (
          <>
            {t("leaveItemRow.proposedName", { name: item.proposed.name })}{" "}
            <span className="hint">({item.proposal})</span>
          </>
        ) : (
          <span className="hint">{item.proposal || t("leaveItemRow.noProposal")}</span>
        )}
        {item.leadNote && <span className="hint"> — “{item.leadNote}”</span>}
      </p>
      {item.actions.edit ? (
        <DescribeForm workspace={workspace} plan={plan} item={item} />
      ) : (
        item.validated && (
          <dl className="leave-account">
            <dt>{t("leaveItemRow.handedOff")}</dt>
            <dd>{item.handedOff}</dd>
            <dt>{t("leaveItemRow.validatedSoFar")}</dt>
            <dd>{item.validated}</dd>
            {item.followUps && (
              <>
                <dt>{t("leaveItemRow.followUps")}</dt>
                <dd>{item.followUps}</dd>
              </>
            )}
          </dl>
        )
      )}
      {item.actions.approve && (
        <DecideForm workspace={workspace} plan={plan} item={item} members={members} />
      )}
    </li>
  );
}
