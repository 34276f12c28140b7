import type { FieldIssue } from "../errors.ts";
import type { Policy } from "./schema.ts";

/**
 * The things a case, a transfer or a member names by code. Removing one while something still
 * names it would leave that case unreadable by its labels and unmovable by its rules, so a new
 * version may only remove what nothing open uses.
 */
export const REFERENCED = [
  "queues",
  "severities",
  "priorities",
  "plans",
  "brands",
  "products",
  "transferKinds",
  "roles",
] as const;
export type Referenced = (typeof REFERENCED)[number];

const codesOf = (policy: Policy, list: Referenced): string[] =>
  list === "roles" ? policy.roles.map((r) => r.id) : policy[list].map((i) => i.code);

/** Codes the next version drops, per list; lists that lose nothing are left out. */
export function removedCodes(current: Policy, next: Policy): Partial<Record<Referenced, string[]>> {
  const removed: Partial<Record<Referenced, string[]>> = {};
  for (const list of REFERENCED) {
    const kept = new Set(codesOf(next, list));
    const gone = codesOf(current, list).filter((c) => !kept.has(c));
    if (gone.length) removed[list] = gone;
  }
  return removed;
}

/** How many open things still use each removed code: cases, transfers under way, members. */
export type InUse = Partial<Record<Referenced, Record<string, number>>>;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const openCases = (n: number) => `${plural(n, "open case", "open cases")} (not yet closed)`;

const WHAT: Record<Referenced, { one: string; users: (n: number) => string; fix: string }> = {
  queues: {
    one: "queue",
    users: (n) =>
      `${plural(n, "open case or transfer", "open cases or transfers")} (not yet closed)`,
    fix: "move them first",
  },
  severities: { one: "severity", users: openCases, fix: "change them first" },
  priorities: { one: "priority", users: openCases, fix: "change them first" },
  plans: { one: "plan", users: openCases, fix: "change them first" },
  brands: { one: "brand", users: openCases, fix: "change them first" },
  products: { one: "product", users: openCases, fix: "change them first" },
  transferKinds: {
    one: "transfer kind",
    users: (n) => `${plural(n, "transfer", "transfers")} under way`,
    fix: "let them finish or withdraw them first",
  },
  roles: {
    one: "role",
    users: (n) => plural(n, "member", "members"),
    fix: "give them another role first",
  },
};

/** One issue per removed code that something open still uses, naming the list and the count. */
export function inUseIssues(inUse: InUse): FieldIssue[] {
  return REFERENCED.flatMap((list) =>
    Object.entries(inUse[list] ?? {})
      .filter(([, n]) => n > 0)
      .map(([code, n]) => ({
        field: `policy.${list}`,
        message: `removes ${WHAT[list].one} ${code}, still used by ${WHAT[list].users(n)}; ${WHAT[list].fix}, or keep it`,
      })),
  );
}

// The admin role is the only way back into the policy editor: a version that takes policy or
// user management away from it would lock every admin out with nobody left to undo it.
const KEPT_BY_ADMIN = ["policy.manage", "user.manage"] as const;

export function lockoutIssues(next: Policy): FieldIssue[] {
  const index = next.roles.findIndex((r) => r.id === "admin");
  const admin = next.roles[index];
  if (!admin) return [];
  return KEPT_BY_ADMIN.filter((p) => !admin.permissions.includes(p)).map((p) => ({
    field: `policy.roles.${index}.permissions`,
    message: `the admin role must keep ${p}, or nobody could change this back`,
  }));
}
