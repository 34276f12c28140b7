import { refreshAnalytics } from "../commands/analytics/refreshAnalytics.ts";
import type { Db } from "../db/client.ts";
import { invalid } from "../domain/errors.ts";
import type { Progress } from "../domain/progress.ts";
import { workspaceBySlug } from "../loaders/workspaces.ts";
import { castOf } from "./history/cast.ts";
import { planHistory } from "./history/plan.ts";
import { playCase } from "./history/play.ts";
import { makeRng } from "./seed/random.ts";

// Handoff history for a workspace (docs/analytics.md, "Demo and generated history"): the last
// weeks of cases opened, replied to, handed off, bounced, reopened and breached, played through
// Baton's own commands by the people who would have done it and moved back in time, then the
// analytics refreshed so the dashboard shows them at once.

export interface HistoryOptions {
  workspaceSlug: string;
  /** Weeks of history before `now` (default 6). */
  weeks?: number;
  /** Cases opened per week that change hands (default 20). */
  casesPerWeek?: number;
  seed?: number;
  /** Where the history ends; default the start of today (UTC), so a day's runs agree. */
  now?: Date;
  /** Skip the analytics refresh (the caller refreshes once after several workspaces). */
  refresh?: boolean;
  onProgress?: Progress;
}

export interface HistoryResult {
  workspace: string;
  cases: number;
  transfers: number;
  /** Planned commands the rules refused: they are left out of the history. */
  refused: number;
  ms: number;
}

export const MAX_WEEKS = 104;
export const MAX_CASES_PER_WEEK = 5_000;

export async function generateHistory(db: Db, options: HistoryOptions): Promise<HistoryResult> {
  const started = performance.now();
  const weeks = options.weeks ?? 6;
  const casesPerWeek = options.casesPerWeek ?? 20;
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_WEEKS)
    throw invalid("weeks", `must be a whole number from 1 to ${MAX_WEEKS}`);
  if (!Number.isInteger(casesPerWeek) || casesPerWeek < 1 || casesPerWeek > MAX_CASES_PER_WEEK)
    throw invalid("casesPerWeek", `must be a whole number from 1 to ${MAX_CASES_PER_WEEK}`);
  const ws = await workspaceBySlug(db, options.workspaceSlug);
  const end = options.now?.getTime() ?? Math.floor(Date.now() / 86_400_000) * 86_400_000;
  const cast = await castOf(db, ws.id);
  const rng = makeRng(`baton-history:${options.seed ?? 1}:${ws.slug}`);
  const scripts = planHistory(ws.policy, cast.people, cast.customers, rng, {
    weeks,
    casesPerWeek,
    end,
  });
  const progress = options.onProgress;
  progress?.("history", 0, scripts.length);
  let transfers = 0;
  let refused = 0;
  for (const [i, script] of scripts.entries()) {
    const played = await playCase(db, ws, cast, script);
    transfers += played.transfers;
    refused += played.refused;
    progress?.("history", i + 1, scripts.length);
  }
  if (options.refresh !== false) await refreshAnalytics(db);
  return {
    workspace: ws.slug,
    cases: scripts.length,
    transfers,
    refused,
    ms: Math.round(performance.now() - started),
  };
}
