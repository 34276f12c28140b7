// My team mail by topic, per workspace (issue 17): each switch turns one topic's email on or off;
// the in-app notification comes either way. Customer mail and mail about my own account are not
// listed: they always go.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { endpoints } from "../../api/endpoints.ts";
import { ApiError, errorMessage } from "../../api/errors.ts";
import { queryKeys } from "../../api/queryKeys.ts";
import type { MailPreferences } from "../../api/types.ts";
import { useToast } from "../Toasts.tsx";

/** The topic's name in the reader's language; a topic this build does not know, as the server says. */
function useTopicName() {
  const { t } = useTranslation();
  const names: Record<string, string> = {
    owner_briefing: t("mailTopics.ownerBriefing"),
    dispatch_request: t("mailTopics.dispatchRequest"),
    mention: t("mailTopics.mention"),
    approval_request: t("mailTopics.approvalRequest"),
    team_handoff: t("mailTopics.teamHandoff"),
    handover_escalation: t("mailTopics.handoverEscalation"),
    clock_alert: t("mailTopics.clockAlert"),
    call_alert: t("mailTopics.callAlert"),
    development_owner_update: t("mailTopics.developmentOwnerUpdate"),
    follow_up_due: t("mailTopics.followUpDue"),
  };
  return (topic: { topic: string; title: string }) => names[topic.topic] ?? topic.title;
}

function WorkspaceTopics({ choice, showName }: { choice: MailPreferences; showName: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const { notify } = useToast();
  const name = useTopicName();
  const save = useMutation({
    mutationFn: (offTopics: string[]) =>
      endpoints.setMyMailPreferences(choice.workspace, { version: choice.version, offTopics }),
    onSuccess: (saved) =>
      client.setQueryData(queryKeys.myMailPreferences, (old: { items: MailPreferences[] }) => ({
        items: old.items.map((i) => (i.workspace === saved.workspace ? saved : i)),
      })),
    onError: (error) => {
      // Changed in another tab or by a message's link: show what is stored now.
      if (error instanceof ApiError && error.isConflict) notify(t("mailTopics.changedElsewhere"));
      else notify(errorMessage(error), "error");
      void client.invalidateQueries({ queryKey: queryKeys.myMailPreferences });
    },
  });
  const off = choice.topics.filter((x) => !x.on).map((x) => x.topic);
  return (
    <fieldset className="mail-topics" aria-describedby={`${id}-hint`}>
      <legend>{showName ? choice.name : t("mailTopics.teamMail")}</legend>
      <p id={`${id}-hint`} className="hint">
        {t("mailTopics.hint")}
      </p>
      {choice.topics.map((topic) => (
        <span className="field-check" key={topic.topic}>
          <input
            id={`${id}-${topic.topic}`}
            type="checkbox"
            role="switch"
            aria-checked={topic.on}
            checked={topic.on}
            disabled={save.isPending}
            onChange={(e) =>
              save.mutate(
                e.target.checked ? off.filter((x) => x !== topic.topic) : [...off, topic.topic],
              )
            }
          />
          <label htmlFor={`${id}-${topic.topic}`}>{name(topic)}</label>
        </span>
      ))}
    </fieldset>
  );
}

export function MailTopics() {
  const { t } = useTranslation();
  const mine = useQuery({
    queryKey: queryKeys.myMailPreferences,
    queryFn: () => endpoints.myMailPreferences(),
  });
  if (mine.isPending) return <p>{t("mailTopics.loading")}</p>;
  if (mine.isError)
    return (
      <p role="alert" className="error-text">
        {errorMessage(mine.error)}
      </p>
    );
  const many = mine.data.items.length > 1;
  return (
    <>
      {mine.data.items.map((choice) => (
        <WorkspaceTopics key={choice.workspace} choice={choice} showName={many} />
      ))}
    </>
  );
}
