// My account: language and look, which team mail I get, my API tokens (make, see, revoke) and my
// password.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { endpoints } from "../api/endpoints.ts";
import { ApiError, errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { CreatedToken, CreateTokenBody } from "../api/types.ts";
import { useAuth } from "../auth/AuthProvider.tsx";
import { MailTopics } from "../components/account/MailTopics.tsx";
import { LanguageSelect, ThemeSelect } from "../components/account/Preferences.tsx";
import { TokenTable } from "../components/account/TokenTable.tsx";
import { CopyField } from "../components/CopyField.tsx";
import { useToast } from "../components/Toasts.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { activeLocale } from "../i18n/locale.ts";

function NewTokenForm({ onCreated }: { onCreated: (made: CreatedToken) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const nameId = useId();
  const scopeId = useId();
  const daysId = useId();
  const [name, setName] = useState("");
  const [scope, setScope] = useState<"read" | "full">("read");
  const [days, setDays] = useState("90");
  const create = useMutation({
    mutationFn: (body: CreateTokenBody) => endpoints.createToken(body),
    onSuccess: (made) => {
      setName("");
      void client.invalidateQueries({ queryKey: queryKeys.myTokens });
      onCreated(made);
    },
  });
  const fieldError = (field: string) =>
    create.error instanceof ApiError ? create.error.fieldMessage(field) : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name: name.trim(), scope, days: Number(days) });
  };
  return (
    <form className="token-form" onSubmit={submit} aria-label={t("accountPage.newApiToken")}>
      <h3>{t("accountPage.makeAToken")}</h3>
      <div className="field">
        <label htmlFor={nameId}>{t("accountPage.whatItIsFor")}</label>
        <input
          id={nameId}
          required
          maxLength={80}
          value={name}
          placeholder={t("accountPage.nightlyExportScript")}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={fieldError("name") ? true : undefined}
        />
        {fieldError("name") && (
          <p className="field-error">
            {t("accountPage.nameFielderror", { fieldError: fieldError("name") })}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={scopeId}>{t("accountPage.itMay")}</label>
        <select
          id={scopeId}
          value={scope}
          onChange={(e) => setScope(e.target.value === "full" ? "full" : "read")}
        >
          <option value="read">{t("accountPage.onlyRead")}</option>
          <option value="full">{t("accountPage.doEverythingIMayDo")}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={daysId}>{t("accountPage.expiresAfterDays")}</label>
        <input
          id={daysId}
          type="number"
          min={1}
          required
          value={days}
          onChange={(e) => setDays(e.target.value)}
          aria-invalid={fieldError("days") ? true : undefined}
        />
        {fieldError("days") && (
          <p className="field-error">
            {t("accountPage.daysFielderror", { fieldError: fieldError("days") })}
          </p>
        )}
      </div>
      {create.isError && !fieldError("name") && !fieldError("days") && (
        <p role="alert" className="error-text">
          {errorMessage(create.error)}
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={create.isPending}>
        {t("accountPage.makeToken")}
      </button>
    </form>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const { sessionEnded } = useAuth();
  const currentId = useId();
  const nextId = useId();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [keepTokens, setKeepTokens] = useState(false);
  const change = useMutation({
    mutationFn: () =>
      endpoints.changePassword({ currentPassword: current, newPassword: next, keepTokens }),
    onSuccess: (answer) => {
      // Every session ended with the old password, this one too: sign in with the new one.
      const ended =
        answer.revokedTokens === 1
          ? t("accountPage.n1ApiToken")
          : t("accountPage.revokedtokensApiTokens", { revokedTokens: answer.revokedTokens });
      sessionEnded("passwordChanged", t("accountPage.passwordChangedEverySessionAnd", { ended }));
    },
  });
  const fieldError = (field: string) =>
    change.error instanceof ApiError ? change.error.fieldMessage(field) : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate();
  };
  return (
    <form className="password-form" onSubmit={submit} aria-label={t("accountPage.changePassword")}>
      <div className="field">
        <label htmlFor={currentId}>{t("accountPage.currentPassword")}</label>
        <input
          id={currentId}
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          aria-invalid={fieldError("currentPassword") ? true : undefined}
        />
        {fieldError("currentPassword") && (
          <p className="field-error">
            {t("accountPage.currentPasswordFielderror", {
              fieldError: fieldError("currentPassword"),
            })}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={nextId}>{t("accountPage.newPassword")}</label>
        <input
          id={nextId}
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          aria-invalid={fieldError("newPassword") ? true : undefined}
        />
        {fieldError("newPassword") && (
          <p className="field-error">
            {t("accountPage.newPasswordFielderror", { fieldError: fieldError("newPassword") })}
          </p>
        )}
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={keepTokens}
          onChange={(e) => setKeepTokens(e.target.checked)}
        />{" "}
        {t("accountPage.keepMyApiTokensWorking")}
      </label>
      {change.isError && !fieldError("currentPassword") && !fieldError("newPassword") && (
        <p role="alert" className="error-text">
          {errorMessage(change.error)}
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={change.isPending}>
        {t("accountPage.changePassword")}
      </button>
    </form>
  );
}

export function AccountPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("accountPage.myAccount"));
  const client = useQueryClient();
  const { notify } = useToast();
  const [made, setMade] = useState<CreatedToken | null>(null);
  const tokens = useQuery({ queryKey: queryKeys.myTokens, queryFn: () => endpoints.myTokens() });
  const revoke = useMutation({
    mutationFn: (id: string) => endpoints.revokeMyToken(id),
    onSuccess: () => {
      notify(t("accountPage.theTokenWasRevoked"));
      void client.invalidateQueries({ queryKey: queryKeys.myTokens });
    },
    onError: (error) => notify(errorMessage(error), "error"),
  });
  return (
    <div className="page account-page">
      <h1 tabIndex={-1} className="page-title">
        {t("accountPage.myAccount")}
      </h1>
      <section aria-labelledby="preferences-title">
        <h2 id="preferences-title">{t("preferences.title")}</h2>
        <p>{t("preferences.lead")}</p>
        <div className="preferences">
          <LanguageSelect />
          <ThemeSelect />
        </div>
      </section>
      <section aria-labelledby="mail-title">
        <h2 id="mail-title">{t("mailTopics.title")}</h2>
        <MailTopics />
      </section>
      <section aria-labelledby="tokens-title">
        <h2 id="tokens-title">{t("accountPage.apiTokens")}</h2>
        <p className="page-lead">
          {t("accountPage.scriptsAndIntegrationsSignIn")}{" "}
          <code>{t("accountPage.authorizationBearer")}</code>
          {t("accountPage.aTokenActsAsYou")}
        </p>
        {tokens.isPending && <p>{t("accountPage.loadingTokens")}</p>}
        {tokens.isError && (
          <p role="alert" className="error-text">
            {errorMessage(tokens.error)}
          </p>
        )}
        {tokens.isSuccess && (
          <TokenTable
            tokens={tokens.data.items}
            showOwner={false}
            onRevoke={(id) => revoke.mutate(id)}
            pending={revoke.isPending}
          />
        )}
        {made && (
          <section className="token-created" aria-label={t("accountPage.tokenMade")}>
            <p role="status">
              {t("accountPage.madeName", { name: made.name })}
              {made.scope === "read" ? t("accountPage.readOnly") : t("accountPage.full")}
              {t("accountPage.expiringTolocaledatestring", {
                toLocaleDateString: new Date(made.expiresAt).toLocaleDateString(activeLocale()),
              })}
            </p>
            <CopyField
              label={t("accountPage.token")}
              value={made.token}
              hint={t("accountPage.shownThisOnceCopyIt")}
            />
          </section>
        )}
        <NewTokenForm onCreated={setMade} />
      </section>
      <section aria-labelledby="password-title">
        <h2 id="password-title">{t("accountPage.password")}</h2>
        <p>{t("accountPage.changingItSignsYouOut")}</p>
        <PasswordForm />
      </section>
    </div>
  );
}
