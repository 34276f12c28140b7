import { DateTime } from "luxon";
import { type SlaFacts, slaTerms } from "../../domain/sla/terms.ts";
import { GENERIC_SUBJECTS, SUBJECTS, type SubjectSpec } from "./data/subjects.ts";
import {
  ENVIRONMENTS,
  IMPACTS,
  INTERNAL_TITLES,
  OPEN,
  STATUS_WEIGHTS,
  STEPS_TO_REPRODUCE,
} from "./data/texts.ts";
import { fill, planActivities } from "./plan-activities.ts";
import { planClocks } from "./plan-clocks.ts";
import {
  type CustomerRow,
  DAY,
  HOUR,
  type Member,
  type PlannedCase,
  type WorkspaceContext,
} from "./plan-types.ts";

// The cases of a demo workspace: subject, severity, queue, owner and dates drawn so that the
// lists read like the organisation's real work, with the activities that led to each status.

/** The customer's next working day at 10:00 their time: when an engineer would promise a call. */
function nextContact(now: number, zone: string): Date {
  let day = DateTime.fromMillis(now, { zone }).plus({ days: 1 });
  while (day.weekday > 5) day = day.plus({ days: 1 });
  return day.set({ hour: 10, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}

export function planCases(
  ctx: WorkspaceContext,
  members: Member[],
  customersOut: Omit<CustomerRow, "workspaceId">[],
  contactsOf: Map<string, { id: string; name: string }[]>,
): PlannedCase[] {
  const { slug, policy, rng, now, policyRegions, regionalQueues, sharedQueues } = ctx;
  const severities = policy.severities;
  const priorities = policy.priorities;
  const sevWeights = [12, 28, 40, 20, 10, 10];
  const workers = members.filter((m) => m.role !== "admin" && m.role !== "project_manager");
  const agentsOnly = members.filter((m) => m.role === "agent");
  const caseCount = 58 + rng.int(7);
  const planned: PlannedCase[] = [];
  const subjectUse = new Map<SubjectSpec, number>();

  for (let n = 0; n < caseCount; n++) {
    const customer = rng.pick(customersOut);
    const customerId = customer.id as string;
    const contact = rng.pick(contactsOf.get(customerId) ?? []);
    const product = rng.pick(policy.products);
    // The least used subject of the product, so the list does not repeat itself too soon.
    const subjects = SUBJECTS[product.code] ?? GENERIC_SUBJECTS;
    const fewest = Math.min(...subjects.map((x) => subjectUse.get(x) ?? 0));
    const subj = rng.pick(subjects.filter((x) => (subjectUse.get(x) ?? 0) === fewest));
    subjectUse.set(subj, fewest + 1);
    const values = { product: product.name, contact: contact.name.split(" ")[0] ?? contact.name };
    const status = rng.weighted(STATUS_WEIGHTS);
    const sevIndex = rng.weighted(severities.map((_, k) => [k, sevWeights[k] ?? 10] as const));
    const severity = severities[sevIndex] ?? severities[0];
    if (!severity) throw new Error("policy has no severities");
    const scaled =
      severities.length > 1
        ? Math.round((sevIndex * (priorities.length - 1)) / (severities.length - 1))
        : 0;
    const jitter = rng.chance(0.25) ? (rng.chance(0.5) ? 1 : -1) : 0;
    const priority = priorities[Math.max(0, Math.min(priorities.length - 1, scaled + jitter))];
    const planCode = customer.plan ?? policy.defaults.plan;
    const plan = policy.plans.find((pl) => pl.code === planCode);
    const is24x7 =
      plan?.allows24x7 === true &&
      ((sevIndex === 0 && rng.chance(0.75)) || (sevIndex === 1 && rng.chance(0.1)));

    // Queue: the subject's natural queue, the customer's region queue, or a weighted pick.
    let queue: string;
    const customerRegion = customer.region ?? undefined;
    if (subj.queue && policy.queues.some((q) => q.code === subj.queue)) queue = subj.queue;
    else if (regionalQueues.length) {
      const local = regionalQueues.find((q) => q.region === customerRegion);
      queue = (local && rng.chance(0.8) ? local : rng.pick(regionalQueues)).code;
    } else {
      queue = rng.weighted(
        sharedQueues.map((q, k) => [q.code, q.code === policy.defaults.queue ? 6 : 4 - k] as const),
      );
    }
    const queueRegion = policy.queues.find((q) => q.code === queue)?.region;

    // Owner: someone who works the queue; the on-leave agent only holds finished cases.
    const open = OPEN.has(status);
    const candidates = workers.filter(
      (m) =>
        m.queues.includes(queue) &&
        (m.availability !== "on_leave" || !open) &&
        (m.role === "agent" || rng.chance(0.35)),
    );
    const fallback = workers.filter((m) => m.queues.includes(queue));
    const pool = candidates.length ? candidates : fallback;
    // The off-queue agent is clearing a backlog, so holds more open cases than most.
    const weightedPool = pool.flatMap((m) =>
      m.availability === "off_queue" && open ? [m, m] : [m],
    );
    const queueOwned =
      status === "new"
        ? rng.chance(0.55)
        : open && rng.chance(slug === "ps-escalation" ? 0.2 : 0.06);
    const owner = !queueOwned && weightedPool.length ? rng.pick(weightedPool) : undefined;

    // S2.2: in professional services the consultant opens the case and is its secondary owner.
    let secondary: Member | undefined;
    let creator: Member;
    if (slug === "ps-escalation") {
      const consultants = agentsOnly.filter((m) => m.id !== owner?.id);
      secondary = rng.pick(consultants.length ? consultants : agentsOnly);
      creator = secondary;
    } else {
      const triage = members.filter((m) => m.role === "triage");
      creator = owner && rng.chance(0.6) ? owner : rng.pick(triage.length ? triage : workers);
    }

    const region = owner?.region ?? queueRegion ?? customerRegion ?? null;
    const facts: SlaFacts = {
      severity: severity.code,
      plan: planCode,
      is24x7,
      ownerRegion: owner?.region ?? null,
      caseRegion: region,
      customer: { timeZone: customer.timeZone, region: customer.region ?? null },
    };
    // Timeline: finished cases are older; a new one is still within its first-response target
    // (wall-clock time, which business hours only stretch), so a fresh demo is not a wall of red.
    const firstResponseDays = (slaTerms(policy, facts).firstResponseMinutes ?? 36 * 60) / (24 * 60);
    const ageDays =
      status === "new"
        ? Math.max(3 / (24 * 60), firstResponseDays * rng.between(0.05, 0.85))
        : status === "closed" || status === "resolved"
          ? rng.between(6, 45)
          : rng.between(0.5, 28);
    const createdAt = now - ageDays * DAY;
    let updatedAt: number;
    if (status === "new") updatedAt = createdAt + rng.between(0, 0.3) * HOUR;
    else if (open) updatedAt = Math.max(createdAt + HOUR, now - rng.next() ** 2 * 96 * HOUR);
    else updatedAt = Math.min(now - HOUR, createdAt + rng.between(1, 12) * DAY);
    updatedAt = Math.min(updatedAt, now - 60_000);

    const caseId = rng.uuid();
    const clocks = planClocks({
      policy,
      facts,
      status,
      createdAt,
      updatedAt,
      now,
      seed: caseId,
    });
    const impact = sevIndex === 0 ? rng.pick(IMPACTS.slice(0, 4)) : rng.pick(IMPACTS);
    const description = [
      `${contact.name} reports: ${fill(subj.detail, values)}`,
      "",
      `Environment: ${rng.pick(ENVIRONMENTS)}`,
      `Customer time zone: ${customer.timeZone}`,
      `Impact: ${impact}`,
    ].join("\n");
    const followTheSun = slug === "follow-the-sun";
    const row: PlannedCase["row"] = {
      id: caseId,
      workspaceId: "",
      subject: fill(subj.subject, values),
      internalTitle: rng.pick(INTERNAL_TITLES[status]),
      description,
      customerId,
      contactId: contact.id,
      product: product.code,
      severity: severity.code,
      priority: (priority ?? priorities[0])?.code ?? policy.defaults.priority,
      impact,
      plan: planCode,
      is24x7,
      status,
      ownerId: owner?.id ?? null,
      secondaryOwnerId: secondary?.id ?? null,
      queue,
      region: region && policyRegions.has(region) ? region : null,
      brand: rng.weighted(policy.brands.map((b, k) => [b.code, k === 0 ? 3 : 1] as const)),
      pinned: slug === "helpdesk-transfer" && owner !== undefined && rng.chance(0.15),
      partnerTicket:
        followTheSun && rng.chance(0.35)
          ? `PT-${2026}${String(rng.int(1e6)).padStart(6, "0")}`
          : null,
      incidentId:
        followTheSun && sevIndex === 0 && rng.chance(0.6)
          ? `INC-${String(4_000_000 + rng.int(900_000))}`
          : null,
      stepsToReproduce:
        (queue === "triage" || queue === "development") && status !== "new"
          ? rng.pick(STEPS_TO_REPRODUCE)
          : "",
      ...clocks,
      nextContactAt: open && status !== "new" ? nextContact(now, customer.timeZone) : null,
      handoffCount:
        status === "new"
          ? 0
          : rng.weighted([
              [0, 6],
              [1, 3],
              [2, 1],
            ] as const),
      createdBy: creator.id,
      createdAt: new Date(createdAt),
      updatedAt: new Date(updatedAt),
    };

    const acts = planActivities(ctx, row, {
      status,
      values,
      contact,
      owner,
      creator,
      workers,
      members,
      createdAt,
      updatedAt,
    });
    planned.push({ row, activities: acts });
  }
  return planned;
}

/** Links up to three later cases of the same customer to an active case as its child tickets. */
export function linkChildTickets(planned: PlannedCase[]): void {
  let children = 0;
  for (const parent of planned) {
    if (children === 3) break;
    if (parent.row.status !== "active" || parent.row.parentCaseId) continue;
    const child = planned.find(
      (pc) =>
        pc !== parent &&
        !pc.row.parentCaseId &&
        pc.row.ownerId &&
        !planned.some((x) => x.row.parentCaseId === pc.row.id) &&
        pc.row.customerId === parent.row.customerId &&
        pc.row.createdAt > parent.row.createdAt,
    );
    if (!child?.row.ownerId) continue;
    child.row.parentCaseId = parent.row.id;
    child.row.createdBy = child.row.ownerId;
    const first = child.activities[0];
    if (first) first.row.authorId = child.row.ownerId;
    children++;
  }
}
