// One member on the People page: role, state, open cases, and what an admin may do to them.

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { endpoints } from "../../api/endpoints.ts";
import { errorMessage } from "../../api/errors.ts";
import { queryKeys } from "../../api/queryKeys.ts";
import type { OpenCaseView, PeopleList, PersonView } from "../../api/types.ts";
import { dateTime } from "../../lib/format.ts";
import { Dialog } from "../Dialog.tsx";
import { useToast } from "../Toasts.tsx";

type Ending = "deactivate" | "remove";

// Message keys.
const ENDING_TEXT: Record<Ending, { title: string; body: string; button: string }> = {
  deactivate: {
    title: "personRow.deactivateTitle",
    body: "personRow.deactivateBody",
    button: "personRow.deactivateButton",
  },
  remove: {
    title: "personRow.removeTitle",
    body: "personRow.removeBody",
    button: "personRow.removeButton",
  },
};

export function PersonRow({
  workspace,
  person,
  roles,
  onCasesLeft,
}: {
  workspace: string;
  person: PersonView;
  roles: PeopleList["roles"];
  onCasesLeft: (who: string, cases: OpenCaseView[]) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { notify } = useToast();
  const [ending, setEnding] = useState<Ending | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.people(workspace) });
  const failed = (error: unknown) => {
    notify(errorMessage(error), "error");
    void refresh();
  };
  const role = useMutation({
    mutationFn: (next: string) => endpoints.changeRole(workspace, person.id, next, person.version),
    onSuccess: (p) => {
      notify(t("personRow.nameIsNowRolename", { name: p.name, roleName: p.roleName }));
      void refresh();
    },
    onError: failed,
  });
  const end = useMutation({
    mutationFn: async (how: Ending) =>
      how === "deactivate"
        ? (await endpoints.deactivatePerson(workspace, person.id, person.version)).openCases
        : (await endpoints.removePerson(workspace, person.id, person.version)).openCases,
    onSuccess: (cases, how) => {
      setEnding(null);
      notify(
        how === "deactivate"
          ? t("personRow.nameWasDeactivated", { name: person.name })
          : t("personRow.nameWasRemoved", { name: person.name }),
      );
      onCasesLeft(person.name, cases);
      void refresh();
    },
    onError: (error) => {
      setEnding(null);
      failed(error);
    },
  });
  const reactivate = useMutation({
    mutationFn: () => endpoints.reactivatePerson(workspace, person.id, person.version),
    onSuccess: () => {
      notify(t("personRow.nameMaySignInAgain", { name: person.name }));
      void refresh();
    },
    onError: failed,
  });
  const text = ending ? ENDING_TEXT[ending] : null;
  return (
    <tr data-person={person.email} data-active={person.active ? "yes" : "no"}>
      <td>
        {person.name} {person.you && <span className="muted small">{t("personRow.you")}</span>}
        <br />
        <span className="muted small">{person.email}</span>
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`role-${person.id}`}>
          {t("personRow.roleOfName", { name: person.name })}
        </label>
        <select
          id={`role-${person.id}`}
          value={person.role}
          disabled={role.isPending}
          onChange={(e) => role.mutate(e.target.value)}
        >
          {roles.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </td>
      <td>{person.active ? t("personRow.active") : t("personRow.deactivated")}</td>
      <td>{person.openCases}</td>
      <td>{person.lastSignInAt ? dateTime(person.lastSignInAt) : t("personRow.never")}</td>
      <td className="person-actions">
        {!person.you &&
          (person.active ? (
            <button type="button" className="btn btn-small" onClick={() => setEnding("deactivate")}>
              {t("personRow.deactivate")}
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-small"
              disabled={reactivate.isPending}
              onClick={() => reactivate.mutate()}
            >
              {t("personRow.reactivate")}
            </button>
          ))}{" "}
        <button type="button" className="btn btn-small" onClick={() => setEnding("remove")}>
          {t("personRow.remove")}
        </button>
        {text && ending && (
          <Dialog
            open
            onClose={() => setEnding(null)}
            title={t("personRow.endingTitle", { action: t(text.title), name: person.name })}
          >
            <p>{t(text.body)}</p>
            {person.openCases > 0 && (
              <p>
                {t("personRow.theyHoldOpencasesOpen", { openCases: person.openCases })}{" "}
                {person.openCases === 1 ? t("personRow.case") : t("personRow.cases")}{" "}
                {t("personRow.hereTheNextScreenLists")}
              </p>
            )}
            <div className="dialog-actions">
              <button
                type="button"
                className="btn btn-primary"
                disabled={end.isPending}
                onClick={() => end.mutate(ending)}
              >
                {t(text.button)}
              </button>{" "}
              <button type="button" className="btn" onClick={() => setEnding(null)}>
                {t("personRow.cancel")}
              </button>
            </div>
          </Dialog>
        )}
      </td>
    </tr>
  );
}

export function CasesToHandOff({
  who,
  cases,
  onClose,
}: {
  who: string;
  cases: OpenCaseView[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="cases-left" aria-label={t("personRow.casesToHandOff")} aria-live="polite">
      <h2>
        {cases.length === 0
          ? t("personRow.whoHoldsNoOpenCases", { who })
          : t("personRow.whoStillHoldsOpenCases", { who, count: cases.length })}
      </h2>
      {cases.length > 0 && (
        <>
          <p>{t("personRow.handEachToSomeoneOpen")}</p>
          <ul>
            {cases.map((c) => (
              <li key={c.number}>
                <Link to={`/cases/${c.number}`}>
                  #{c.number} {c.subject}
                </Link>{" "}
                <span className="muted small">
                  ({c.role === "owner" ? t("personRow.owner") : t("personRow.secondaryOwner")},{" "}
                  {c.workspace})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" className="btn btn-small" onClick={onClose}>
        {t("personRow.done")}
      </button>
    </section>
  );
}
