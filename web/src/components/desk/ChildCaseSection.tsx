// New cases from existing ones (S4.9), asked of the shift lead where the workspace wants approval.
// An approver sees everyone's requests and approves (with an optional note that lands on the new
// case as a private note) or declines with a note; the asker sees their own and may withdraw.
// What each may do comes from the server (`actions`); the section never works it out.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link } from "react-router";
import { endpoints } from "../../api/endpoints.ts";
import { errorMessage } from "../../api/errors.ts";
import { queryKeys } from "../../api/queryKeys.ts";
import type { ChildCaseAction, ChildCaseRequest } from "../../api/types.ts";
import { dateTime } from "../../lib/format.ts";
import { useToast } from "../Toasts.tsx";

const STATE: Record<ChildCaseRequest["state"], string> = {
  pending: "Waiting for approval",
  approved: "Approved",
  declined: "Declined",
  withdrawn: "Withdrawn",
};

const REASON: Record<ChildCaseRequest["reason"], string> = {
  "second-issue": "Second issue",
  "new-issue-on-old-case": "New issue on an old case",
};

const BUTTON: Record<ChildCaseAction, string> = {
  approve: "Approve",
  decline: "Decline",
  withdraw: "Withdraw",
};

function RequestRow({ workspace, r }: { workspace: string; r: ChildCaseRequest }) {
  const client = useQueryClient();
  const { notify } = useToast();
  const noteId = useId();
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
          ? `Case #${moved.childCaseNumber} opened for ${moved.requestedBy.name}.`
          : `Request from ${moved.requestedBy.name}: ${STATE[moved.state].toLowerCase()}.`,
      ),
    onError: (error) => notify(errorMessage(error), "error"),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.childCases(workspace) }),
  });
  const allowed = (Object.keys(BUTTON) as ChildCaseAction[]).filter((a) => r.actions[a]);
  const deciding = r.actions.approve || r.actions.decline;
  return (
    <tr data-state={r.state}>
      <td>
        <Link to={`/cases/${r.parent.number}`}>#{r.parent.number}</Link>{" "}
        <span className="hint">{r.parent.subject}</span>
      </td>
      <td>
        {r.subject}
        <span className="hint"> — {REASON[r.reason]}</span>
      </td>
      <td>
        {r.requestedBy.name}
        <span className="hint"> {dateTime(r.createdAt)}</span>
      </td>
      <td>
        {STATE[r.state]}
        {r.childCaseNumber !== null && (
          <>
            {": "}
            <Link to={`/cases/${r.childCaseNumber}`}>#{r.childCaseNumber}</Link>
          </>
        )}
        {r.decidedBy && r.state !== "pending" && (
          <span className="hint">
            {" "}
            by {r.decidedBy.name}
            {r.decisionNote ? `: “${r.decisionNote}”` : ""}
          </span>
        )}
      </td>
      <td>
        <div className="btn-row">
          {deciding && (
            <>
              <label htmlFor={noteId} className="visually-hidden">
                Note on the new case for {r.requestedBy.name}
              </label>
              <input
                id={noteId}
                value={note}
                maxLength={2000}
                placeholder="Note (needed to decline)"
                onChange={(e) => setNote(e.target.value)}
              />
            </>
          )}
          {allowed.map((a) => (
            <button
              key={a}
              type="button"
              className={`btn btn-small ${a === "approve" ? "btn-primary" : ""}`}
              disabled={move.isPending || (a === "decline" && !note.trim())}
              onClick={() => move.mutate(a)}
            >
              {BUTTON[a]}
            </button>
          ))}
        </div>
      </td>
    </tr>
  );
}

/** The child-case part of the desk: every request the viewer may see, waiting first. */
export function ChildCaseSection({ workspace }: { workspace: string }) {
  const list = useQuery({
    queryKey: queryKeys.childCases(workspace),
    queryFn: ({ signal }) => endpoints.childCaseRequests(workspace, signal),
  });
  const items = list.data?.items ?? [];
  return (
    <section aria-label="New cases from existing ones">
      <h2>New cases from existing ones</h2>
      <p className="hint">
        Asked from a case with “New case from this one”. The new case belongs to whoever asked.
      </p>
      {list.isPending && <p>Loading requests for new cases…</p>}
      {list.isError && (
        <p role="alert" className="error-text">
          {errorMessage(list.error)}
        </p>
      )}
      {list.data &&
        (items.length === 0 ? (
          <p className="empty">No requests for new cases.</p>
        ) : (
          <div className="table-wrap">
            <table className="case-table desk-table">
              <thead>
                <tr>
                  <th scope="col">From case</th>
                  <th scope="col">New case</th>
                  <th scope="col">Asked by</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <RequestRow key={r.id} workspace={workspace} r={r} />
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
