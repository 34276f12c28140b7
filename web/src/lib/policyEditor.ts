// The policy editor's structured changes: each takes the draft and answers a new one, never
// editing the draft in place (React state, and the server's frozen copy, stay as they were).
import { t } from "i18next";
import { duplicateKey } from "../../../src/domain/json-keys.ts";
import { PERMISSIONS, type Permission } from "../../../src/domain/permissions.ts";
import type { Policy } from "../../../src/domain/policy/schema.ts";
import type { Distribution } from "../../../src/domain/routing/methods.ts";

export { PERMISSIONS };

/** What each permission lets a role do, in the words of the matrix: message keys. */
export const PERMISSION_WORDS: Record<Permission, string> = {
  "case.read": "policyEditor.caseRead",
  "case.create": "policyEditor.caseCreate",
  "case.update.own": "policyEditor.caseUpdateOwn",
  "case.update.any": "policyEditor.caseUpdateAny",
  "case.assign": "policyEditor.caseAssign",
  "case.transfer": "policyEditor.caseTransfer",
  "case.note": "policyEditor.caseNote",
  "case.audit.read": "policyEditor.caseAuditRead",
  "agent.list": "policyEditor.agentList",
  "agent.availability.own": "policyEditor.agentAvailabilityOwn",
  "agent.availability.any": "policyEditor.agentAvailabilityAny",
  "policy.read": "policyEditor.policyRead",
  "policy.manage": "policyEditor.policyManage",
  "user.manage": "policyEditor.userManage",
  "project.read": "policyEditor.projectRead",
  "project.manage": "policyEditor.projectManage",
  "report.read": "policyEditor.reportRead",
  "case.development": "policyEditor.caseDevelopment",
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
    return value.length ? value.join(", ") : t("policyEditor.none");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The JSON a person typed in the advanced editor, or why it is not JSON. */
export function readJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      error: t("policyEditor.notValidJson", { reason: (error as Error).message }),
    };
  }
  // JSON.parse keeps the last of a key written twice; the API would refuse such a body.
  const twice = duplicateKey(text);
  if (twice !== undefined) return { ok: false, error: t("policyEditor.keyTwice", { key: twice }) };
  return { ok: true, value };
}

/** The file name an export is saved under. */
export const exportFileName = (workspace: string, version: number) =>
  `${workspace}-policy-v${version}.json`;
