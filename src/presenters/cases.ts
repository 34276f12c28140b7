import { inArray, type SQL, sql } from "drizzle-orm";
import { type Actor, membershipIn } from "../auth/actor.ts";
import { type Action, allowedActions, can } from "../auth/authorize.ts";
import type { Db } from "../db/client.ts";
import { cases, contacts, customers, users } from "../db/schema.ts";
import { reassignRights } from "../domain/assignment.ts";
import { childCaseNeedsRequest } from "../domain/child-cases/requests.ts";
import { isDevelopmentQueue, stageName } from "../domain/development/stages.ts";
import type { CaseRow, LoadedCase } from "../loaders/cases.ts";
import { targetOf } from "../loaders/cases.ts";
import { childrenOf } from "../loaders/child-cases.ts";
import { developmentOf } from "../loaders/development.ts";
import { developmentHistory } from "../loaders/development-history.ts";
import { taskOfCase } from "../loaders/projects.ts";
import { presentAssignment } from "./assignment.ts";
import { presentClocks, summaryClocks } from "./clocks.ts";
import { isoOf } from "./time.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const CASE_ACTIONS: Action[] = [
  "case.update",
  "case.assign",
  "case.note",
  "case.audit.read",
  "case.transfer",
  "sheet.add",
];

export interface PersonRef {
  id: string;
  name: string;
}

function reassignOf(actor: Actor, { row, workspace }: LoadedCase) {
  const role = membershipIn(actor, row.workspaceId)?.role;
  if (!role) return { direct: false, takeFromQueue: false, why: null, roles: [] };
  return reassignRights(workspace.policy, role, row);
}

/** Whether the viewer may open a new case from this one, and whether the shift lead must say yes. */
function newCaseRights(actor: Actor, { row, workspace }: LoadedCase) {
  const viewer = { userId: actor.userId, role: membershipIn(actor, row.workspaceId)?.role ?? null };
  return {
    allowed: can(actor, "case.create", { workspaceId: row.workspaceId }, workspace.policy),
    needsApproval: childCaseNeedsRequest(workspace.policy.childCases, viewer),
  };
}

/** The case as the API returns it, with what this actor may do to it. */
export async function presentCase(db: Db, actor: Actor, loaded: LoadedCase) {
  const { row, workspace } = loaded;
  const people = await namesOf(db, [row.ownerId, row.secondaryOwnerId]);
  const [customer] = row.customerId
    ? await db
        .select()
        .from(customers)
        .where(inArray(customers.id, [row.customerId]))
    : [];
  const [contact] = row.contactId
    ? await db
        .select()
        .from(contacts)
        .where(inArray(contacts.id, [row.contactId]))
    : [];
  const [parent] = row.parentCaseId
    ? await db
        .select({ number: cases.number, subject: cases.subject })
        .from(cases)
        .where(inArray(cases.id, [row.parentCaseId]))
    : [];
  const [children, origin, dev, devHistory] = await Promise.all([
    childrenOf(db, row.id),
    taskOfCase(db, row.id),
    developmentOf(db, row.id),
    developmentHistory(db, row.id),
  ]);
  const childOwners = await namesOf(
    db,
    children.map((c) => c.ownerId),
  );
  return {
    ...summarize(row, workspace.slug, people),
    description: row.description,
    impact: row.impact,
    product: row.product,
    subProduct: row.subProduct,
    plan: row.plan,
    brand: row.brand,
    customer: customer
      ? {
          id: customer.id,
          name: customer.name,
          timeZone: customer.timeZone,
          language: customer.language,
        }
      : null,
    contact: contact
      ? {
          id: contact.id,
          name: contact.name,
          email: contact.email,
          phone: contact.phone,
          timeZone: contact.timeZone,
          language: contact.language,
        }
      : null,
    secondaryOwner: row.secondaryOwnerId ? (people.get(row.secondaryOwnerId) ?? null) : null,
    pinned: row.pinned,
    pinnedUntil: iso(row.pinnedUntil),
    parentCaseNumber: parent?.number ?? null,
    parent: parent ?? null,
    origin: origin
      ? {
          task: origin.row.number,
          title: origin.row.title,
          project: { code: origin.project.row.code, name: origin.project.row.name },
          manager: { id: origin.project.row.managerId, name: origin.project.managerName },
        }
      : null,
    children: children.map((c) => ({
      number: c.number,
      subject: c.subject,
      status: c.status,
      owner: c.ownerId ? (childOwners.get(c.ownerId) ?? null) : null,
    })),
    partnerTicket: row.partnerTicket,
    trackerUrl: row.trackerUrl,
    development: dev
      ? {
          stage: { code: dev.row.stage, name: stageName(workspace.policy, dev.row.stage) },
          since: dev.row.stageSince.toISOString(),
          enteredAt: dev.row.enteredAt.toISOString(),
          supportOwner: dev.row.supportOwnerId
            ? { id: dev.row.supportOwnerId, name: dev.supportOwnerName ?? "" }
            : null,
          active: isDevelopmentQueue(workspace.policy, row.queue),
          stages: workspace.policy.development.stages.map((s) => ({
            code: s.code,
            name: s.name,
            tellCustomer: s.tellCustomer,
          })),
          maySetStage:
            isDevelopmentQueue(workspace.policy, row.queue) &&
            can(actor, "case.development", targetOf(row), workspace.policy),
          history: devHistory.map((h) => ({
            at: h.at.toISOString(),
            stage: { code: h.stage, name: stageName(workspace.policy, h.stage) },
            by: h.fromTracker ? "the tracker" : (h.authorName ?? "Baton"),
            note: h.note,
          })),
          version: dev.row.version,
        }
      : null,
    incidentId: row.incidentId,
    stepsToReproduce: row.stepsToReproduce,
    nextContactAt: iso(row.nextContactAt),
    sla: {
      firstResponseDueAt: iso(row.firstResponseDueAt),
      nextUpdateDueAt: iso(row.nextUpdateDueAt),
      idleSince: row.idleSince.toISOString(),
      ...(await presentClocks(db, row.id, workspace.policy))!,
    },
    handoffCount: row.handoffCount,
    assignment: await presentAssignment(db, row.id),
    createdAt: row.createdAt.toISOString(),
    allowed: allowedActions(actor, CASE_ACTIONS, targetOf(row), workspace.policy),
    reassign: reassignOf(actor, loaded),
    newCase: newCaseRights(actor, loaded),
  };
}

