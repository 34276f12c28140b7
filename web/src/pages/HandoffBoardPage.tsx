// A region's handoff board (S1.2, S1.5, S0.2): which regions are on duty, the 24x7 cases whose
// owner's shift ends soon, cases waiting for the region, customers it does not serve, and cases
// left behind at a shift's end. Refreshed every minute, on focus and by live case events; `?at=`
// looks ahead (or back) to another instant.

import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useParams, useSearchParams } from "react-router";
import { errorMessage } from "../api/errors.ts";
import { useUser } from "../auth/AuthProvider.tsx";
import {
  EndingSoonSection,
  EscalationsSection,
  NotServedSection,
  WaitingSection,
} from "../components/HandoffBoardSections.tsx";
import { RegionsOnDutyStrip } from "../components/RegionsOnDuty.tsx";
import { useHandoffBoard, useRegionsOnDuty, useViewerZone } from "../hooks/followTheSun.ts";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { rememberWorkspace, useAgents, usePolicy } from "../hooks/workspace.ts";
import { defaultRegion } from "../lib/followTheSun.ts";
import { labelIn } from "../lib/policy.ts";
import {
  clockTime,
  dayAndTime,
  instantToZoned,
  zonedToInstant,
  zoneName,
} from "../lib/zonedTime.ts";

export const boardHref = (workspace: string, region?: string, at?: string | null) =>
  `/w/${encodeURIComponent(workspace)}/board${region ? `/${encodeURIComponent(region)}` : ""}${
    at ? `?${new URLSearchParams({ at })}` : ""
  }`;

export function HandoffBoardPage() {
  const { workspace = "", region } = useParams();
  useEffect(() => rememberWorkspace(workspace), [workspace]);
  if (!region) return <OpenDefaultRegion workspace={workspace} />;
  return <Board workspace={workspace} region={region} />;
}

