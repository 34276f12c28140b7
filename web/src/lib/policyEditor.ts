// The policy editor's structured changes: each takes the draft and answers a new one, never
// editing the draft in place (React state, and the server's frozen copy, stay as they were).
import { PERMISSIONS, type Permission } from "../../../src/domain/permissions.ts";
import type { Policy } from "../../../src/domain/policy/schema.ts";
import type { Distribution } from "../../../src/domain/routing/methods.ts";

export { PERMISSIONS };

/** What each permission lets a role do, in the words of the matrix. */
export const PERMISSION_WORDS: Record<Permission, string> = {
  "case.read": "Read cases",
  "case.create": "Create cases",
  "case.update.own": "Change own cases",
  "case.update.any": "Change anyone's cases",
  "case.assign": "Assign cases",
  "case.transfer": "Transfer cases",
  "case.note": "Add notes",
  "case.audit.read": "Read a case's audit log",
  "agent.list": "List agents",
  "agent.availability.own": "Set own availability",
  "agent.availability.any": "Set anyone's availability",
  "policy.read": "Read the policy",
  "policy.manage": "Change the policy",
  "user.manage": "Manage people",
  "project.read": "See projects",
  "project.manage": "Run projects",
  "report.read": "Read reports",
  "case.development": "Move cases through development",
};

export function togglePermission(
  policy: Policy,
  roleId: string,
  permission: Permission,
  on: boolean,
): Policy {
  return {
    ...policy,
    roles: policy.roles.map((r) => {
      if (r.id !== roleId) return r;
      const rest = r.permissions.filter((p) => p !== permission);
      // Kept in the order Baton lists them, so that ticking and unticking changes nothing.
      const next = on ? PERMISSIONS.filter((p) => p === permission || rest.includes(p)) : rest;
      return { ...r, permissions: next };
    }),
  };
}

export function toggleExcludedGroup(policy: Policy, queue: string, excluded: boolean): Policy {
  const rest = policy.transferExcludedGroups.filter((g) => g !== queue);
  return {
    ...policy,
    transferExcludedGroups: excluded
      ? policy.queues.map((q) => q.code).filter((c) => c === queue || rest.includes(c))
      : rest,
  };
}

export function setDistribution(policy: Policy, queue: string, to: Distribution): Policy {
  return {
    ...policy,
    queues: policy.queues.map((q) => (q.code === queue ? { ...q, distribution: to } : q)),
  };
}

type SeverityField = "name" | "firstResponseMinutes" | "updateEveryMinutes";

/** A severity's name or a target in minutes; an empty target means none. */
export function setSeverity(
  policy: Policy,
  code: string,
  field: SeverityField,
  value: string,
): Policy {
  return {
    ...policy,
    severities: policy.severities.map((s) => {
      if (s.code !== code) return s;
      if (field === "name") return { ...s, name: value };
      const { [field]: _old, ...rest } = s;
      const minutes = Number(value);
      return value.trim() === "" || !Number.isFinite(minutes)
        ? rest
        : { ...rest, [field]: minutes };
    }),
  };
}

/** A region's holidays from "2026-12-25, 2027-01-01" (commas, spaces or new lines). */
export function setHolidays(policy: Policy, region: string, text: string): Policy {
  const holidays = text
    .split(/[\s,]+/)
    .map((d) => d.trim())
    .filter(Boolean);
  return {
    ...policy,
    regions: policy.regions.map((r) => (r.code === region ? { ...r, holidays } : r)),
  };
}

/** A change's value in a line: lists joined, objects as compact JSON. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== "object"))
    return value.length ? value.join(", ") : "(none)";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The JSON a person typed in the advanced editor, or why it is not JSON. */
export function readJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: `Not valid JSON: ${(error as Error).message}` };
  }
}

/** The file name an export is saved under. */
export const exportFileName = (workspace: string, version: number) =>
  `${workspace}-policy-v${version}.json`;
