import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { activities, caseClockAlarms, cases } from "../../db/schema.ts";
import type { Policy } from "../../domain/policy/schema.ts";
import { type Said, said } from "../../domain/said.ts";
import { alarmLine, alarmNote } from "../../domain/sla/alarm-text.ts";
import { type Alarm, alarmsOf, nextAlarmAt } from "../../domain/sla/clocks.ts";
import { slaTerms } from "../../domain/sla/terms.ts";
import {
  type ClockedCase,
  lockClockedCase,
  lockDueAlarmCases,
  membersInRoles,
  personById,
  withQueueRegion,
} from "../../loaders/case-clocks.ts";
import { workspaceById } from "../../loaders/workspaces.ts";
import { routeCase } from "../../reactions/routing.ts";
import { emit, emittingIn } from "../../writes/emit.ts";

export interface AlarmRun {
  warned: number;
  breached: number;
  returned: number;
  /** Alarms found too late to be worth telling (Baton was down): recorded, not told. */
  late: number;
}

export interface AlarmOptions {
  /** Cases locked per transaction. */
  batch: number;
  /** An alarm found later than this after its time is recorded without telling anyone. */
  lateAfterMinutes: number;
  /** Only these cases (the history builder plays one case ahead of the clock, src/demo/history). */
  caseIds?: readonly string[];
}

const DEFAULTS: AlarmOptions = { batch: 100, lateAfterMinutes: 360 };

/**
 * Raises every clock alarm due by `now`, once: warnings and breaches as a note on the case that
 * tells the owner (and, for a breach, the roles the policy raises it to), in-app, by email and as
 * webhook events; the return timer sends an unanswered auto-assigned case back as the policy
 * says. Any number of processes may run it at once: each takes cases the others have not locked
 * (`SKIP LOCKED`), and an alarm's row (case, clock, kind, deadline) is written once.
 */
export async function fireClockAlarms(
  db: Db,
  now: Date,
  options: Partial<AlarmOptions> = {},
): Promise<AlarmRun> {
  const o = { ...DEFAULTS, ...options };
  const run: AlarmRun = { warned: 0, breached: 0, returned: 0, late: 0 };
  const policies = new Map<string, Policy>();
  for (;;) {
    const taken = await db.transaction(async (tx) => {
      const ids = await lockDueAlarmCases(tx, now, o.batch, o.caseIds);
      for (const id of ids) {
        const kase = await lockClockedCase(tx, id);
        if (!kase) continue;
        let policy = policies.get(kase.workspaceId);
        if (!policy) {
          policy = (await workspaceById(tx, kase.workspaceId)).policy;
          policies.set(kase.workspaceId, policy);
        }
        await fireCase(tx, kase, policy, now, o, run);
      }
      return ids.length;
    });
    if (taken < o.batch) return run;
  }
}

async function fireCase(
  tx: Db,
  kase: ClockedCase,
  policy: Policy,
  now: Date,
  o: AlarmOptions,
  run: AlarmRun,
): Promise<void> {
  const terms = slaTerms(policy, withQueueRegion(kase.facts, policy, kase.queue));
  const alarms = alarmsOf(kase.clocks, terms, kase.status);
  // Only the latest alarm of each clock speaks: a warning already overtaken by its breach is
  // recorded but not told.
  const due = alarms.filter((a) => a.at <= now);
  for (const alarm of due) {
    const overtaken = due.some(
      (b) => b.clock === alarm.clock && b.kind === "breach" && alarm.kind === "warning",
    );
    const late = now.getTime() - alarm.at.getTime() > o.lateAfterMinutes * 60_000;
    const told = !late && !overtaken;
    const [fresh] = await tx
      .insert(caseClockAlarms)
      .values({ caseId: kase.id, clock: alarm.clock, kind: alarm.kind, dueAt: alarm.dueAt, told })
      .onConflictDoNothing()
      .returning({ id: caseClockAlarms.id });
    if (!fresh) continue;
    if (!told) {
      if (late) run.late++;
      if (late) await record(tx, kase, alarm, null, false);
      continue;
    }
    if (alarm.clock === "return") {
      await sendBack(tx, kase, policy, now);
      run.returned++;
      continue;
    }
    await raise(tx, kase, policy, alarm);
    if (alarm.kind === "warning") run.warned++;
    else run.breached++;
  }
  await tx
    .update(cases)
    .set({ slaAlarmAt: nextAlarmAt(alarms, now) })
    .where(eq(cases.id, kase.id));
}

/** The note on the case, then its event; the subscribers tell the people it names. */
async function raise(tx: Db, kase: ClockedCase, policy: Policy, alarm: Alarm): Promise<void> {
  const owner = kase.ownerId ? await personById(tx, kase.ownerId) : undefined;
  const raisedTo =
    alarm.kind === "breach" || !owner
      ? (await membersInRoles(tx, kase.workspaceId, policy.sla.breachRoles)).map((p) => ({
          ...p,
          role: policy.roles.find((r) => r.id === p.role)?.name ?? p.role,
        }))
      : [];
  const zone = owner?.timeZone ?? policy.regions[0]?.timeZone ?? "UTC";
  const told = { alarm, ownerName: owner?.name ?? null, raisedTo };
  const body = alarmNote({ ...told, zone });
  const people = [...(owner ? [owner.id] : []), ...raisedTo.map((p) => p.id)];
  await noteAndRecord(tx, kase, policy, alarm, { body, line: alarmLine(told) }, people);
}

