import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { cases, contacts, customers, memberships, transfers, users } from "../db/schema.ts";
import { type CaseStatus, OPEN_STATUSES } from "../domain/case-status.ts";
import type { ScheduleAgent, ScheduleCase } from "../domain/schedule/index.ts";
import { parseWeeklyHours } from "../domain/schedule/index.ts";
import { OPEN_TRANSFER_STATES } from "../domain/transfer/machine.ts";

// Loads the plain facts the schedule functions decide on: a workspace's agents with their hours
// and load, and open cases with their customer's zone and whether a hand-off is under way.

const AVAILABILITY = new Set(["available", "off_queue", "on_leave"]);

export async function scheduleAgents(db: Db, workspaceId: string): Promise<ScheduleAgent[]> {
  const openCount = sql<number>`(select count(*)::int from ${cases} where ${cases.ownerId} = ${users.id}
    and ${cases.workspaceId} = ${workspaceId}
    and ${inArray(cases.status, [...OPEN_STATUSES])})`;
  const rows = await db
    .select({ user: users, m: memberships, openCases: openCount })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(users.name);
  return rows.map(({ user, m, openCases }) => scheduleAgentOf(user, m, Number(openCases)));
}

/** A member as the schedule and routing see them, with the open cases they own now. */
export function scheduleAgentOf(
  user: typeof users.$inferSelect,
  m: typeof memberships.$inferSelect,
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

/** Open cases of a workspace (or the given numbers), as the schedule sees them. */
export async function scheduleCases(
  db: Db,
  workspaceId: string,
  only?: { numbers: number[] } | { only24x7: true },
): Promise<ScheduleCase[]> {
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
        only && "only24x7" in only ? eq(cases.is24x7, true) : undefined,
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
