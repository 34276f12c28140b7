import type { Policy } from "../../domain/policy/schema.ts";
import type { TransferKind } from "../../domain/transfer/kind-schema.ts";
import { GENERIC_SUBJECTS, SUBJECTS } from "../seed/data/subjects.ts";
import type { Rng } from "../seed/random.ts";
import type { Person } from "./cast.ts";
import type { CaseScript, HandoffScript, Outcome } from "./script.ts";

// Planning a workspace's handoff history: which cases, who holds them, which handoffs of the
// policy's kinds with which outcome, and how well each went. Drawn from one seeded generator in
// a fixed order, so the same seed plans the same history. A few threads make the dashboard tell
// a story: one region's owners miss their 24x7 handovers far more often than the others, the
// policy's first kind with an approval step waits on its approvers for hours, and a handful of
// handoffs go wrong in different ways (a late or missing reply, a bounce, a reopen, a breach).

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The region whose owners miss most 24x7 handovers in the demo's story. */
export const LATE_REGION = "EMEA";

export interface HistoryShape {
  weeks: number;
  casesPerWeek: number;
  /** The moment the history ends (it plays out the weeks before it). */
  end: number;
}

interface Context {
  policy: Policy;
  rng: Rng;
  people: readonly Person[];
  stallKind: string | undefined;
}

const agentsOf = (c: Context) => c.people.filter((p) => p.role === "agent" && p.available);

function nextRegion(policy: Policy, region: string | null): string | undefined {
  const pair = policy.handover.pairs.find((p) => p.from === region);
  if (pair?.to[0]) return pair.to[0];
  const codes = policy.regions.map((r) => r.code);
  const i = codes.indexOf(region ?? "");
  return codes[(i + 1) % codes.length];
}

function outcomeFor(c: Context, kind: TransferKind, agentTarget: boolean): Outcome {
  const acceptance =
    agentTarget &&
    (kind.steps.includes("receiver_acceptance") || kind.guards.includes("receiver-must-agree"));
  const approval = kind.steps.includes("approval");
  const options: [Outcome, number][] = [
    ["completed", 74],
    ["withdrawn", 6],
  ];
  if (acceptance) options.push(["declined", 8]);
  if (acceptance && kind.acceptance.timeoutMinutes) options.push(["expired", 5]);
  if (approval) options.push(["rejected", 7]);
  return c.rng.weighted(options);
}

function reasonFor(kind: TransferKind, around24x7: boolean): string {
  const chosen = around24x7 ? kind.reasons.find((r) => r.customerChoosesRegion) : undefined;
  return (chosen ?? kind.reasons.find((r) => !r.isLeave) ?? kind.reasons[0])?.code ?? "other";
}

/** One handoff of `kind` by `sender`, or undefined when the workspace has nobody to take it. */
function handoff(
  c: Context,
  kind: TransferKind,
  sender: Person,
  queue: string,
  options: { afterHours: number; backTo?: Person; quick?: boolean },
): (HandoffScript & { to: Person | null; queue: string }) | undefined {
  const { rng, policy } = c;
  const others = agentsOf(c).filter((p) => p.id !== sender.id);
  const byRegion = (p: Person) =>
    kind.region === "same"
      ? p.region === sender.region
      : kind.region === "other"
        ? p.region !== sender.region
        : true;
  const agentTarget =
    kind.targets.includes("agent") && !kind.guards.includes("only-assigners-pick-agents");
  const approverId =
    rng.shuffle(
      c.people.filter((p) => p.id !== sender.id && kind.approverRoles.includes(p.role as never)),
    )[0]?.id ?? null;
  let target: HandoffScript["target"];
  let to: Person | null;
  let toQueue = queue;
  let around24x7 = false;
  if (agentTarget) {
    const pool = options.backTo ? [options.backTo] : others.filter(byRegion);
    to = options.backTo ?? (pool.length ? rng.pick(pool) : null);
    if (!to) return undefined;
    target = { agentId: to.id };
  } else {
    const queues = kind.toQueues.length
      ? kind.toQueues
      : policy.queues
          .map((q) => q.code)
          .filter((q) => q !== queue && !/development|triage/.test(q));
    toQueue = kind.toQueues.includes(queue)
      ? queue
      : (rng.pick(queues.length ? queues : [queue]) ?? queue);
    const region =
      kind.only24x7 || kind.region === "other" ? nextRegion(policy, sender.region) : undefined;
    around24x7 = kind.only24x7 === true;
    const auto = policy.queues.find((q) => q.code === toQueue)?.distribution;
    const autoAssign = auto !== undefined && auto !== "manual";
    const takers = others.filter(
      (p) =>
        (region ? p.region === region : true) && (p.queues.includes(toQueue) || p.role !== "agent"),
    );
    to =
      options.backTo ??
      (takers.length
        ? rng.pick(takers)
        : (others.find((p) => !region || p.region === region) ?? null));
    target = {
      queue: toQueue,
      ...(region ? { region } : {}),
      ...(autoAssign ? { autoAssign } : {}),
    };
    if (autoAssign) to = null;
  }
  const reply = rng.weighted<"fast" | "late" | "none">([
    ["fast", 70],
    ["late", 18],
    ["none", 12],
  ]);
  const slow = reply !== "fast";
  return {
    afterHours: options.afterHours,
    kind: kind.code,
    target,
    takerId: agentTarget ? null : (to?.id ?? null),
    reason: reasonFor(kind, around24x7),
    outcome: options.quick ? "completed" : outcomeFor(c, kind, agentTarget),
    sloppy: rng.chance(0.25),
    approverId,
    approvalMinutes:
      kind.code === c.stallKind && !options.quick
        ? rng.between(6 * 60, 30 * 60)
        : rng.between(8, 90),
    acceptanceMinutes: rng.between(10, 180),
    stepMinutes: rng.between(5, 60),
    replyAfterMinutes:
      reply === "fast" ? rng.between(8, 55) : reply === "late" ? rng.between(70, 150) : null,
    breach: slow && rng.chance(0.35),
    missedFirst: false,
    to,
    queue: toQueue,
  };
}

