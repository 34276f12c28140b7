import { type CaseStatus, canMoveStatus } from "./case-status.ts";
import type { FieldIssue } from "./errors.ts";
import type { Policy } from "./policy/schema.ts";

/** The fields of a case whose values must name something in the workspace policy. */
export interface PolicyRefs {
  queue?: string | undefined;
  severity?: string | undefined;
  priority?: string | undefined;
  plan?: string | null | undefined;
  brand?: string | undefined;
  product?: string | null | undefined;
  region?: string | null | undefined;
}

const lists = (p: Policy) =>
  ({
    queue: p.queues,
    severity: p.severities,
    priority: p.priorities,
    plan: p.plans,
    brand: p.brands,
    product: p.products,
    region: p.regions,
  }) satisfies Record<keyof PolicyRefs, { code: string }[]>;

export function unknownRefs(policy: Policy, refs: PolicyRefs): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const known = lists(policy);
  for (const key of Object.keys(known) as (keyof PolicyRefs)[]) {
    const value = refs[key];
    if (value == null) continue;
    if (!known[key].some((item) => item.code === value))
      issues.push({
        field: key,
        message: `unknown ${key} "${value}"; this workspace has ${known[key].map((i) => i.code).join(", ")}`,
      });
  }
  return issues;
}

/**
 * S2.2: a sub-product is optional, but one that is named must be a sub-product of the case's
 * product. Returns the refusal naming the field, or undefined.
 */
export function subProductProblem(
  policy: Policy,
  product: string | null | undefined,
  subProduct: string | null | undefined,
): FieldIssue | undefined {
  if (subProduct == null) return undefined;
  const parent = policy.products.find((p) => p.code === product);
  if (!parent) return { field: "subProduct", message: "name the product before its sub-product" };
  if (parent.subProducts.some((s) => s.code === subProduct)) return undefined;
  const known = parent.subProducts.map((s) => s.code);
  return {
    field: "subProduct",
    message: known.length
      ? `unknown sub-product "${subProduct}" of ${parent.name}; it has ${known.join(", ")}`
      : `${parent.name} has no sub-products`,
  };
}

/** 24x7 coverage is a plan entitlement: a case on a plan without it cannot be flagged 24x7. */
export function planAllows24x7(policy: Policy, plan: string | null | undefined): boolean {
  if (!plan) return false;
  return policy.plans.find((p) => p.code === plan)?.allows24x7 ?? false;
}

export function statusChangeProblem(from: CaseStatus, to: CaseStatus): string | undefined {
  if (canMoveStatus(from, to)) return undefined;
  return from === "closed"
    ? "a closed case cannot change; open a new case instead"
    : `cannot move from ${from} to ${to}`;
}

// "@ana.lima" mentions an agent by the part of their email before the @.
const MENTION = /(?:^|[^\w@.])@([a-z0-9][a-z0-9._-]{0,63})/gi;

export function mentionHandles(body: string): string[] {
  const found = new Set<string>();
  for (const match of body.matchAll(MENTION)) {
    const handle = match[1]?.replace(/[._-]+$/, "").toLowerCase();
    if (handle) found.add(handle);
  }
  return [...found];
}
