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

/** Permissions a role holds under a policy; a role the policy does not list holds none. */
export function permissionsOf(policy: Policy, role: string): ReadonlySet<string> {
  return new Set(policy.roles.find((r) => r.id === role)?.permissions ?? []);
}
