// People (admins): the workspace's members with their roles, invitations by email, deactivation
// and removal with the cases left to hand off (docs/people.md).

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation();
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
    <form className="invite-form" onSubmit={submit} aria-label={t("peoplePage.inviteSomeone")}>
      <h2>{t("peoplePage.inviteSomeone")}</h2>
      <div className="field">
        <label htmlFor={emailId}>{t("peoplePage.email")}</label>
        <input
          id={emailId}
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={fieldError("email") ? true : undefined}
        />
        {fieldError("email") && (
          <p className="field-error">
            {t("peoplePage.emailFielderror", { fieldError: fieldError("email") })}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={nameId}>{t("peoplePage.nameOptional")}</label>
        <input id={nameId} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={roleId}>{t("peoplePage.role")}</label>
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
        {t("peoplePage.sendInvitation")}
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
  const { t } = useTranslation();
  const client = useQueryClient();
  const { notify } = useToast();
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.people(workspace) });
  const resend = useMutation({
    mutationFn: () => endpoints.resendInvitation(workspace, invitation.id, invitation.version),
    onSuccess: () => {
      notify(t("peoplePage.aNewLinkWentTo", { email: invitation.email }));
      void refresh();
    },
    onError: (error) => notify(errorMessage(error), "error"),
  });
  const revoke = useMutation({
    mutationFn: () => endpoints.revokeInvitation(workspace, invitation.id, invitation.version),
    onSuccess: () => {
      notify(t("peoplePage.theInvitationToEmailWas", { email: invitation.email }));
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
            {t("peoplePage.sendAgain")}
          </button>
        )}{" "}
        {invitation.state === "pending" && (
          <button
            type="button"
            className="btn btn-small"
            disabled={revoke.isPending}
            onClick={() => revoke.mutate()}
          >
            {t("peoplePage.withdraw")}
          </button>
        )}
      </td>
    </tr>
  );
}

export const peopleHref = (workspace: string) => `/w/${encodeURIComponent(workspace)}/people`;

export function PeoplePage() {
  const { t } = useTranslation();
  const { workspace = "" } = useParams();
  useEffect(() => rememberWorkspace(workspace), [workspace]);
  useDocumentTitle(t("peoplePage.people"));
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
        {t("peoplePage.people")}
      </h1>
      <p className="page-lead">{t("peoplePage.whoWorksInThisWorkspace")}</p>
      {list.isPending && <p>{t("peoplePage.loadingPeople")}</p>}
      {forbidden && <p>{t("peoplePage.onlyAdministratorsManagePeople")}</p>}
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
                <th scope="col">{t("peoplePage.person")}</th>
                <th scope="col">{t("peoplePage.role")}</th>
                <th scope="col">{t("peoplePage.state")}</th>
                <th scope="col">{t("peoplePage.openCases")}</th>
                <th scope="col">{t("peoplePage.lastSignIn")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("peoplePage.actions")}</span>
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
            <section className="invite-sent" aria-label={t("peoplePage.invitationSent")}>
              <p role="status">
                {t("peoplePage.invitationMailedToEmailAs", {
                  email: sent.invitation.email,
                  roleName: sent.invitation.roleName,
                  dateTime: dateTime(sent.invitation.expiresAt),
                })}
              </p>
              <CopyField
                label={t("peoplePage.invitationLink")}
                value={sent.link}
                hint={t("peoplePage.ifTheMailDoesNot")}
              />
            </section>
          )}
          <InviteForm workspace={workspace} roles={list.data.roles} onSent={setSent} />
          {pending.length > 0 && (
            <section aria-labelledby="invitations-title">
              <h2 id="invitations-title">{t("peoplePage.invitations")}</h2>
              <table className="people-table">
                <thead>
                  <tr>
                    <th scope="col">{t("peoplePage.email")}</th>
                    <th scope="col">{t("peoplePage.role")}</th>
                    <th scope="col">{t("peoplePage.state")}</th>
                    <th scope="col">{t("peoplePage.linkExpires")}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t("peoplePage.actions")}</span>
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