/** Baton's note on the case naming whom it tells, then the alarm's event that tells them. */
async function noteAndRecord(
  tx: Db,
  kase: ClockedCase,
  policy: Policy,
  alarm: Alarm,
  { body, line }: { body: string; line: Said },
  people: string[],
): Promise<void> {
  const [note] = await tx
    .insert(activities)
    .values({
      caseId: kase.id,
      kind: "system",
      visibility: "private",
      body,
      authorId: null,
      mentions: people,
      data: {
        event: alarm.kind === "warning" ? "case.sla_warning" : "case.sla_breached",
        clock: alarm.clock,
        dueAt: alarm.dueAt.toISOString(),
        line,
      },
    })
    .returning({ id: activities.id });
  await record(tx, kase, alarm, note ? { id: note.id, body, people, policy } : null, true);
}

async function record(
  tx: Db,
  kase: ClockedCase,
  alarm: Alarm,
  note: { id: number; body: string; people: string[]; policy: Policy } | null,
  told: boolean,
): Promise<void> {
  await emit(tx, {
    name: alarm.kind === "warning" ? "case.sla_warning" : "case.sla_breached",
    actorId: null,
    workspaceId: kase.workspaceId,
    caseId: kase.id,
    caseNumber: kase.number,
    subjectId: String(kase.number),
    data: {
      clock: alarm.clock,
      dueAt: alarm.dueAt.toISOString(),
      ownerId: kase.ownerId,
      activityId: note?.id ?? null,
      told,
    },
    facts: note
      ? {
          activityId: note.id,
          activity: "note",
          visibility: "private",
          body: note.body,
          caseSubject: kase.subject,
          authorName: "Baton (SLA clock)",
          mentions: note.people,
          language: note.policy.defaults.language,
        }
      : null,
  });
}

/**
 * The return timer ran out: the auto-assigned owner never answered. Back to the queue (the
 * routing then offers it to the next agent), or raised to the shift lead, as the policy says.
 */
async function sendBack(tx: Db, kase: ClockedCase, policy: Policy, now: Date): Promise<void> {
  const to = policy.sla.returnTimer?.to ?? "queue";
  const previous = kase.ownerId;
  const owner = previous ? await personById(tx, previous) : undefined;
  if (to === "shift_lead") {
    const alarm: Alarm = {
      clock: "return",
      kind: "breach",
      at: now,
      dueAt: kase.clocks.returnDueAt ?? now,
    };
    const leads = await membersInRoles(tx, kase.workspaceId, ["shift_lead"]);
    const zone = owner?.timeZone ?? policy.regions[0]?.timeZone ?? "UTC";
    const told = { alarm, ownerName: owner?.name ?? null };
    const body = `${alarmNote({
      ...told,
      zone,
      raisedTo: leads.map((p) => ({ ...p, role: "shift lead" })),
    })} The shift lead decides who takes it.`;
    // The page words the line in its reader's language, so the role goes by the policy's name.
    const lead = policy.roles.find((r) => r.id === "shift_lead")?.name ?? "shift lead";
    const line = alarmLine({ ...told, raisedTo: leads.map((p) => ({ ...p, role: lead })) }, true);
    await noteAndRecord(
      tx,
      kase,
      policy,
      alarm,
      { body, line },
      leads.map((p) => p.id),
    );
    return;
  }
  const [updated] = await tx
    .update(cases)
    .set({
      ownerId: null,
      returnDueAt: null,
      version: sql`${cases.version} + 1`,
      updatedAt: now,
    })
    .where(eq(cases.id, kase.id))
    .returning({ version: cases.version });
  const why = `${owner?.name ?? "The owner"} did not answer in time after auto-assignment; back to the queue${to === "next_agent" ? " for the next agent" : ""}.`;
  await tx.insert(activities).values({
    caseId: kase.id,
    kind: "system",
    visibility: "private",
    body: why,
    authorId: null,
    data: {
      event: "case.updated",
      clock: "return",
      line: said("returnedToQueue", {
        owner: owner?.name,
        nextAgent: to === "next_agent" ? 1 : null,
      }),
    },
  });
  await emit(tx, {
    name: "case.updated",
    actorId: null,
    workspaceId: kase.workspaceId,
    caseId: kase.id,
    caseNumber: kase.number,
    subjectId: String(kase.number),
    data: {
      changes: { ownerId: { from: previous, to: null } },
      version: updated?.version,
      why,
    },
  });
  // "next_agent": the queue's method offers it at once to another agent than the one who let it
  // lapse; "queue": it waits there for the next routing pass or someone to take it.
  if (to !== "next_agent") return;
  await routeCase(tx, emittingIn(tx), {
    caseId: kase.id,
    trigger: "return_timer",
    actorId: null,
    now,
    policy,
    ...(previous ? { exclude: new Map([[previous, "let it lapse unanswered"]]) } : {}),
  });
}
