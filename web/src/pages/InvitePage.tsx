// The page an invitation link opens (/invite/:token): someone new chooses a name and a password
// and is signed in; someone with an account signs in with it and joins.

import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { ApiError, errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { InvitationOffer } from "../api/types.ts";
import { useAuth } from "../auth/AuthProvider.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";

// The session cookie was just set (or a membership added): load the app afresh with it.
const enter = (workspace: string) =>
  window.location.assign(`/w/${encodeURIComponent(workspace)}/mine`);

function NewAccountForm({ token, offer }: { token: string; offer: InvitationOffer }) {
  const { t } = useTranslation();
  const nameId = useId();
  const passwordId = useId();
  const [name, setName] = useState(offer.name ?? "");
  const [password, setPassword] = useState("");
  const accept = useMutation({
    mutationFn: () => endpoints.acceptInvitation(token, { name: name.trim(), password }),
    onSuccess: (joined) => enter(joined.workspace),
  });
  const fieldError = (field: string) =>
    accept.error instanceof ApiError ? accept.error.fieldMessage(field) : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    accept.mutate();
  };
  return (
    <form onSubmit={submit} aria-label={t("invitePage.join")}>
      <div className="field">
        <label htmlFor={nameId}>{t("invitePage.yourName")}</label>
        <input
          id={nameId}
          required
          maxLength={120}
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={fieldError("name") ? true : undefined}
        />
        {fieldError("name") && (
          <p className="field-error">
            {t("invitePage.nameFielderror", { fieldError: fieldError("name") })}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={passwordId}>{t("invitePage.chooseAPassword")}</label>
        <input
          id={passwordId}
          type="password"
          required
          minLength={10}
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={fieldError("password") ? true : undefined}
        />
        <p className="small muted">{t("invitePage.atLeast10CharactersAnd")}</p>
        {fieldError("password") && (
          <p className="field-error">
            {t("invitePage.passwordFielderror", { fieldError: fieldError("password") })}
          </p>
        )}
      </div>
      {accept.isError && !fieldError("name") && !fieldError("password") && (
        <p role="alert" className="notice notice-error">
          {errorMessage(accept.error)}
        </p>
      )}
      <button type="submit" className="btn btn-primary btn-block" disabled={accept.isPending}>
        {t("invitePage.joinName", { name: offer.workspace.name })}
      </button>
    </form>
  );
}

function ExistingAccount({ token, offer }: { token: string; offer: InvitationOffer }) {
  const { t } = useTranslation();
  const { state } = useAuth();
  const accept = useMutation({
    mutationFn: () => endpoints.acceptInvitation(token, {}),
    onSuccess: (joined) => enter(joined.workspace),
  });
  const signedInAs = state.status === "signedIn" ? state.user.email : null;
  if (signedInAs?.toLowerCase() !== offer.email.toLowerCase())
    return (
      <>
        <p>
          {t("invitePage.emailAlreadyHasABaton", { email: offer.email })}
          {signedInAs ? t("invitePage.youAreSignedInAs", { signedInAs }) : ""}
          {t("invitePage.thenOpenThisLinkAgain")}
        </p>
        <Link
          className="btn btn-primary btn-block"
          to="/sign-in"
          state={{ from: `/invite/${token}` }}
        >
          {t("invitePage.signInAsEmail", { email: offer.email })}
        </Link>
      </>
    );
  return (
    <>
      {accept.isError && (
        <p role="alert" className="notice notice-error">
          {errorMessage(accept.error)}
        </p>
      )}
      <button
        type="button"
        className="btn btn-primary btn-block"
        disabled={accept.isPending}
        onClick={() => accept.mutate()}
      >
        {t("invitePage.joinName", { name: offer.workspace.name })}
      </button>
    </>
  );
}

export function InvitePage() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  useDocumentTitle(t("invitePage.joinBaton"));
  const offer = useQuery({
    queryKey: queryKeys.invitation(token),
    queryFn: () => endpoints.invitation(token),
    retry: false,
  });
  return (
    <main className="sign-in" id="main">
      <div className="sign-in-card">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">B</span> {t("invitePage.baton")}
        </div>
        {offer.isPending && <p>{t("invitePage.openingYourInvitation")}</p>}
        {offer.isError && (
          <>
            <h1 className="sign-in-title">{t("invitePage.thisLinkDoesNotWork")}</h1>
            <p role="alert" className="notice notice-error">
              {offer.error instanceof ApiError && offer.error.status === 404
                ? t("invitePage.noInvitationHasThisLink")
                : errorMessage(offer.error)}
            </p>
            <Link to="/sign-in">{t("invitePage.signIn")}</Link>
          </>
        )}
        {offer.isSuccess && (
          <>
            <h1 className="sign-in-title">
              {t("invitePage.joinName", { name: offer.data.workspace.name })}
            </h1>
            <p>
              {t("invitePage.youAreInvitedAs")} <strong>{offer.data.roleName}</strong>
              {t("invitePage.withEmail", { email: offer.data.email })}
            </p>
            {offer.data.accountExists ? (
              <ExistingAccount token={token} offer={offer.data} />
            ) : (
              <NewAccountForm token={token} offer={offer.data} />
            )}
          </>
        )}
      </div>
    </main>
  );
}