const strip = ({ to: _to, queue: _queue, ...h }: HandoffScript & { to: unknown; queue: unknown }) =>
  h;

function subjectFor(c: Context, n: number): string {
  const products = c.policy.products.map((p) => p.code);
  const pool = products.flatMap((p) => SUBJECTS[p] ?? []);
  const list = pool.length ? pool : GENERIC_SUBJECTS;
  return list[(n + c.rng.int(list.length)) % list.length]?.subject ?? `Case ${n}`;
}

/** Cases that hold the planned history, oldest first. */
export function planHistory(
  policy: Policy,
  people: readonly Person[],
  customers: readonly { id: string; contactId: string | null }[],
  rng: Rng,
  shape: HistoryShape,
): CaseScript[] {
  const c: Context = {
    policy,
    rng,
    people,
    stallKind: policy.transferKinds.find((k) => k.steps.includes("approval"))?.code,
  };
  const agents = agentsOf(c);
  const total = Math.max(0, Math.round(shape.weeks * shape.casesPerWeek));
  const start = shape.end - shape.weeks * 7 * DAY;
  const plan24x7 = policy.plans.find((p) => p.allows24x7)?.code;
  const scripts: CaseScript[] = [];
  for (let n = 0; n < total; n++) {
    const kind = rng.weighted(
      policy.transferKinds.map((k, i) => [k, k.only24x7 ? 6 : Math.max(1, 4 - i)] as const),
    );
    const queue =
      kind.fromQueues[0] ??
      rng.pick(policy.queues.map((q) => q.code).filter((q) => !/development/.test(q)));
    const owners = agents.filter((p) => p.queues.includes(queue));
    const owner = rng.pick(owners.length ? owners : agents);
    if (!owner) break;
    const is24x7 = kind.only24x7 === true && plan24x7 !== undefined;
    const handoffs: HandoffScript[] = [];
    const story = rng.weighted<"one" | "bounce" | "pingpong" | "sun">(
      is24x7
        ? [["sun", 1]]
        : [
            ["one", 80],
            ["bounce", 12],
            ["pingpong", 8],
          ],
    );
    let holder: Person = owner;
    let holderQueue = queue;
    if (story === "sun") {
      // Round the sun: the case goes from region to region until it is solved.
      const legs = 1 + rng.int(4);
      for (let leg = 0; leg < legs; leg++) {
        const h = handoff(c, kind, holder, holderQueue, {
          afterHours: leg === 0 ? rng.between(2, 10) : rng.between(5, 9),
        });
        if (!h) break;
        const late = holder.region === LATE_REGION ? 0.55 : 0.1;
        h.missedFirst = rng.chance(late);
        handoffs.push(strip(h));
        if (h.outcome !== "completed" || !h.to) break;
        holder = h.to;
        holderQueue = h.queue;
      }
    } else {
      const first = handoff(c, kind, holder, holderQueue, { afterHours: rng.between(2, 30) });
      if (first) {
        handoffs.push(strip(first));
        const back = story !== "one" && first.outcome === "completed" ? first.to : null;
        if (back && first.target.agentId) {
          // Back to the sender: once (a bounce) or to and fro (ping-pong).
          const rounds = story === "bounce" ? 1 : 3 + rng.int(2);
          let from = back;
          let to = holder;
          for (let r = 0; r < rounds; r++) {
            const h = handoff(c, kind, from, holderQueue, {
              afterHours: story === "bounce" ? rng.between(3, 40) : rng.between(2, 10),
              backTo: to,
              quick: true,
            });
            if (!h) break;
            handoffs.push(strip(h));
            [from, to] = [to, from];
          }
        }
      }
    }
    const length =
      handoffs.reduce(
        (sum, h) =>
          sum +
          h.afterHours +
          (h.approvalMinutes + h.acceptanceMinutes + 3 * h.stepMinutes) / 60 +
          4,
        0,
      ) + 2;
    const resolveAfterHours = rng.between(6, 48);
    const reopenAfterHours = rng.chance(0.12) ? rng.between(10, 120) : null;
    const span = length + resolveAfterHours + (reopenAfterHours ?? 0) + 22;
    // Every case is solved before the history ends: a case left open weeks ago would have its
    // clocks breach at once when the alarm job next runs.
    const openedAt = Math.max(
      start,
      Math.min(
        start + ((n + rng.next()) / total) * (shape.end - start),
        shape.end - (span + 2) * HOUR,
      ),
    );
    const customer = customers.length ? rng.pick(customers) : undefined;
    scripts.push({
      openedAt: Math.round(openedAt),
      subject: subjectFor(c, n),
      queue,
      ownerId: owner.id,
      is24x7,
      plan: is24x7
        ? plan24x7
        : (policy.plans[n % Math.max(1, policy.plans.length)]?.code ?? undefined),
      product: policy.products[n % Math.max(1, policy.products.length)]?.code,
      customerId: customer?.id,
      contactId: customer?.contactId ?? undefined,
      handoffs,
      resolveAfterHours,
      reopenAfterHours,
    });
  }
  return scripts.sort((a, b) => a.openedAt - b.openedAt);
}
