import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import {
  activities,
  cases,
  contacts,
  customers,
  memberships,
  transfers,
  users,
} from "../db/schema.ts";
import { type CaseStatus, OPEN_STATUSES } from "../domain/case-status.ts";
import type { ScheduleAgent, ScheduleCase } from "../domain/schedule/index.ts";
import { parseWeeklyHours } from "../domain/schedule/index.ts";
import { OPEN_TRANSFER_STATES } from "../domain/transfer/machine.ts";

// Loads the plain facts the schedule functions decide on: a workspace's agents with their hours
// and load, and open cases with their customer's zone and whether a hand-off is under way.

const AVAILABILITY = new Set(["available", "off_queue", "on_leave"]);

/**
 * A workspace's members as the schedule sees them. `withLoad: false` leaves each one's open
 * cases at 0 and saves counting every open case of the workspace, for a caller that only needs
 * their shifts.
 */
export async function scheduleAgents(
  db: Db,
  workspaceId: string,
  { withLoad = true }: { withLoad?: boolean } = {},
): Promise<ScheduleAgent[]> {
  const members = () =>
    db
      .select({ user: scheduleUserColumns, m: scheduleMemberColumns })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.workspaceId, workspaceId))
      .orderBy(users.name);
  if (!withLoad) return (await members()).map(({ user, m }) => scheduleAgentOf(user, m, 0));
  // One pass over the workspace's open cases, grouped by owner: a count per member (a subquery
  // for each) read the open cases again for every agent, about four times the work at 100,000.
  const load = db
    .select({ ownerId: cases.ownerId, n: sql<number>`count(*)::int`.as("n") })
    .from(cases)
    .where(and(eq(cases.workspaceId, workspaceId), inArray(cases.status, [...OPEN_STATUSES])))
    .groupBy(cases.ownerId)
    .as("open_load");
  const rows = await db
    .select({ user: scheduleUserColumns, m: scheduleMemberColumns, openCases: load.n })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(load, eq(load.ownerId, users.id))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(users.name);
  return rows.map(({ user, m, openCases }) => scheduleAgentOf(user, m, Number(openCases ?? 0)));
}

/** The columns of a person and their membership that the schedule and routing decide on. */
export const scheduleUserColumns = {
  id: users.id,
  name: users.name,
  timeZone: users.timeZone,
  availability: users.availability,
  leaveFrom: users.leaveFrom,
  leaveUntil: users.leaveUntil,
};
export const scheduleMemberColumns = {
  role: memberships.role,
  region: memberships.region,
  workingHours: memberships.workingHours,
  queues: memberships.queues,
  skills: memberships.skills,
  languages: memberships.languages,
  capacity: memberships.capacity,
  handoverSme: memberships.handoverSme,
};

type ScheduleUser = Pick<typeof users.$inferSelect, keyof typeof scheduleUserColumns>;
type ScheduleMember = Pick<typeof memberships.$inferSelect, keyof typeof scheduleMemberColumns>;

/** A member as the schedule and routing see them, with the open cases they own now. */
export function scheduleAgentOf(
  user: ScheduleUser,
  m: ScheduleMember,
  openCases: number,
): ScheduleAgent {
  return {
    id: user.id,
    name: user.name,
    role: m.role,
    region: m.region,
    timeZone: user.timeZone,
    workingHours: parseWeeklyHours(m.workingHours),
    queues: m.queues,
    skills: m.skills,
    languages: m.languages,
    capacity: m.capacity,
    openCases,
    availability: (AVAILABILITY.has(user.availability)
      ? user.availability
      : "available") as ScheduleAgent["availability"],
    leaveFrom: user.leaveFrom,
    leaveUntil: user.leaveUntil,
    handoverSme: m.handoverSme,
  };
}

/**
 * Which of the open 24x7 cases a sweep raises: those whose owner is one of `due` and that do
 * not carry that owner's raise key yet.
 */
function awaitingRaise(due: readonly { ownerId: string; key: string }[]): SQL {
  const rows = sql.join(
    due.map((d) => sql`(${d.ownerId}::uuid, ${d.key})`),
    sql`, `,
  );
  return sql`exists (select 1 from (values ${rows}) as due(owner_id, key)
    where due.owner_id = ${cases.ownerId}
    and not exists (select 1 from ${activities} a where a.case_id = ${cases.id}
      and a.data->>'event' = 'case.handover_missed' and a.data->>'key' = due.key))`;
}

/**
 * Open cases of a workspace (or the given numbers, or the 24x7 ones, or the 24x7 ones a raise
 * is due for), as the schedule sees them.
 */
export async function scheduleCases(
  db: Db,
  workspaceId: string,
  only?:
    | { numbers: number[] }
    | { only24x7: true }
    | { raiseDue: readonly { ownerId: string; key: string }[] },
): Promise<ScheduleCase[]> {
  if (only && "raiseDue" in only && !only.raiseDue.length) return [];
  const underWay = sql<boolean>`exists (select 1 from ${transfers} where ${transfers.caseId} = ${cases.id}
    and ${inArray(transfers.state, [...OPEN_TRANSFER_STATES])})`;
  const rows = await db
    .select({
      c: {
        number: cases.number,
        status: cases.status,
        internalTitle: cases.internalTitle,
        is24x7: cases.is24x7,
        queue: cases.queue,
        product: cases.product,
        region: cases.region,
        ownerId: cases.ownerId,
        idleSince: cases.idleSince,
      },
      customer: {
        timeZone: customers.timeZone,
        language: customers.language,
        region: customers.region,
      },
      contact: { timeZone: contacts.timeZone, language: contacts.language },
      underWay,
    })
    .from(cases)
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .leftJoin(contacts, eq(contacts.id, cases.contactId))
    .where(
      and(
        eq(cases.workspaceId, workspaceId),
        only && "numbers" in only
          ? inArray(cases.number, only.numbers)
          : inArray(cases.status, [...OPEN_STATUSES]),
        only && ("only24x7" in only || "raiseDue" in only) ? eq(cases.is24x7, true) : undefined,
        only && "raiseDue" in only ? awaitingRaise(only.raiseDue) : undefined,
      ),
    );
  return rows.map(({ c, customer, contact, underWay: open }) => ({
    ...c,
    status: c.status as CaseStatus,
    handoverUnderWay: Boolean(open),
    customer: customer?.timeZone ? { ...customer, workingHours: null } : null,
    contact: contact?.timeZone ? contact : null,
  }));
}
