import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
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
}

export async function userByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      passwordHash: users.passwordHash,
    })
    .from(users)
    .where(eq(sql`lower(${users.email})`, emailKey(email)))
    .limit(1);
  return row;
}

const isRoleId = (role: string): role is RoleId => (ROLE_IDS as readonly string[]).includes(role);

/** undefined when the user no longer exists, so a stale session or token resolves to no one. */
export async function loadActor(
  db: Db,
  userId: string,
  via: Actor["via"],
): Promise<Actor | undefined> {
  // One round trip on every authenticated request: the user with their memberships.
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      workspaceId: memberships.workspaceId,
      slug: workspaces.slug,
      role: memberships.role,
    })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(users.id, userId))
    .orderBy(workspaces.slug);
  const user = rows[0];
  if (!user) return undefined;
  // A role name Baton does not know grants nothing, so leaving it out loses no access.
  const list: Membership[] = rows.flatMap((m) =>
    m.workspaceId && m.slug && m.role && isRoleId(m.role)
      ? [{ workspaceId: m.workspaceId, workspaceSlug: m.slug, role: m.role }]
      : [],
  );
  return { userId: user.id, email: user.email, name: user.name, memberships: list, via };
}
