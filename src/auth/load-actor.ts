import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { prepared } from "../db/prepared.ts";
import { memberships, users, workspaces } from "../db/schema.ts";
import { ROLE_IDS, type RoleId } from "../domain/permissions.ts";
import type { Actor, Membership } from "./actor.ts";

/** Emails are unique regardless of case (users_email_lower), so every lookup uses this key. */
export const emailKey = (email: string): string => email.trim().toLowerCase();

export interface UserRow {
  id: string;
  email: string;
  name: string;
  passwordHash: string | null;
  deactivatedAt: Date | null;
}

export async function userByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      passwordHash: users.passwordHash,
      deactivatedAt: users.deactivatedAt,
    })
    .from(users)
    .where(eq(sql`lower(${users.email})`, emailKey(email)))
    .limit(1);
  return row;
}

const isRoleId = (role: string): role is RoleId => (ROLE_IDS as readonly string[]).includes(role);

/**
 * The user with their memberships, one row per membership. Token and session lookups join
 * these onto their own table, so resolving who asks is one round trip.
 */
export const actorColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  workspaceId: memberships.workspaceId,
  slug: workspaces.slug,
  role: memberships.role,
  groups: memberships.queues,
};

export interface ActorRow {
  id: string;
  email: string;
  name: string;
  workspaceId: string | null;
  slug: string | null;
  role: string | null;
  groups: string[] | null;
}

/** The rows must be ordered by workspace slug (the order memberships are listed in). */
export function actorFrom(rows: ActorRow[], via: Actor["via"]): Actor | undefined {
  const user = rows[0];
  if (!user) return undefined;
  // A role name Baton does not know grants nothing, so leaving it out loses no access.
  const list: Membership[] = rows.flatMap((m) =>
    m.workspaceId && m.slug && m.role && isRoleId(m.role)
      ? [
          {
            workspaceId: m.workspaceId,
            workspaceSlug: m.slug,
            role: m.role,
            groups: m.groups ?? [],
          },
        ]
      : [],
  );
  return { userId: user.id, email: user.email, name: user.name, memberships: list, via };
}

const actorRows = prepared("baton_actor", (db) =>
  db
    .select(actorColumns)
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(users.id, sql.placeholder("userId")))
    .orderBy(workspaces.slug),
);

/** undefined when the user no longer exists, so a stale session or token resolves to no one. */
export async function loadActor(
  db: Db,
  userId: string,
  via: Actor["via"],
): Promise<Actor | undefined> {
  return actorFrom(await actorRows(db, { userId }), via);
}
