// People (admins): the workspace's members with their roles, invitations by email, deactivation
// and removal with the cases left to hand off (docs/people.md).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useState } from "react";
import { useParams } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { ApiError, errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { InvitationSent, InvitationView, OpenCaseView, PeopleList } from "../api/types.ts";
import { CopyField } from "../components/CopyField.tsx";
import { CasesToHandOff, PersonRow } from "../components/people/PersonRow.tsx";
import { useToast } from "../components/Toasts.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { rememberWorkspace } from "../hooks/workspace.ts";
import { dateTime } from "../lib/format.ts";

function InviteForm({
  workspace,
  roles,
  onSent,
}: {
  workspace: string;
  roles: PeopleList["roles"];
  onSent: (sent: InvitationSent) => void;
}) {
  const client = useQueryClient();
  const emailId = useId();
  const nameId = useId();
  const roleId = useId();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState(roles.find((r) => r.id === "agent")?.id ?? roles[0]?.id ?? "");
  const invite = useMutation({
    mutationFn: () =>
      endpoints.invite(workspace, {
        email: email.trim(),
        role,
        ...(name.trim() ? { name: name.trim() } : {}),
      }),
    onSuccess: (sent) => {
      setEmail("");
      setName("");
      void client.invalidateQueries({ queryKey: queryKeys.people(workspace) });
      onSent(sent);
    },
  });
  const fieldError = (field: string) =>
    invite.error instanceof ApiError ? invite.error.fieldMessage(field) : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate();
  };
  return (
    <form className="invite-form" onSubmit={submit} aria-label="Invite someone">
      <h2>Invite someone</h2>
      <div className="field">
        <label htmlFor={emailId}>Email</label>
        <input
          id={emailId}
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={fieldError("email") ? true : undefined}
        />
        {fieldError("email") && <p className="field-error">Email {fieldError("email")}</p>}
      </div>
      <div className="field">
        <label htmlFor={nameId}>Name (optional)</label>
        <input id={nameId} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={roleId}>Role</label>
        <select id={roleId} value={role} onChange={(e) => setRole(e.target.value)}>
          {roles.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
      {invite.isError && !fieldError("email") && (
        <p role="alert" className="error-text">
          {errorMessage(invite.error)}
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={invite.isPending}>
        Send invitation
      </button>
    </form>
  );
}

function InvitationRow({
  workspace,
  invitation,
}: {
  workspace: string;
  invitation: InvitationView;
}) {
  const client = useQueryClient();
  const { notify } = useToast();
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.people(workspace) });
  const resend = useMutation({
    mutationFn: () => endpoints.resendInvitation(workspace, invitation.id, invitation.version),
    onSuccess: () => {
      notify(`A new link went to ${invitation.email}; the old one no longer works.`);
      void refresh();
    },
    onError: (error) => notify(errorMessage(error), "error"),
  });
  const revoke = useMutation({
    mutationFn: () => endpoints.revokeInvitation(workspace, invitation.id, invitation.version),
    onSuccess: () => {
      notify(`The invitation to ${invitation.email} was withdrawn.`);
      void refresh();
    },
    onError: (error) => notify(errorMessage(error), "error"),
  });
  const open = invitation.state === "pending" || invitation.state === "expired";
  return (
    <tr data-invitation={invitation.email} data-state={invitation.state}>
      <td>{invitation.email}</td>
      <td>{invitation.roleName}</td>
      <td>{invitation.state}</td>
      <td>{dateTime(invitation.expiresAt)}</td>
      <td>
        {open && (
          <button
            type="button"
            className="btn btn-small"
            disabled={resend.isPending}
            onClick={() => resend.mutate()}
          >
            Send again
          </button>
        )}{" "}
        {invitation.state === "pending" && (
          <button
            type="button"
            className="btn btn-small"
            disabled={revoke.isPending}
            onClick={() => revoke.mutate()}
          >
            Withdraw
          </button>
        )}
      </td>
    </tr>
  );
}

export const peopleHref = (workspace: string) => `/w/${encodeURIComponent(workspace)}/people`;

export function PeoplePage() {
  const { workspace = "" } = useParams();
  useEffect(() => rememberWorkspace(workspace), [workspace]);
  useDocumentTitle("People");
  const [sent, setSent] = useState<InvitationSent | null>(null);
  const [left, setLeft] = useState<{ who: string; cases: OpenCaseView[] } | null>(null);
  const list = useQuery({
    queryKey: queryKeys.people(workspace),
    queryFn: () => endpoints.people(workspace),
  });
  const forbidden = list.error instanceof ApiError && list.error.status === 403;
  const pending = list.data?.invitations.filter((i) => i.state !== "accepted") ?? [];
  return (
    <div className="page people-page">
      <h1 tabIndex={-1} className="page-title">
        People
      </h1>
      <p className="page-lead">
        Who works in this workspace and in which role. Invite people by email; deactivate someone
        who left (they cannot sign in, their sessions and API tokens end at once) and hand off their
        cases.
      </p>
      {list.isPending && <p>Loading people…</p>}
      {forbidden && <p>Only administrators manage people.</p>}
      {list.isError && !forbidden && (
        <p role="alert" className="error-text">
          {errorMessage(list.error)}
        </p>
      )}
      {left && <CasesToHandOff who={left.who} cases={left.cases} onClose={() => setLeft(null)} />}
      {list.isSuccess && (
        <>
          <table className="people-table">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Role</th>
                <th scope="col">State</th>
                <th scope="col">Open cases</th>
                <th scope="col">Last sign-in</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.people.map((p) => (
                <PersonRow
                  key={p.id}
                  workspace={workspace}
                  person={p}
                  roles={list.data.roles}
                  onCasesLeft={(who, cases) => setLeft({ who, cases })}
                />
              ))}
            </tbody>
          </table>
          {sent && (
            <section className="invite-sent" aria-label="Invitation sent">
              <p role="status">
                Invitation mailed to {sent.invitation.email} as {sent.invitation.roleName}; the link
                works once, until {dateTime(sent.invitation.expiresAt)}.
              </p>
              <CopyField
                label="Invitation link"
                value={sent.link}
                hint="If the mail does not reach them, give them this link another way."
              />
            </section>
          )}
          <InviteForm workspace={workspace} roles={list.data.roles} onSent={setSent} />
          {pending.length > 0 && (
            <section aria-labelledby="invitations-title">
              <h2 id="invitations-title">Invitations</h2>
              <table className="people-table">
                <thead>
                  <tr>
                    <th scope="col">Email</th>
                    <th scope="col">Role</th>
                    <th scope="col">State</th>
                    <th scope="col">Link expires</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {pending.map((i) => (
                    <InvitationRow key={i.id} workspace={workspace} invitation={i} />
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </>
      )}
    </div>
  );
}