/** /w/:workspace/board opens the person's own region's board. */
function OpenDefaultRegion({ workspace }: { workspace: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const policy = usePolicy(workspace);
  const agents = useAgents(workspace);
  const duty = useRegionsOnDuty(workspace, null);
  useDocumentTitle(t("handoffBoardPage.handoffBoard"));
  const settled = policy.data && !agents.isPending && !duty.isPending;
  const mine = agents.data?.find((a) => a.id === user.id)?.region;
  const region = policy.data
    ? defaultRegion(policy.data.regions, mine, duty.data?.regions ?? [])
    : null;
  if (settled && region) return <Navigate to={boardHref(workspace, region)} replace />;
  return (
    <div className="page">
      <h1 tabIndex={-1} className="page-title">
        {t("handoffBoardPage.handoffBoard")}
      </h1>
      {policy.isError ? (
        <p className="notice notice-error" role="alert">
          {t("handoffBoardPage.couldNotLoadTheWorkspace", {
            errorMessage: errorMessage(policy.error),
          })}
        </p>
      ) : settled ? (
        <p className="empty">{t("handoffBoardPage.thisWorkspaceHasNoRegions")}</p>
      ) : (
        <p className="muted" aria-live="polite">
          {t("handoffBoardPage.loading")}
        </p>
      )}
    </div>
  );
}

function Board({ workspace, region }: { workspace: string; region: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const at = params.get("at");
  const policy = usePolicy(workspace).data;
  const duty = useRegionsOnDuty(workspace, at);
  const board = useHandoffBoard(workspace, region, at);
  const regionName = labelIn(policy?.regions, region);
  const selectId = useId();
  useDocumentTitle(t("handoffBoardPage.handoffBoardRegion", { region }));

  const data = board.data?.region === region ? board.data : undefined;
  const boardAt = data ? new Date(data.at) : new Date();
  const regions = policy?.regions ?? [];

  return (
    <div className="page handoff-board" data-region={region}>
      <header className="page-header">
        <div>
          <h1 tabIndex={-1} className="page-title">
            {t("handoffBoardPage.handoffBoardRegion2", { region })}
            {regionName !== region && <span className="muted"> · {regionName}</span>}
          </h1>
          <p className="muted small">{t("handoffBoardPage.handoversDueInRegionThe", { region })}</p>
        </div>
        <div className="page-header-actions">
          <div className="field-inline">
            <label htmlFor={selectId}>{t("handoffBoardPage.region")}</label>
            <select
              id={selectId}
              value={region}
              onChange={(e) => navigate(boardHref(workspace, e.target.value, at))}
            >
              {regions.length === 0 && <option value={region}>{region}</option>}
              {regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.code} · {r.name}
                </option>
              ))}
            </select>
          </div>
        </div>
      </header>

      <LookAhead
        at={at}
        onChange={(next) => navigate(boardHref(workspace, region, next), { replace: true })}
      />

      <section aria-labelledby="duty-title" className="duty-section">
        <h2 id="duty-title" className="visually-hidden">
          {t("handoffBoardPage.regionsOnDuty")}
        </h2>
        {duty.data ? (
          <RegionsOnDutyStrip
            regions={duty.data.regions}
            at={new Date(duty.data.at)}
            current={region}
            hrefOf={(r) => boardHref(workspace, r, at)}
          />
        ) : duty.isError ? (
          <p className="field-error">
            {t("handoffBoardPage.couldNotLoadTheRegions", {
              errorMessage: errorMessage(duty.error),
            })}
          </p>
        ) : (
          <p className="muted">{t("handoffBoardPage.loadingTheRegions")}</p>
        )}
      </section>

      {board.isError ? (
        <div className="notice notice-error" role="alert">
          <p>
            {t("handoffBoardPage.couldNotLoadTheBoard", {
              errorMessage: errorMessage(board.error),
            })}
          </p>
          <button type="button" className="btn" onClick={() => void board.refetch()}>
            {t("handoffBoardPage.tryAgain")}
          </button>
        </div>
      ) : !data ? (
        <p className="muted" aria-live="polite">
          {t("handoffBoardPage.loading")}
        </p>
      ) : (
        <>
          <p className="board-status small">
            <span role="status" aria-live="polite">
              {t("handoffBoardPage.pluralEndingSoonLengthWaiting", {
                plural: t("handoffBoardPage.shifts", { count: data.endingSoon.length }),
                length: data.waiting.length,
                length2: data.notServed.length,
                plural2: t("handoffBoardPage.escalations", { count: data.escalations.length }),
              })}
            </span>{" "}
            <span className="muted">
              {at ? t("handoffBoardPage.asAt") : t("handoffBoardPage.updated")}{" "}
              <time dateTime={data.at} title={dayAndTime(data.at)}>
                {at ? dayAndTime(data.at) : clockTime(data.at)}
              </time>{" "}
              {t("handoffBoardPage.yourTime")}
            </span>
          </p>
          <div className="board-grid" data-at={data.at} aria-busy={board.isPlaceholderData}>
            <EndingSoonSection
              items={data.endingSoon}
              region={region}
              windowMinutes={data.windowMinutes}
              policy={policy}
              now={boardAt}
            />
            <EscalationsSection
              items={data.escalations}
              region={region}
              policy={policy}
              now={boardAt}
            />
            <WaitingSection items={data.waiting} region={region} policy={policy} />
            <NotServedSection
              items={data.notServed}
              region={region}
              policy={policy}
              now={boardAt}
            />
          </div>
        </>
      )}
    </div>
  );
}

/** Shows the board at another instant, typed in the viewer's zone (planning the next shift). */
function LookAhead({ at, onChange }: { at: string | null; onChange: (at: string | null) => void }) {
  const { t } = useTranslation();
  const zone = useViewerZone();
  const id = useId();
  const [value, setValue] = useState(() => (at ? instantToZoned(at, zone) : ""));
  useEffect(() => setValue(at ? instantToZoned(at, zone) : ""), [at, zone]);
  const parsed = value ? zonedToInstant(value, zone) : null;
  return (
    <form
      className="look-ahead"
      aria-label={t("handoffBoardPage.lookAhead")}
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed) onChange(new Date(parsed.time).toISOString());
      }}
    >
      <label htmlFor={id}>
        {t("handoffBoardPage.showTheBoardAt")}{" "}
        <span className="muted">
          {t("handoffBoardPage.yourTimeZonename", { zoneName: zoneName(zone) })}
        </span>
      </label>
      <input
        id={id}
        type="datetime-local"
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" className="btn btn-small" disabled={!parsed}>
        {t("handoffBoardPage.show")}
      </button>
      {at && (
        <>
          <span className="badge badge-orange">
            {t("handoffBoardPage.notLiveAsAtDayandtime", { dayAndTime: dayAndTime(at) })}
          </span>
          <button
            type="button"
            className="btn btn-small btn-primary"
            onClick={() => onChange(null)}
          >
            {t("handoffBoardPage.backToNow")}
          </button>
        </>
      )}
    </form>
  );
}
