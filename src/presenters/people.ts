import { invitationState } from "../domain/people/roster.ts";
import type { Policy } from "../domain/policy/schema.ts";
import type { InvitationRow, MemberRow } from "../loaders/people.ts";

const roleName = (policy: Policy, role: string) =>
  policy.roles.find((r) => r.id === role)?.name ?? role.replaceAll("_", " ");

export function presentMember(row: MemberRow, policy: Policy, viewerId: string) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    roleName: roleName(policy, row.role),
    region: row.region,
    queues: row.queues,
    active: row.deactivatedAt === null,
    deactivatedAt: row.deactivatedAt?.toISOString() ?? null,
    lastSignInAt: row.lastSignInAt ? new Date(row.lastSignInAt).toISOString() : null,
    openCases: row.openCases,
    version: row.version,
    you: row.id === viewerId,
  };
}

export function presentInvitation(row: InvitationRow, policy: Policy, now: Date) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    roleName: roleName(policy, row.role),
    state: invitationState(row, now),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    version: row.version,
  };
}

export const rolesOf = (policy: Policy) => policy.roles.map((r) => ({ id: r.id, name: r.name }));
