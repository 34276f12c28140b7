import { hashPassword, passwordProblem } from "../auth/passwords.ts";
import { refreshAnalytics } from "../commands/analytics/refreshAnalytics.ts";
import type { Db } from "../db/client.ts";
import { workspaces } from "../db/schema.ts";
import { invalid } from "../domain/errors.ts";
import type { Progress } from "../domain/progress.ts";
import { PRESET_SLUGS, type PresetSlug } from "../presets/index.ts";
import { generateHistory } from "./history.ts";
import { PEOPLE, type Person, REGION_CODES, type RegionCode } from "./seed/data/people.ts";
import { planWorkspace } from "./seed/plan.ts";
import type { DemoLogin, Plan } from "./seed/plan-types.ts";
import { makeRng } from "./seed/random.ts";
import { writeWorkspace } from "./seed/write.ts";

// Demo data: one workspace per preset, filled with invented people, customers and cases that
// read like each organisation's real work. Everything random comes from a PRNG seeded with the
// workspace slug, so two runs produce the same names, subjects and shapes (timestamps are
// relative to the moment of seeding). The parts live in seed/: the fixed content (data/), the
// generator (random.ts), what to create (plan*.ts) and the inserts (write.ts).

export type { DemoLogin } from "./seed/plan-types.ts";

export const DEMO_PASSWORD = "baton-demo-2026";

/**
 * The demo's handoff history: a few cases in the two workspaces a shift lead opens first (the
 * follow-the-sun one carries the missed-handover story). Each case is a few dozen commands, about
 * a quarter of a second on PGlite, so the first start stays within a couple of seconds of what it
 * was; `baton generate-history` plays more, in any workspace.
 */
const DEMO_HISTORY: Partial<Record<PresetSlug, { weeks: number; casesPerWeek: number }>> = {
  "follow-the-sun": { weeks: 2, casesPerWeek: 1 },
  "shift-lead": { weeks: 2, casesPerWeek: 2 },
};

export interface DemoWorkspace {
  slug: string;
  name: string;
  cases: number;
  agents: number;
}

export type DemoSummary =
  | { seeded: false }
  | { seeded: true; workspaces: DemoWorkspace[]; logins: DemoLogin[]; password: string };

/**
 * Fills an empty database with one demo workspace per preset. Does nothing (and says so) when
 * any workspace exists, so it is safe to call at every start.
 */
export async function seedDemo(
  db: Db,
  options?: { password?: string; onProgress?: Progress },
): Promise<DemoSummary> {
  const [any] = await db.select({ id: workspaces.id }).from(workspaces).limit(1);
  if (any) return { seeded: false };
  const password = options?.password ?? DEMO_PASSWORD;
  const problem = await passwordProblem(password);
  if (problem) throw invalid("password", problem);
  const now = Date.now();

  // Each person appears in one workspace only: the pools are shuffled once and dealt out.
  const dealt = makeRng("baton-demo:people");
  const peopleByRegion = Object.fromEntries(
    REGION_CODES.map((r) => [r, dealt.shuffle(PEOPLE[r])]),
  ) as Record<RegionCode, Person[]>;
  const plans: Plan[] = [];
  PRESET_SLUGS.forEach((slug, i) => {
    const plan = planWorkspace(slug, i, peopleByRegion, now);
    for (const r of REGION_CODES) {
      const used = plan.members.filter((m) => m.region === r).length;
      peopleByRegion[r] = [...peopleByRegion[r].slice(used), ...peopleByRegion[r].slice(0, used)];
    }
    plans.push(plan);
  });

  // scrypt runs on libuv's thread pool, so the hashes are started now and overlap with each
  // other and with the inserts of the first workspaces. One hash (one salt) per workspace, shared
  // by its demo users: they all have the same, published password, so per-user salts would hide
  // nothing, and ~60 scrypt runs cost 2-3 s of CPU on a small machine at every first start.
  // Whoever changes their password gets a hash of their own.
  const hashes = plans.map((plan) =>
    hashPassword(password).then((hash) => plan.users.map(() => hash)),
  );
  // An unhandled rejection of a later workspace's hash must not crash the process first.
  for (const h of hashes) h.catch(() => {});

  const summary: DemoWorkspace[] = [];
  const logins: DemoLogin[] = [];
  const progress = options?.onProgress;
  progress?.("workspaces", 0, plans.length);
  for (const [i, plan] of plans.entries()) {
    const wrote = await writeWorkspace(db, plan, hashes[i] as Promise<string[]>, i === 0);
    if (!wrote && i === 0) return { seeded: false };
    progress?.("workspaces", i + 1, plans.length);
    if (!wrote) continue;
    summary.push({
      slug: plan.slug,
      name: plan.name,
      cases: plan.cases.length,
      agents: plan.members.length,
    });
    logins.push(...plan.logins);
  }
  // A modest handoff history, so the analytics show something at once; `baton generate-history`
  // plays more. Each case costs a few dozen commands, so the first start stays quick.
  const historySlugs = summary
    .map((w) => w.slug as PresetSlug)
    .filter((slug) => DEMO_HISTORY[slug] !== undefined);
  progress?.("history", 0, historySlugs.length);
  for (const [i, slug] of historySlugs.entries()) {
    await generateHistory(db, { workspaceSlug: slug, ...DEMO_HISTORY[slug], refresh: false });
    progress?.("history", i + 1, historySlugs.length);
  }
  if (historySlugs.length) await refreshAnalytics(db);
  return { seeded: true, workspaces: summary, logins, password };
}
