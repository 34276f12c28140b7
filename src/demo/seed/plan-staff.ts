import type { RoleId } from "../../domain/permissions.ts";
import { type Person, REGION_CODES, type RegionCode } from "./data/people.ts";
import { ROLE_LOGIN } from "./data/texts.ts";
import {
  DAY,
  type DemoLogin,
  HOUR,
  type Member,
  type MembershipRow,
  type Plan,
  type UserRow,
  type WorkspaceContext,
} from "./plan-types.ts";

// Who works in a demo workspace: one person per staff slot, with queues, skills, hours, and one
// colleague on leave and one off queue.

function asciiHandle(text: string): string {
  return text
    .replace(/ß/g, "ss")
    .replace(/ı/g, "i")
    .replace(/ø/g, "o")
    .replace(/ł/g, "l")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

function weekdayHours(start: string, end: string) {
  const day = () => [{ start, end }];
  return { mon: day(), tue: day(), wed: day(), thu: day(), fri: day(), sat: [], sun: [] };
}

/** Region slots: the four agents come first, so every region always has one. */
function staffSlots(wsIndex: number): { role: RoleId; region: RegionCode }[] {
  const r = (k: number): RegionCode => REGION_CODES[(wsIndex + k) % 4] as RegionCode;
  const slots: { role: RoleId; region: RegionCode }[] = [
    { role: "agent", region: "APAC" },
    { role: "agent", region: "IST" },
    { role: "agent", region: "EMEA" },
    { role: "agent", region: "US" },
    { role: "shift_lead", region: r(0) },
    { role: "supervisor", region: r(2) },
    { role: "triage", region: r(1) },
    { role: "project_manager", region: r(3) },
    { role: "admin", region: r(2) },
    // The on-leave agent (backed up by the first APAC agent) and the off-queue agent.
    { role: "agent", region: "APAC" },
    { role: "agent", region: "EMEA" },
  ];
  if (wsIndex % 2 === 0) slots.push({ role: "agent", region: "US" });
  return slots;
}

export function planStaff(
  ctx: WorkspaceContext,
  wsIndex: number,
  peopleByRegion: Record<RegionCode, Person[]>,
) {
  const { slug, policy, rng, now, domain, policyRoles, policyLanguages, policyRegions, skills } =
    ctx;
  const { regionalQueues, sharedQueues, triageQueue } = ctx;
  const members: Member[] = [];
  const usersOut: UserRow[] = [];
  const membershipsOut: Omit<MembershipRow, "workspaceId">[] = [];
  const logins: DemoLogin[] = [];
  const usedEmails = new Set<string>();
  const taken: Record<RegionCode, number> = { APAC: 0, IST: 0, EMEA: 0, US: 0 };
  const slots = staffSlots(wsIndex);
  let workerIndex = 0;
  slots.forEach((slot, i) => {
    const role: RoleId = policyRoles.has(slot.role) ? slot.role : "agent";
    const pool = peopleByRegion[slot.region];
    const person = pool[taken[slot.region]++ % pool.length] as Person;
    const name = `${person.first} ${person.last}`;
    const firstOfRole = !logins.some((l) => l.role === role);
    let local = firstOfRole
      ? ROLE_LOGIN[role]
      : `${asciiHandle(person.first)}.${asciiHandle(person.last)}`;
    while (usedEmails.has(local)) local = `${local}${usedEmails.size}`;
    usedEmails.add(local);
    const email = `${local}@${domain}`;
    if (firstOfRole) logins.push({ email, role, workspace: slug });
    const region = policyRegions.has(slot.region) ? slot.region : undefined;

    let queues: string[] = [];
    if (role !== "admin" && role !== "project_manager") {
      const own = regionalQueues.filter((q) => q.region === slot.region).map((q) => q.code);
      if (role === "shift_lead" || role === "supervisor") {
        queues = regionalQueues.length ? own : sharedQueues.map((q) => q.code);
      } else if (role === "triage") {
        queues = triageQueue ? [triageQueue] : policy.queues.map((q) => q.code);
        if (!triageQueue && regionalQueues.length) queues = own;
      } else {
        const shared = sharedQueues.map((q) => q.code);
        const mine = new Set(own);
        if (shared.length) {
          // Agents work the first queue mostly, and one other in turn.
          const others = shared.filter((code) => code !== triageQueue);
          const list = others.length ? others : shared;
          mine.add(list[workerIndex % list.length] as string);
          if (rng.chance(0.6)) mine.add(list[0] as string);
        }
        queues = [...mine];
        workerIndex++;
      }
    }
    const mySkills = rng
      .shuffle(skills)
      .slice(0, role === "agent" ? 2 + rng.int(2) : Math.min(skills.length, 4));
    const languages = ["en", ...person.langs].filter((l) => policyLanguages.has(l));
    const id = rng.uuid();
    const availability: Member["availability"] =
      i === 9 ? "on_leave" : i === 10 ? "off_queue" : "available";
    members.push({ id, name, email, role, region: slot.region, queues, availability });
    const startHour = rng.pick(["08:00", "09:00", "09:00", "10:00"]);
    const endHour = { "08:00": "16:30", "09:00": "17:30", "10:00": "18:30" }[startHour] ?? "17:30";
    const createdAt = new Date(now - rng.between(100, 145) * DAY);
    usersOut.push({
      id,
      email,
      name,
      timeZone: person.tz,
      availability,
      createdAt,
      updatedAt: createdAt,
    });
    membershipsOut.push({
      userId: id,
      role,
      region: region ?? null,
      queues,
      skills: mySkills,
      languages: languages.length ? languages : [policy.defaults.language],
      capacity: rng.pick([15, 20, 20, 25, 30]),
      workingHours: weekdayHours(startHour, endHour),
      // The first agent of each region (the slots start with one per region) attends its
      // handover meetings when an owner cannot (S1.2).
      handoverSme: i < 4 && region !== undefined,
      createdAt,
    });
  });

  // Leave with an in-region backup and call diversion (S1.6, S4.11).
  const availabilityAudit: Plan["availability"] = [];
  const onLeave = usersOut[9];
  const backup = members[0];
  if (onLeave && backup) {
    onLeave.leaveFrom = new Date(Math.floor((now - 2 * DAY) / DAY) * DAY);
    onLeave.leaveUntil = new Date(Math.floor((now + 6 * DAY) / DAY) * DAY);
    onLeave.backupUserId = backup.id;
    const phone = peopleByRegion.APAC[0]?.phone ?? "+65 6555 0100";
    onLeave.callDiversion = phone;
    onLeave.updatedAt = new Date(now - 3 * DAY);
    availabilityAudit.push({
      userId: onLeave.id as string,
      data: {
        status: "on_leave",
        leaveFrom: onLeave.leaveFrom.toISOString(),
        leaveUntil: onLeave.leaveUntil.toISOString(),
        backupUserId: backup.id,
        callDiversion: phone,
      },
    });
  }
  const offQueue = usersOut[10];
  if (offQueue) {
    offQueue.updatedAt = new Date(now - 3 * HOUR);
    availabilityAudit.push({ userId: offQueue.id as string, data: { status: "off_queue" } });
  }

  return {
    members,
    users: usersOut,
    memberships: membershipsOut,
    logins,
    availability: availabilityAudit,
  };
}
