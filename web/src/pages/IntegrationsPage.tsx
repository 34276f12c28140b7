// Integrations (admins): where a workspace's events go besides email — signed webhooks and
// Slack/Teams chat channels (docs/notifications.md, Webhooks and Chat).

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import i18next from "i18next";
import { type FormEvent, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { ApiError, errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { WebhookSubscription } from "../api/types.ts";
import { CopyField } from "../components/CopyField.tsx";
import { Dialog } from "../components/Dialog.tsx";
import { useToast } from "../components/Toasts.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { rememberWorkspace } from "../hooks/workspace.ts";
import { dateTime } from "../lib/format.ts";
import { messagesHref } from "./MessagesPage.tsx";

export const integrationsHref = (workspace: string) =>
  `/w/${encodeURIComponent(workspace)}/integrations`;

const FORMAT_LABELS: Record<string, string> = {
  baton: "integrationsPage.formatBaton",
  slack: "integrationsPage.formatSlack",
  teams: "integrationsPage.formatTeams",
  local: "integrationsPage.formatLocal",
};
const formatLabel = (format: string) => {
  const key = FORMAT_LABELS[format];
  return key ? i18next.t(key) : format;
};

function CreateForm({
  workspace,
  onCreated,
}: {
  workspace: string;
  onCreated: (made: WebhookSubscription) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const urlId = useId();
  const formatId = useId();
  const [url, setUrl] = useState("");
  const [format, setFormat] = useState("slack");
  const [events, setEvents] = useState<string[]>(["transfer.completed"]);
  const options = useQuery({
    queryKey: queryKeys.webhookEvents,
    queryFn: () => endpoints.webhookEvents(),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const create = useMutation({
    mutationFn: () => endpoints.createWebhook(workspace, { url: url.trim(), format, events }),
    onSuccess: (made) => {
      setUrl("");
      void client.invalidateQueries({ queryKey: queryKeys.webhooks(workspace) });
      onCreated(made);
    },
  });
  const error = create.error;
  const fieldError = (field: string) =>
    error instanceof ApiError ? error.fieldMessage(field) : undefined;
  const all = events.includes("*");
  const toggle = (event: string, on: boolean) =>
    setEvents((now) => (on ? [...now, event] : now.filter((e) => e !== event)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };

  return (
    <form
      className="integration-form"
      onSubmit={submit}
      aria-label={t("integrationsPage.newSubscription")}
    >
      <h2>{t("integrationsPage.addASubscription")}</h2>
      <div className="field">
        <label htmlFor={urlId}>URL</label>
        <input
          id={urlId}
          type="url"
          required
          value={url}
          placeholder="https://hooks.slack.com/services/…"
          onChange={(e) => setUrl(e.target.value)}
          aria-invalid={fieldError("url") ? true : undefined}
        />
        {fieldError("url") && (
          <p className="field-error">
            {t("integrationsPage.urlFielderror", { fieldError: fieldError("url") })}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={formatId}>{t("integrationsPage.format")}</label>
        <select id={formatId} value={format} onChange={(e) => setFormat(e.target.value)}>
          {(options.data?.formats ?? ["baton", "slack", "teams"]).map((f) => (
            <option key={f} value={f}>
              {formatLabel(f)}
            </option>
          ))}
        </select>
        <span className="hint">
          {format === "baton"
            ? t("integrationsPage.batonSJsonEventSigned")
            : format === "local"
              ? t("integrationsPage.localChannelHint")
              : t("integrationsPage.webhookUrlHint")}
        </span>
      </div>
      <fieldset className="field">
        <legend>{t("integrationsPage.events")}</legend>
        <label className="field-check">
          <input type="checkbox" checked={all} onChange={(e) => toggle("*", e.target.checked)} />{" "}
          {t("integrationsPage.allEvents")}
        </label>
        {options.isError && <p className="error-text">{errorMessage(options.error)}</p>}
        {(options.data?.events ?? []).map((event) => (
          <label key={event} className="field-check">
            <input
              type="checkbox"
              disabled={all}
              checked={all || events.includes(event)}
              onChange={(e) => toggle(event, e.target.checked)}
            />{" "}
            {event}
          </label>
        ))}
        {fieldError("events") && (
          <p className="field-error">
            {t("integrationsPage.eventsFielderror", { fieldError: fieldError("events") })}
          </p>
        )}
      </fieldset>
      {error && !fieldError("url") && !fieldError("events") && (
        <p role="alert" className="error-text">
          {errorMessage(error)}
        </p>
      )}
      <button
        type="submit"
        className="btn btn-primary"
        disabled={create.isPending || events.length === 0}
      >
        {t("integrationsPage.addSubscription")}
      </button>
    </form>
  );
}

function Row({ sub, workspace }: { sub: WebhookSubscription; workspace: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { notify } = useToast();
  const [confirming, setConfirming] = useState(false);
  const ping = useMutation({
    mutationFn: () => endpoints.pingWebhook(sub.id),
    // The log lists the ping at once, not after its cached page goes stale.
    onSuccess: () => void client.invalidateQueries({ queryKey: ["deliveries"] }),
  });
  const remove = useMutation({
    mutationFn: () => endpoints.deleteWebhook(sub.id),
    onSuccess: () => {
      setConfirming(false);
      notify(t("integrationsPage.theSubscriptionWasDeactivated"));
      void client.invalidateQueries({ queryKey: queryKeys.webhooks(workspace) });
    },
    onError: (error) => notify(errorMessage(error), "error"),
  });
  return (
    <tr data-subscription={sub.id}>
      <td className="integration-url">
        {sub.url}
        {sub.format === "local" && (
          <>
            {" "}
            <Link to={`${messagesHref(workspace)}?channel=chat`}>
              {t("integrationsPage.readThePosts")}
            </Link>
          </>
        )}
      </td>
      <td>{formatLabel(sub.format)}</td>
      <td>{sub.events.includes("*") ? t("integrationsPage.allEvents") : sub.events.join(", ")}</td>
      <td>{sub.active ? t("integrationsPage.active") : t("integrationsPage.inactive")}</td>
      <td title={dateTime(sub.createdAt)}>{dateTime(sub.createdAt)}</td>
      <td>
        <button
          type="button"
          className="btn btn-small"
          disabled={ping.isPending}
          onClick={() => ping.mutate()}
        >
          {t("integrationsPage.ping")}
        </button>{" "}
        <button type="button" className="btn btn-small" onClick={() => setConfirming(true)}>
          {t("integrationsPage.deactivate")}
        </button>
        <span aria-live="polite" className="integration-ping">
          {ping.isSuccess && (
            <>
              {t("integrationsPage.pingQueued")}{" "}
              <Link to={messagesHref(workspace, ping.data.deliveryId)}>
                {t("integrationsPage.seeMessageDeliveryid", { deliveryId: ping.data.deliveryId })}
              </Link>
            </>
          )}
          {ping.isError && <span className="error-text"> {errorMessage(ping.error)}</span>}
        </span>
        <Dialog
          open={confirming}
          onClose={() => setConfirming(false)}
          title={t("integrationsPage.deactivateThisSubscription")}
        >
          <p>
            {t("integrationsPage.nothingMoreIsPostedTo")} <code>{sub.url}</code>
            {t("integrationsPage.messagesStillWaitingForIt")}
          </p>
          <div className="dialog-actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={remove.isPending}
              onClick={() => remove.mutate()}
            >
              {t("integrationsPage.deactivate")}
            </button>{" "}
            <button type="button" className="btn" onClick={() => setConfirming(false)}>
              {t("integrationsPage.cancel")}
            </button>
          </div>
        </Dialog>
      </td>
    </tr>
  );
}

export function IntegrationsPage() {
  const { t } = useTranslation();
  const { workspace = "" } = useParams();
  const [created, setCreated] = useState<WebhookSubscription | null>(null);
  useEffect(() => rememberWorkspace(workspace), [workspace]);
  useDocumentTitle(t("integrationsPage.integrations"));
  const list = useQuery({
    queryKey: queryKeys.webhooks(workspace),
    queryFn: ({ signal }) => endpoints.webhooks(workspace, signal),
  });
  const forbidden = list.error instanceof ApiError && list.error.status === 403;

  return (
    <div className="page integrations-page">
      <h1 tabIndex={-1} className="page-title">
        {t("integrationsPage.integrations")}
      </h1>
      <p className="page-lead">
        {t("integrationsPage.whereThisWorkspaceSCase")}{" "}
        <Link to={`${messagesHref(workspace)}`}>{t("integrationsPage.messages")}</Link>.
      </p>
      {list.isPending && <p>{t("integrationsPage.loadingSubscriptions")}</p>}
      {forbidden && <p>{t("integrationsPage.onlyAdministratorsManageIntegrations")}</p>}
      {list.isError && !forbidden && (
        <p role="alert" className="error-text">
          {errorMessage(list.error)}
        </p>
      )}
      {list.isSuccess && list.data.items.length === 0 && (
        <p>{t("integrationsPage.noSubscriptionsYet")}</p>
      )}
      {list.isSuccess && list.data.items.length > 0 && (
        <table className="data-table integrations-table">
          <thead>
            <tr>
              <th scope="col">URL</th>
              <th scope="col">{t("integrationsPage.format")}</th>
              <th scope="col">{t("integrationsPage.events")}</th>
              <th scope="col">{t("integrationsPage.state")}</th>
              <th scope="col">{t("integrationsPage.created")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("integrationsPage.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((sub) => (
              <Row key={sub.id} sub={sub} workspace={workspace} />
            ))}
          </tbody>
        </table>
      )}
      {created && (
        <section
          className="integration-created"
          aria-label={t("integrationsPage.subscriptionAdded")}
        >
          <p role="status">
            {t("integrationsPage.addedFormatlabelUrl", {
              formatLabel: formatLabel(created.format),
              url: created.url,
            })}
          </p>
          {created.secret && (
            <CopyField
              label={t("integrationsPage.signingSecret")}
              value={created.secret}
              hint={t("integrationsPage.shownThisOnceKeepIt")}
            />
          )}
        </section>
      )}
      {!forbidden && <CreateForm workspace={workspace} onCreated={setCreated} />}
      {!forbidden && <TrackerSection workspace={workspace} />}
    </div>
  );
}

/**
 * The team's tracker posts development's stages back onto cases (docs/development.md): the
 * address to give it and the signing secret, made anew (and shown once) here.
 */
function TrackerSection({ workspace }: { workspace: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const hook = useQuery({
    queryKey: ["tracker-hook", workspace],
    queryFn: () => endpoints.trackerHook(workspace),
  });
  const [made, setMade] = useState<string | null>(null);
  const rotate = useMutation({
    mutationFn: () => endpoints.rotateTrackerSecret(workspace),
    onSuccess: async (answer) => {
      setMade(answer.secret);
      await client.invalidateQueries({ queryKey: ["tracker-hook", workspace] });
    },
  });
  const data = hook.data;
  return (
    <section aria-labelledby="tracker-title" className="tracker-hook">
      <h2 id="tracker-title">{t("integrationsPage.issueTracker")}</h2>
      <p>
        {t("integrationsPage.yourTrackerPostsDevelopmentS")}{" "}
        {data ? data.stages.map((s) => `${s.code} (${s.name})`).join(", ") : "…"}.
      </p>
      {data && (
        <>
          <CopyField
            label={t("integrationsPage.webhookAddress")}
            value={`${window.location.origin}${data.path}`}
          />
          <p className="small">
            {data.configured
              ? t("integrationsPage.aSecretWasMadeDatetime", {
                  dateTime: dateTime(data.createdAt ?? ""),
                })
              : t("integrationsPage.noSecretYetTheTracker")}
          </p>
        </>
      )}
      {made && (
        <CopyField
          label={t("integrationsPage.trackerSigningSecret")}
          value={made}
          hint={t("integrationsPage.shownThisOnceThePrevious")}
        />
      )}
      {rotate.isError && (
        <p role="alert" className="field-error">
          {errorMessage(rotate.error)}
        </p>
      )}
      <button
        type="button"
        className="btn"
        onClick={() => rotate.mutate()}
        disabled={rotate.isPending}
      >
        {data?.configured
          ? t("integrationsPage.makeANewSecret")
          : t("integrationsPage.makeTheSecret")}
      </button>
    </section>
  );
}
