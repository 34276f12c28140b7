import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { cases, invitations, memberships, sessions, users, workspaces } from "../db/schema.ts";
import { OPEN_STATUSES } from "../domain/case-status.ts";
import { conflict, DomainError, notFound } from "../domain/errors.ts";
import { permissionsOf } from "../domain/policy/parse.ts";
import type { Policy } from "../domain/policy/schema.ts";
import { isUuid } from "../domain/text.ts";

export interface MemberRow {
  id: string;
  name: string;
  email: string;
  role: string;
  region: string | null;
  queues: string[];
  deactivatedAt: Date | null;
  version: number;
  openCases: number;
  lastSignInAt: Date | null;
}

const openOf = (
  userId: ReturnType<typeof sql>,
  workspaceId: ReturnType<typeof sql>,
) => sql<number>`(
  select count(*)::int from ${cases} c
  where c.workspace_id = ${workspaceId}
    and (c.owner_id = ${userId} or c.secondary_owner_id = ${userId})
    and c.status in (${sql.join(
      OPEN_STATUSES.map((s) => sql`${s}`),
      sql`, `,
    )}))`;

/** The workspace's people with their role, whether active, and how many open cases they hold. */
export const membersOf = (db: Db, workspaceId: string): Promise<MemberRow[]> =>
  memberRows(db, workspaceId);

export async function memberOf(
  db: Db,
  workspaceId: string,
  userId: string,
): Promise<MemberRow | undefined> {
  const [row] = await memberRows(db, workspaceId, userId);
  return row;
}

function memberRows(db: Db, workspaceId: string, userId?: string): Promise<MemberRow[]> {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      region: memberships.region,
      queues: memberships.queues,
      deactivatedAt: users.deactivatedAt,
      version: users.version,
      openCases: openOf(sql`${users.id}`, sql`${memberships.workspaceId}`),
      lastSignInAt:
        sql<Date | null>`(select max(s.created_at) from ${sessions} s where s.user_id = ${users.id})`.mapWith(
          sessions.createdAt,
        ),
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.workspaceId, workspaceId),
        userId ? eq(memberships.userId, userId) : undefined,
      ),
    )
    .orderBy(asc(sql`lower(${users.name})`), asc(users.id));
}

/** Active members whose role may manage people: the workspace must always keep one. */
export async function activeAdmins(db: Db, workspaceId: string, policy: Policy): Promise<string[]> {
  const rows = await db
    .select({ id: users.id, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), isNull(users.deactivatedAt)));
  return rows.filter((r) => permissionsOf(policy, r.role).has("user.manage")).map((r) => r.id);
}

/** The workspaces a person belongs to. */
export async function workspacesOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: memberships.workspaceId })
    .from(memberships)
    .where(eq(memberships.userId, userId));
  return rows.map((r) => r.id);
}

export interface OpenCase {
  number: number;
  subject: string;
  workspace: string;
  role: "owner" | "secondary";
}

/** The open cases a person owns or co-owns, in one workspace or all, for an admin to hand off. */
export async function openCasesOf(
  db: Db,
  userId: string,
  workspaceId?: string,
): Promise<OpenCase[]> {
  const rows = await db
    .select({
      number: cases.number,
      subject: cases.subject,
      workspace: workspaces.slug,
      ownerId: cases.ownerId,
    })
    .from(cases)
    .innerJoin(workspaces, eq(workspaces.id, cases.workspaceId))
    .where(
      and(
        or(eq(cases.ownerId, userId), eq(cases.secondaryOwnerId, userId)),
        inArray(cases.status, [...OPEN_STATUSES]),
        workspaceId ? eq(cases.workspaceId, workspaceId) : undefined,
      ),
    )
    .orderBy(asc(cases.number))
    .limit(500);
  return rows.map((r) => ({
    number: r.number,
    subject: r.subject,
    workspace: r.workspace,
    role: r.ownerId === userId ? "owner" : "secondary",
  }));
}

export type InvitationRow = typeof invitations.$inferSelect;

export async function invitationsOf(db: Db, workspaceId: string): Promise<InvitationRow[]> {
  return db
    .select()
    .from(invitations)
    .where(eq(invitations.workspaceId, workspaceId))
    .orderBy(desc(invitations.createdAt))
    .limit(200);
}

export async function invitationById(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<InvitationRow | undefined> {
  const [row] = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.id, id)));
  return row;
}

export async function invitationByHash(
  db: Db,
  hash: string,
): Promise<(InvitationRow & { workspaceName: string; workspaceSlug: string }) | undefined> {
  const [row] = await db
    .select({
      invitation: invitations,
      workspaceName: workspaces.name,
      workspaceSlug: workspaces.slug,
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(eq(invitations.tokenHash, hash));
  return (
    row && { ...row.invitation, workspaceName: row.workspaceName, workspaceSlug: row.workspaceSlug }
  );
}

/**
 * A member locked for a roster change: the person's row is the lock and the version every change
 * checks (409 when someone changed them since the admin read it). Anyone else is not found.
 */
export async function lockedMember(tx: Db, workspaceId: string, userId: string, version: number) {
  if (!isUuid(userId)) throw notFound(`Person ${userId}`);
  const [person] = await tx
    .select({ version: users.version, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  const member = person && (await memberOf(tx, workspaceId, userId));
  if (!person || !member) throw notFound(`Person ${userId}`);
  if (person.version !== version)
    throw conflict("This person changed meanwhile; reload and try again", {
      currentVersion: person.version,
    });
  return { member, deactivatedAt: person.deactivatedAt };
}

/** An invitation not yet accepted, locked and checked against the version the admin read. */
export async function lockedInvitation(tx: Db, workspaceId: string, id: string, version: number) {
  const [row] = isUuid(id)
    ? await tx
        .select()
        .from(invitations)
        .where(and(eq(invitations.id, id), eq(invitations.workspaceId, workspaceId)))
        .for("update")
    : [];
  if (!row) throw notFound(`Invitation ${id}`);
  if (row.version !== version)
    throw conflict("The invitation changed meanwhile; reload and try again", {
      currentVersion: row.version,
    });
  if (row.acceptedAt)
    throw new DomainError(
      "conflict",
      "invitation_accepted",
      "This invitation was already accepted",
    );
  return row;
}