export type CaseView = Awaited<ReturnType<typeof presentCase>>;

/** The compact form used by lists: no joins beyond the owner's name. */
/** The columns a case list needs; lists select only these. */
export const SUMMARY_COLUMNS = {
  number: cases.number,
  workspaceId: cases.workspaceId,
  subject: cases.subject,
  internalTitle: cases.internalTitle,
  status: cases.status,
  severity: cases.severity,
  priority: cases.priority,
  is24x7: cases.is24x7,
  queue: cases.queue,
  region: cases.region,
  ownerId: cases.ownerId,
  updatedAt: cases.updatedAt,
  version: cases.version,
  slaDueAt: cases.slaDueAt,
  slaPausedAt: cases.slaPausedAt,
  firstResponseDueAt: cases.firstResponseDueAt,
  firstRespondedAt: cases.firstRespondedAt,
  nextUpdateDueAt: cases.nextUpdateDueAt,
  resolutionDueAt: cases.resolutionDueAt,
};

const TIMES = [
  "updatedAt",
  "slaDueAt",
  "slaPausedAt",
  "firstResponseDueAt",
  "firstRespondedAt",
  "nextUpdateDueAt",
  "resolutionDueAt",
] as const;

type Time = (typeof TIMES)[number];

export const LIST_CELLS = Object.keys(SUMMARY_COLUMNS) as (keyof typeof SUMMARY_COLUMNS)[];

/**
 * What lists select: the summary's columns and `extra` as one JSON array a row, which the driver
 * parses with one JSON.parse. Mapping some twenty columns a row through Drizzle's decoders was a
 * tenth of a list request's CPU, and parsing seven Dates a row only to write them out again
 * another tenth (docs/performance.md, list views vs the floor); inside JSON the times stay text.
 */
export function listRowSql(extra: SQL[]): SQL<unknown[]> {
  const cells = [...LIST_CELLS.map((key) => sql`${SUMMARY_COLUMNS[key]}`), ...extra];
  return sql<unknown[]>`json_build_array(${sql.join(cells, sql`, `)})`;
}

/**
 * A list row read back from `listRowSql`: the summary, then the extra cells in their order.
 * Written out rather than built from LIST_CELLS: building each row's object from pairs was 4 %
 * of a list request's CPU; test/unit/list-row.test.ts checks the order.
 */
export function listRowOf(cells: readonly unknown[]): { row: SummaryRow; extra: unknown[] } {
  const c = cells as SummaryCells;
  const row: SummaryRow = {
    number: c[0],
    workspaceId: c[1],
    subject: c[2],
    internalTitle: c[3],
    status: c[4],
    severity: c[5],
    priority: c[6],
    is24x7: c[7],
    queue: c[8],
    region: c[9],
    ownerId: c[10],
    updatedAt: c[11],
    version: c[12],
    slaDueAt: c[13],
    slaPausedAt: c[14],
    firstResponseDueAt: c[15],
    firstRespondedAt: c[16],
    nextUpdateDueAt: c[17],
    resolutionDueAt: c[18],
  };
  return { row, extra: cells.slice(LIST_CELLS.length) };
}

/** The cells of a summary in LIST_CELLS's order, as JSON brings them. */
type SummaryCells = [
  SummaryRow["number"],
  SummaryRow["workspaceId"],
  SummaryRow["subject"],
  SummaryRow["internalTitle"],
  SummaryRow["status"],
  SummaryRow["severity"],
  SummaryRow["priority"],
  SummaryRow["is24x7"],
  SummaryRow["queue"],
  SummaryRow["region"],
  SummaryRow["ownerId"],
  SummaryRow["updatedAt"],
  SummaryRow["version"],
  SummaryRow["slaDueAt"],
  SummaryRow["slaPausedAt"],
  SummaryRow["firstResponseDueAt"],
  SummaryRow["firstRespondedAt"],
  SummaryRow["nextUpdateDueAt"],
  SummaryRow["resolutionDueAt"],
];

/** A list row: a timestamp is a Date (read through Drizzle's column) or PostgreSQL's text. */
export type SummaryRow = Omit<Pick<CaseRow, keyof typeof SUMMARY_COLUMNS>, Time> & {
  [K in Time]: CaseRow[K] | (CaseRow[K] extends Date ? string : string | null);
};

export function summarize(row: SummaryRow, workspaceSlug: string, people: Map<string, PersonRef>) {
  return {
    number: row.number,
    workspace: workspaceSlug,
    subject: row.subject,
    internalTitle: row.internalTitle,
    status: row.status,
    severity: row.severity,
    priority: row.priority,
    is24x7: row.is24x7,
    queue: row.queue,
    region: row.region,
    owner: row.ownerId ? (people.get(row.ownerId) ?? null) : null,
    updatedAt: isoOf(row.updatedAt),
    version: row.version,
    due: summaryClocks(row),
  };
}

export async function namesOf(
  db: Db,
  ids: (string | null | undefined)[],
): Promise<Map<string, PersonRef>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}
