import type { z } from "zod";
import type { FieldIssue } from "../errors.ts";
import { onePerField } from "../issue-wording.ts";
import { type Policy, policySchema } from "./schema.ts";

export type PolicyParse = { ok: true; policy: Policy } | { ok: false; issues: FieldIssue[] };

export function issuesFrom(error: z.ZodError): FieldIssue[] {
  return onePerField(
    error.issues.map((i) => ({
      field: i.path.length ? i.path.map(String).join(".") : "(root)",
      message: i.message,
    })),
  );
}

export function parsePolicy(input: unknown): PolicyParse {
  const result = policySchema.safeParse(input);
  return result.success
    ? { ok: true, policy: result.data }
    : { ok: false, issues: issuesFrom(result.error) };
}

// Per policy object, once it is frozen: a workspace's policy is parsed once and frozen
// (src/loaders/workspaces.ts), and every request asks for its actor's permissions several times.
// A policy that is not frozen may still change, so its answer is worked out each time.
const granted = new WeakMap<Policy, Map<string, ReadonlySet<string>>>();

/** Permissions a role holds under a policy; a role the policy does not list holds none. */
export function permissionsOf(policy: Policy, role: string): ReadonlySet<string> {
  if (!Object.isFrozen(policy)) return roleSet(policy, role);
  let byRole = granted.get(policy);
  if (!byRole) {
    byRole = new Map();
    granted.set(policy, byRole);
  }
  let set = byRole.get(role);
  if (!set) {
    set = roleSet(policy, role);
    byRole.set(role, set);
  }
  return set;
}

const roleSet = (policy: Policy, role: string): ReadonlySet<string> =>
  new Set(policy.roles.find((r) => r.id === role)?.permissions ?? []);
