import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { ApiError, errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { CaseDetail, PolicyView } from "../api/types.ts";
import { useUser } from "../auth/AuthProvider.tsx";
import { Badge24x7, SeverityBadge, StatusBadge } from "../components/Badges.tsx";
import { CaseCalls } from "../components/CaseCalls.tsx";
import { AssignmentWhy, CaseClocks } from "../components/CaseClocks.tsx";
import { CaseFamily } from "../components/CaseFamily.tsx";
import { CaseFields, describeValue } from "../components/CaseFields.tsx";
import { CaseFiles } from "../components/CaseFiles.tsx";
import { CaseMessages } from "../components/CaseMessages.tsx";
import { CaseTraining } from "../components/CaseTraining.tsx";
import { CaseTransfers } from "../components/CaseTransfers.tsx";
import { DevelopmentPanel } from "../components/DevelopmentPanel.tsx";
import { FollowTheSunPanel } from "../components/FollowTheSunPanel.tsx";
import { NoteComposer } from "../components/NoteComposer.tsx";
import { ProductAndSteps } from "../components/ProductAndSteps.tsx";
import { SheetAddForm } from "../components/SheetAddForm.tsx";
import { TimelineEntry } from "../components/Timeline.tsx";
import { useCaseEvents } from "../hooks/liveUpdates.tsx";
import { useShortcut } from "../hooks/shortcuts.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { useNow } from "../hooks/useNow.ts";
import { rememberWorkspace, useAgents, usePolicy } from "../hooks/workspace.ts";
import { changedFields, editableOf, fieldLabel } from "../lib/conflict.ts";
import {
  dateTime,
  isOutsideWorkingHours,
  listText,
  localTime,
  relativeTime,
} from "../lib/format.ts";
import { labelIn } from "../lib/policy.ts";
import { NotFoundPage } from "./NotFoundPage.tsx";

export interface FromListState {
  from?: string;
}

export function CasePage() {
  const { t } = useTranslation();
  const { number: raw } = useParams();
  const n = Number(raw);
  if (!/^\d+$/.test(raw ?? "") || !Number.isSafeInteger(n) || n <= 0)
    return <NotFoundPage what={t("casePage.case")} />;
  return <CaseView key={n} number={n} />;
}

function LocalClock({ zone, now }: { zone: string; now: Date }) {
  const { t } = useTranslation();
  const clock = localTime(zone, now);
  if (!clock.valid) return <span className="muted">{zone}</span>;
  const off = isOutsideWorkingHours(zone, now);
  return (
    <span className={`local-time ${off ? "is-off-hours" : ""}`}>
      <span className="visually-hidden">{t("casePage.localTime")} </span>
      <time>{clock.time}</time>{" "}
      <span className="muted">
        ({zone.replaceAll("_", " ")}, {clock.offset})
      </span>
      {off && <span className="badge badge-gray">{t("casePage.outsideWorkingHours")}</span>}
    </span>
  );
}

function CaseView({ number }: { number: number }) {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const location = useLocation();
  const now = useNow(30_000);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const statusRef = useRef<HTMLSelectElement>(null);

  const caseQuery = useQuery({
    queryKey: queryKeys.caseDetail(number),
    queryFn: ({ signal }) => endpoints.getCase(number, signal),
  });
  const c = caseQuery.data;
  const ws = c?.workspace;
  useEffect(() => {
    if (ws) rememberWorkspace(ws);
  }, [ws]);
  const policy = usePolicy(ws).data;
  const agents = useAgents(ws).data;

  const timeline = useInfiniteQuery({
    queryKey: queryKeys.timeline(number),
    queryFn: ({ pageParam, signal }) => endpoints.timeline(number, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: Boolean(c),
  });
  const items = useMemo(() => timeline.data?.pages.flatMap((p) => p.items) ?? [], [timeline.data]);
  const handles = useMemo(
    () => new Set((agents ?? []).map((a) => a.handle.toLowerCase())),
    [agents],
  );
  const known = (h: string) => handles.has(h);

  const from = (location.state as FromListState | null)?.from;
  const backHref = from ?? (ws ? `/w/${encodeURIComponent(ws)}/mine` : "/");
  useShortcut("newNote", () => {
    composerRef.current?.focus();
    composerRef.current?.scrollIntoView({ block: "center" });
  });
  useShortcut("editStatus", () => statusRef.current?.focus());
  useShortcut("backToList", () => navigate(backHref));
  useDocumentTitle(c ? `#${c.number} ${c.subject}` : t("casePage.caseNumber", { number }));

  // Live news about this case from others, announced politely and shown until dismissed.
  const [news, setNews] = useState<string | null>(null);
  const ownVersions = useRef(new Set<number>());
  const lastActor = useRef<string | null>(null);
  useCaseEvents((e) => {
    if (e.number === number) lastActor.current = e.actorId;
  });
  const nameOf = (id: string | null) =>
    id === null ? "Baton" : (agents?.find((a) => a.id === id)?.name ?? t("casePage.someone"));
  const seenCase = useRef<CaseDetail | null>(null);
  useEffect(() => {
    if (!c) return;
    const before = seenCase.current;
    seenCase.current = c;
    if (!before || c.version <= before.version || ownVersions.current.has(c.version)) return;
    const changes = changedFields(editableOf(before), editableOf(c));
    const people = new Map<string, string>();
    for (const x of [before, c]) if (x.owner) people.set(x.owner.id, x.owner.name);
    const who = nameOf(lastActor.current);
    setNews(
      changes.length > 0
        ? t("casePage.newsChanged", {
            who,
            changes: listText(
              changes.map((ch) =>
                t("casePage.newsFieldTo", {
                  field: fieldLabel(ch.field),
                  value: describeValue(ch.field, ch.to, policy, people),
                }),
              ),
            ),
          })
        : t("casePage.newsUpdated", { who }),
    );
  });
  const seenItems = useRef<number | null>(null);
  useEffect(() => {
    if (timeline.isPending) return;
    const last = items.at(-1)?.id ?? 0;
    const before = seenItems.current;
    seenItems.current = last;
    if (before === null || last <= before) return;
    const fresh = items.filter(
      (i) => i.id > before && i.kind !== "system" && i.author?.id !== user.id,
    );
    if (fresh.length > 0)
      setNews(
        t("casePage.newsEntries", {
          context: fresh.length > 1 ? "several" : fresh[0]?.kind === "call" ? "call" : "note",
          from: listText([...new Set(fresh.map((i) => i.author?.name ?? "Baton"))]),
        }),
      );
  });

  if (caseQuery.isError) {
    if (caseQuery.error instanceof ApiError && caseQuery.error.status === 404)
      return (
        <NotFoundPage
          what={t("casePage.caseNumber", { number })}
          detail={t("casePage.itDoesNotExistOr")}
        />
      );
    return (
      <div className="page">
        <h1 tabIndex={-1} className="page-title">
          {t("casePage.caseNumber", { number })}
        </h1>
        <div className="notice notice-error" role="alert">
          <p>
            {t("casePage.couldNotLoadTheCase", { errorMessage: errorMessage(caseQuery.error) })}
          </p>
          <button type="button" className="btn" onClick={() => void caseQuery.refetch()}>
            {t("casePage.tryAgain")}
          </button>
        </div>
      </div>
    );
  }
  if (!c) {
    return (
      <div className="page">
        <h1 tabIndex={-1} className="page-title">
          {t("casePage.caseNumber", { number })}
        </h1>
        <p className="muted" aria-live="polite">
          {t("casePage.loading")}
        </p>
      </div>
    );
  }

  const sevCodes = policy?.severities.map((s) => s.code) ?? [];
  return (
    <article className="page case-page">
      <header className="case-header">
        <nav aria-label={t("casePage.breadcrumb")} className="breadcrumb">
          <ol>
            <li>
              <Link to={backHref}>{from ? t("casePage.backToList") : t("casePage.myCases")}</Link>
            </li>
            <li>
              <Link
                to={`/w/${encodeURIComponent(c.workspace)}/queues/${encodeURIComponent(c.queue)}`}
              >
                {labelIn(policy?.queues, c.queue)}
              </Link>
            </li>
            <li aria-current="page">#{c.number}</li>
          </ol>
        </nav>
        <h1 tabIndex={-1} className="page-title case-title">
          <span className="case-no">#{c.number}</span> {c.subject}
        </h1>
        {c.internalTitle && (
          <p className="internal-title-line">
            <span className="label">{t("casePage.internalTitle")}</span> {c.internalTitle}
          </p>
        )}
        <div className="badge-row">
          <StatusBadge status={c.status} labels={policy?.statusLabels} />
          <SeverityBadge
            severity={c.severity}
            codes={sevCodes}
            name={labelIn(policy?.severities, c.severity)}
          />
          <span className="badge badge-outline">
            <span className="visually-hidden">{t("casePage.priority")} </span>
            {t("casePage.labelinPriority", { labelIn: labelIn(policy?.priorities, c.priority) })}
          </span>
          {c.is24x7 && <Badge24x7 />}
          {c.plan && (
            <span className="badge badge-outline">
              {t("casePage.planLabelin", { labelIn: labelIn(policy?.plans, c.plan) })}
            </span>
          )}
          {c.handoffCount > 0 && (
            <span className="badge badge-outline">
              {t("casePage.handoffs", { count: c.handoffCount })}
            </span>
          )}
        </div>
        <dl className="meta-grid">
          <div className="meta-row">
            <dt>{t("casePage.customer")}</dt>
            <dd>
              {c.customer ? (
                <>
                  <span className="strong">{c.customer.name}</span>
                  <LocalClock zone={c.customer.timeZone} now={now} />
                </>
              ) : (
                <span className="muted">{t("casePage.none")}</span>
              )}
            </dd>
          </div>
          <div className="meta-row">
            <dt>{t("casePage.contact")}</dt>
            <dd>
              {c.contact ? (
                <>
                  <span className="strong">{c.contact.name}</span>
                  {c.contact.email && <a href={`mailto:${c.contact.email}`}>{c.contact.email}</a>}
                  {c.contact.phone && (
                    <a href={`tel:${c.contact.phone.replace(/[^\d+]/g, "")}`}>{c.contact.phone}</a>
                  )}
                  <LocalClock zone={c.contact.timeZone} now={now} />
                </>
              ) : (
                <span className="muted">{t("casePage.none")}</span>
              )}
            </dd>
          </div>
          <div className="meta-row">
            <dt>{t("casePage.owner")}</dt>
            <dd>
              {c.owner ? c.owner.name : <span className="muted">{t("casePage.unassigned")}</span>}
              {c.secondaryOwner && (
                <span className="muted">
                  {" "}
                  {t("casePage.secondaryName", { name: c.secondaryOwner.name })}
                </span>
              )}
            </dd>
          </div>
          <div className="meta-row">
            <dt>{t("casePage.queue")}</dt>
            <dd>
              {labelIn(policy?.queues, c.queue)}
              {c.region && <span className="muted"> · {labelIn(policy?.regions, c.region)}</span>}
            </dd>
          </div>
        </dl>
      </header>

      <div className="notice notice-info live-news" role="status" aria-live="polite" hidden={!news}>
        {news && (
          <>
            <span>
              <strong>{t("casePage.updatedLive")}</strong> {news}
            </span>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setNews(null)}>
              {t("casePage.dismiss")}
            </button>
          </>
        )}
      </div>

      <div className="case-columns">
        <div className="case-main">
          <CaseTransfers
            caseData={c}
            policy={policy}
            agents={agents}
            role={user.workspaces.find((w) => w.slug === c.workspace)?.role}
            now={now}
          />
          {c.allowed.includes("sheet.add") && c.status !== "closed" && (
            <details className="panel">
              <summary>{t("casePage.addToHandOffSheet")}</summary>
              <SheetAddForm workspace={c.workspace} policy={policy} caseNumber={c.number} />
            </details>
          )}
          <CaseTraining caseNumber={c.number} workspace={c.workspace} />
          {policy?.features?.followTheSun && (
            <FollowTheSunPanel
              caseData={c}
              policy={policy}
              onSaved={(saved) => ownVersions.current.add(saved.version)}
            />
          )}
          <section className="panel" aria-labelledby="desc-title">
            <h2 id="desc-title" className="section-title">
              {t("casePage.description")}
            </h2>
            {c.description ? (
              <p className="prewrap">{c.description}</p>
            ) : (
              <p className="muted">{t("casePage.noDescription")}</p>
            )}
            {c.impact && (
              <p>
                <span className="label">{t("casePage.impact")}</span> {c.impact}
              </p>
            )}
            <ProductAndSteps
              caseData={c}
              policy={policy}
              onSaved={(saved) => ownVersions.current.add(saved.version)}
            />
          </section>

          <DevelopmentPanel
            caseData={c}
            mayEdit={c.allowed.includes("case.update") && c.status !== "closed"}
            onSaved={(saved) => ownVersions.current.add(saved.version)}
          />

          <CaseCalls caseData={c} />

          <CaseMessages caseNumber={c.number} now={now} />

          <CaseFiles caseNumber={c.number} now={now} />

          <section className="panel" aria-labelledby="timeline-title">
            <h2 id="timeline-title" className="section-title">
              {t("casePage.timeline")}{" "}
              <span className="muted small">
                {t("casePage.lengthOldestFirst", { length: items.length })}
              </span>
            </h2>
            {timeline.isError ? (
              <p className="field-error">
                {t("casePage.couldNotLoadTheTimeline", {
                  errorMessage: errorMessage(timeline.error),
                })}
              </p>
            ) : timeline.isPending ? (
              <p className="muted">{t("casePage.loading")}</p>
            ) : items.length === 0 ? (
              <p className="muted">{t("casePage.nothingYet")}</p>
            ) : (
              <ol className="timeline">
                {items.map((item) => (
                  <TimelineEntry key={item.id} item={item} now={now} known={known} />
                ))}
              </ol>
            )}
            {timeline.hasNextPage && (
              <button
                type="button"
                className="btn"
                onClick={() => void timeline.fetchNextPage()}
                disabled={timeline.isFetchingNextPage}
              >
                {timeline.isFetchingNextPage
                  ? t("casePage.loading")
                  : t("casePage.loadLaterEntries")}
              </button>
            )}
          </section>

          {c.status === "closed" ? (
            <p className="muted">{t("casePage.thisCaseIsClosedAnd")}</p>
          ) : c.allowed.includes("case.note") ? (
            <NoteComposer
              key={c.number}
              caseNumber={c.number}
              agents={agents ?? []}
              textareaRef={composerRef}
            />
          ) : (
            <p className="muted">{t("casePage.yourRoleMayNotAdd")}</p>
          )}
        </div>

        <aside className="case-side" aria-label={t("casePage.caseFieldsAndServiceLevel")}>
          <CaseFields
            caseData={c}
            policy={policy}
            agents={agents}
            me={user.id}
            statusRef={statusRef}
            onSaved={(saved) => ownVersions.current.add(saved.version)}
          />
          {c.origin && (
            <p className="case-origin small" data-testid="case-origin">
              {t("casePage.openedFromTask")}{" "}
              <Link to={`/tasks/${c.origin.task}`}>
                T-{c.origin.task} {c.origin.title}
              </Link>{" "}
              {t("casePage.ofProjectNamePmName2", {
                name: c.origin.project.name,
                name2: c.origin.manager.name,
              })}
            </p>
          )}
          <CaseFamily c={c} policy={policy} />
          <CaseFacts c={c} policy={policy} now={now} />
        </aside>
      </div>
    </article>
  );
}

function CaseFacts({
  c,
  policy,
  now,
}: {
  c: CaseDetail;
  policy: PolicyView | undefined;
  now: Date;
}) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="facts-title">
      <h2 id="facts-title" className="section-title">
        {t("casePage.serviceLevelAndDetails")}
      </h2>
      <dl className="facts">
        <div className="meta-row meta-row-wide">
          <dd>
            <CaseClocks sla={c.sla} now={now} />
            <AssignmentWhy assignment={c.assignment} />
          </dd>
        </div>
        <div className="meta-row">
          <dt>{t("casePage.product")}</dt>
          <dd>{labelIn(policy?.products, c.product)}</dd>
        </div>
        {(policy?.brands?.length ?? 0) > 1 && (
          <div className="meta-row">
            <dt>{t("casePage.brand")}</dt>
            <dd>{labelIn(policy?.brands, c.brand)}</dd>
          </div>
        )}
        <div className="meta-row">
          <dt>{t("casePage.workspace")}</dt>
          <dd>{c.workspace}</dd>
        </div>
        {c.partnerTicket && (
          <div className="meta-row">
            <dt>{t("casePage.partnerTicket")}</dt>
            <dd>{c.partnerTicket}</dd>
          </div>
        )}
        {c.incidentId && (
          <div className="meta-row">
            <dt>{t("casePage.incident")}</dt>
            <dd>{c.incidentId}</dd>
          </div>
        )}
        <div className="meta-row">
          <dt>{t("casePage.created")}</dt>
          <dd>{dateTime(c.createdAt)}</dd>
        </div>
        <div className="meta-row">
          <dt>{t("casePage.updated")}</dt>
          <dd>
            <time dateTime={c.updatedAt} title={dateTime(c.updatedAt)}>
              {relativeTime(c.updatedAt, now)}
            </time>{" "}
            <span className="muted">{t("casePage.versionVersion", { version: c.version })}</span>
          </dd>
        </div>
      </dl>
    </section>
  );
}
