import type { Policy } from "../policy/schema.ts";
import { DEFAULT_CUSTOMER_HOURS, regionSchedule } from "../schedule/hours.ts";
import type { SlaCalendar } from "./calendar.ts";
import type { SlaTarget } from "./policy.ts";

/** What decides a case's SLA terms: the fields targets match and whose hours count. */
export interface SlaFacts {
  severity: string;
  plan: string | null;
  is24x7: boolean;
  /** The owner's region in this workspace (their membership), if owned. */
  ownerRegion: string | null;
  /** The case's region, else its queue's. */
  caseRegion: string | null;
  customer: { timeZone: string; region: string | null } | null;
}

/** The targets and rules one case's clocks run by, as the policy gives them for it. */
export interface SlaTerms {
  calendar: SlaCalendar;
  /** In words for people: "around the clock", "EMEA business hours". */
  calendarLabel: string;
  firstResponseMinutes: number | null;
  nextUpdateMinutes: number | null;
  resolutionMinutes: number | null;
  idleLimitMinutes: number | null;
  warnBeforeMinutes: number;
  pauseWhileAwaitingCustomer: boolean;
  returnAfterMinutes: number | null;
}

const specificity = (t: SlaTarget) =>
  (t.severity !== undefined ? 1 : 0) +
  (t.plan !== undefined ? 1 : 0) +
  (t.is24x7 !== undefined ? 1 : 0);

/** The SLA row for a case: the matching row naming most fields, the first of equals. */
export function matchingTarget(policy: Policy, f: SlaFacts): SlaTarget | undefined {
  let best: SlaTarget | undefined;
  for (const t of policy.sla.targets) {
    if (t.severity !== undefined && t.severity !== f.severity) continue;
    if (t.plan !== undefined && t.plan !== f.plan) continue;
    if (t.is24x7 !== undefined && t.is24x7 !== f.is24x7) continue;
    if (!best || specificity(t) > specificity(best)) best = t;
  }
  return best;
}

const AROUND_THE_CLOCK: SlaCalendar = { kind: "24x7" };

function regionCalendar(policy: Policy, code: string | null): SlaCalendar | null {
  const region = code ? policy.regions.find((r) => r.code === code) : undefined;
  if (!region) return null;
  return {
    kind: "hours",
    schedule: regionSchedule(region),
    label: `${region.name} business hours`,
  };
}

/**
 * Whose hours count. A 24x7 case counts around the clock whatever the policy says; a calendar
 * that cannot be found (no owner yet, no region) falls back to the next one that can: the owner's
 * region, then the case's, then around the clock.
 */
export function slaCalendar(policy: Policy, f: SlaFacts): SlaCalendar {
  if (f.is24x7) return AROUND_THE_CLOCK;
  switch (policy.sla.calendar) {
    case "24x7":
      return AROUND_THE_CLOCK;
    case "owner_region":
      return (
        regionCalendar(policy, f.ownerRegion) ??
        regionCalendar(policy, f.caseRegion) ??
        AROUND_THE_CLOCK
      );
    case "case_region":
      return regionCalendar(policy, f.caseRegion) ?? AROUND_THE_CLOCK;
    case "customer": {
      if (!f.customer) return regionCalendar(policy, f.caseRegion) ?? AROUND_THE_CLOCK;
      return (
        regionCalendar(policy, f.customer.region) ?? {
          kind: "hours",
          schedule: { zone: f.customer.timeZone, hours: DEFAULT_CUSTOMER_HOURS },
          label: `the customer's business hours (${f.customer.timeZone})`,
        }
      );
    }
  }
}

export function slaTerms(policy: Policy, f: SlaFacts): SlaTerms {
  const target = matchingTarget(policy, f);
  const severity = policy.severities.find((s) => s.code === f.severity);
  const calendar = slaCalendar(policy, f);
  return {
    calendar,
    calendarLabel: calendar.kind === "24x7" ? "around the clock" : calendar.label,
    firstResponseMinutes: target?.firstResponseMinutes ?? severity?.firstResponseMinutes ?? null,
    nextUpdateMinutes: target?.nextUpdateMinutes ?? severity?.updateEveryMinutes ?? null,
    resolutionMinutes: target?.resolutionMinutes ?? null,
    idleLimitMinutes: policy.sla.idleLimitMinutes ?? null,
    warnBeforeMinutes: policy.sla.warnBeforeMinutes,
    pauseWhileAwaitingCustomer: policy.sla.pauseWhileAwaitingCustomer,
    returnAfterMinutes: policy.sla.returnTimer?.afterMinutes ?? null,
  };
}
