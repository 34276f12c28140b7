import type { memberships, users } from "../db/schema.ts";
import { parseWeeklyHours } from "../domain/schedule/hours.ts";

export const AVAILABILITY = ["available", "off_queue", "on_leave"] as const;

type UserRow = typeof users.$inferSelect;

type MembershipRow = typeof memberships.$inferSelect;

export function presentAgent(user: UserRow, m: MembershipRow) {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    handle: user.email.split("@")[0] ?? "",
    timeZone: user.timeZone,
    role: m.role,
    region: m.region,
    queues: m.queues,
    skills: m.skills,
    languages: m.languages,
    capacity: m.capacity,
    workingHours: parseWeeklyHours(m.workingHours),
    handoverSme: m.handoverSme,
    availability: {
      status: user.availability as (typeof AVAILABILITY)[number],
      leaveFrom: user.leaveFrom?.toISOString() ?? null,
      leaveUntil: user.leaveUntil?.toISOString() ?? null,
      backupUserId: user.backupUserId,
      callDiversion: user.callDiversion,
    },
    version: user.version,
  };
}
