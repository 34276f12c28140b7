// New cases from existing ones (S4.9), asked of the shift lead where the workspace wants approval.
// An approver sees everyone's requests and approves (with an optional note that lands on the new
// case as a private note) or declines with a note; the asker sees their own and may withdraw.
// What each may do comes from the server (`actions`); the section never works it out.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { endpoints } from "../../api/endpoints.ts";
import { errorMessage } from "../../api/errors.ts";
import { queryKeys } from "../../api/queryKeys.ts";
import type { ChildCaseAction, ChildCaseRequest } from "../../api/types.ts";
import { dateTime } from "../../lib/format.ts";
import { useToast } from "../Toasts.tsx";
import { DecidedBy, DeskMoves, DeskTable } from "./DeskParts.tsx";

const STATE: Record<ChildCaseRequest["state"], string> = {
  pending: "childCaseSection.statePending",
  approved: "childCaseSection.stateApproved",
  declined: "childCaseSection.stateDeclined",
  withdrawn: "childCaseSection.stateWithdrawn",
};

const REASON: Record<ChildCaseRequest["reason"], string> = {
  "second-issue": "childCaseSection.reasonSecondIssue",
  "new-issue-on-old-case": "childCaseSection.reasonNewIssueOnOldCase",
};

const BUTTON: Record<ChildCaseAction, string> = {
  approve: "childCaseSection.approve",
  decline: "childCaseSection.decline",
  withdraw: "childCaseSection.withdraw",
};

function RequestRow({ workspace, r }: { workspace: string; r: ChildCaseRequest }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { notify } = useToast();
  const [note, setNote] = useState("");
  const move = useMutation({
    mutationFn: (action: ChildCaseAction) =>
      endpoints.moveChildCase(workspace, r.id, action, {
        version: r.version,
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: (moved) =>
      notify(
        moved.childCaseNumber
          ? t("childCaseSection.caseChildcasenumberOpenedForName", {
              childCaseNumber: moved.childCaseNumber,
              name: moved.requestedBy.name,
            })
          : t("childCaseSection.requestFromNameState", {
              name: moved.requestedBy.name,
              state: t(STATE[moved.state]),
            }),
      ),
    onError: (error) => notify(errorMessage(error), "error"),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.childCases(workspace) }),
  });
  return (
    <tr data-state={r.state}>
      <td>
        <Link to={`/cases/${r.parent.number}`}>#{r.parent.number}</Link>{" "}
        <span className="hint">{r.parent.subject}</span>
      </td>
      <td>
        {r.subject}
        <span className="hint"> — {t(REASON[r.reason])}</span>
      </td>
      <td>
        {r.requestedBy.name}
        <span className="hint"> {dateTime(r.createdAt)}</span>
      </td>
      <td>
        {t(STATE[r.state])}
        {r.childCaseNumber !== null && (
          <>
            {": "}
            <Link to={`/cases/${r.childCaseNumber}`}>#{r.childCaseNumber}</Link>
          </>
        )}
        <DecidedBy r={r} />
      </td>
      <td>
        <DeskMoves
          labels={BUTTON}
          actions={r.actions}
          note={{
            shown: r.actions.approve || r.actions.decline,
            label: t("childCaseSection.noteLabel", { name: r.requestedBy.name }),
            placeholder: t("childCaseSection.notePlaceholder"),
            maxLength: 2000,
            value: note,
            onChange: setNote,
            requiredFor: "decline",
          }}
          busy={move.isPending}
          onMove={(a) => move.mutate(a)}
        />
      </td>
    </tr>
  );
}

/** The child-case part of the desk: every request the viewer may see, waiting first. */
export function ChildCaseSection({ workspace }: { workspace: string }) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: queryKeys.childCases(workspace),
    queryFn: ({ signal }) => endpoints.childCaseRequests(workspace, signal),
  });
  const items = list.data?.items ?? [];
  return (
    <section aria-label={t("childCaseSection.newCasesFromExistingOnes")}>
      <h2>{t("childCaseSection.newCasesFromExistingOnes")}</h2>
      <p className="hint">{t("childCaseSection.askedFromACaseWith")}</p>
      {list.isPending && <p>{t("childCaseSection.loadingRequestsForNewCases")}</p>}
      {list.isError && (
        <p role="alert" className="error-text">
          {errorMessage(list.error)}
        </p>
      )}
      {list.data &&
        (items.length === 0 ? (
          <p className="empty">{t("childCaseSection.noRequestsForNewCases")}</p>
        ) : (
          <DeskTable
            columns={[
              "childCaseSection.fromCase",
              "childCaseSection.newCase",
              "childCaseSection.askedBy",
              "childCaseSection.state",
            ]}
          >
            {items.map((r) => (
              <RequestRow key={r.id} workspace={workspace} r={r} />
            ))}
          </DeskTable>
        ))}
    </section>
  );
}
