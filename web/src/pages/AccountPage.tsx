// My account: my API tokens (make, see, revoke) and my password.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { endpoints } from "../api/endpoints.ts";
import { ApiError, errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { CreatedToken, CreateTokenBody } from "../api/types.ts";
import { useAuth } from "../auth/AuthProvider.tsx";
import { TokenTable } from "../components/account/TokenTable.tsx";
import { CopyField } from "../components/CopyField.tsx";
import { useToast } from "../components/Toasts.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";

function NewTokenForm({ onCreated }: { onCreated: (made: CreatedToken) => void }) {
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
    <form className="token-form" onSubmit={submit} aria-label="New API token">
      <h3>Make a token</h3>
      <div className="field">
        <label htmlFor={nameId}>What it is for</label>
        <input
          id={nameId}
          required
          maxLength={80}
          value={name}
          placeholder="Nightly export script"
          onChange={(e) => setName(e.target.value)}
          aria-invalid={fieldError("name") ? true : undefined}
        />
        {fieldError("name") && <p className="field-error">Name {fieldError("name")}</p>}
      </div>
      <div className="field">
        <label htmlFor={scopeId}>It may</label>
        <select
          id={scopeId}
          value={scope}
          onChange={(e) => setScope(e.target.value === "full" ? "full" : "read")}
        >
          <option value="read">Only read</option>
          <option value="full">Do everything I may do</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={daysId}>Expires after (days)</label>
        <input
          id={daysId}
          type="number"
          min={1}
          required
          value={days}
          onChange={(e) => setDays(e.target.value)}
          aria-invalid={fieldError("days") ? true : undefined}
        />
        {fieldError("days") && <p className="field-error">Days {fieldError("days")}</p>}
      </div>
      {create.isError && !fieldError("name") && !fieldError("days") && (
        <p role="alert" className="error-text">
          {errorMessage(create.error)}
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={create.isPending}>
        Make token
      </button>
    </form>
  );
}

function PasswordForm() {
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
        answer.revokedTokens === 1 ? "1 API token" : `${answer.revokedTokens} API tokens`;
      sessionEnded(
        "passwordChanged",
        `Password changed; every session and ${ended} ended. Sign in with the new password.`,
      );
    },
  });
  const fieldError = (field: string) =>
    change.error instanceof ApiError ? change.error.fieldMessage(field) : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate();
  };
  return (
    <form className="password-form" onSubmit={submit} aria-label="Change password">
      <div className="field">
        <label htmlFor={currentId}>Current password</label>
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
          <p className="field-error">Current password {fieldError("currentPassword")}</p>
        )}
      </div>
      <div className="field">
        <label htmlFor={nextId}>New password</label>
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
          <p className="field-error">New password {fieldError("newPassword")}</p>
        )}
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={keepTokens}
          onChange={(e) => setKeepTokens(e.target.checked)}
        />{" "}
        Keep my API tokens working (otherwise they end with the old password)
      </label>
      {change.isError && !fieldError("currentPassword") && !fieldError("newPassword") && (
        <p role="alert" className="error-text">
          {errorMessage(change.error)}
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={change.isPending}>
        Change password
      </button>
    </form>
  );
}

export function AccountPage() {
  useDocumentTitle("My account");
  const client = useQueryClient();
  const { notify } = useToast();
  const [made, setMade] = useState<CreatedToken | null>(null);
  const tokens = useQuery({ queryKey: queryKeys.myTokens, queryFn: () => endpoints.myTokens() });
  const revoke = useMutation({
    mutationFn: (id: string) => endpoints.revokeMyToken(id),
    onSuccess: () => {
      notify("The token was revoked.");
      void client.invalidateQueries({ queryKey: queryKeys.myTokens });
    },
    onError: (error) => notify(errorMessage(error), "error"),
  });
  return (
    <div className="page account-page">
      <h1 tabIndex={-1} className="page-title">
        My account
      </h1>
      <section aria-labelledby="tokens-title">
        <h2 id="tokens-title">API tokens</h2>
        <p className="page-lead">
          Scripts and integrations sign in with a token: <code>Authorization: Bearer …</code>. A
          token acts as you, for as long as it lives; make it read-only where it only reads.
        </p>
        {tokens.isPending && <p>Loading tokens…</p>}
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
          <section className="token-created" aria-label="Token made">
            <p role="status">
              Made “{made.name}” ({made.scope === "read" ? "read only" : "full"}), expiring{" "}
              {new Date(made.expiresAt).toLocaleDateString()}.
            </p>
            <CopyField
              label="Token"
              value={made.token}
              hint="Shown this once: copy it into your script's secret store now."
            />
          </section>
        )}
        <NewTokenForm onCreated={setMade} />
      </section>
      <section aria-labelledby="password-title">
        <h2 id="password-title">Password</h2>
        <p>Changing it signs you out everywhere, this page too.</p>
        <PasswordForm />
      </section>
    </div>
  );
}
