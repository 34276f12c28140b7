import { asc, eq } from "drizzle-orm";
import { type Actor, operatorActor } from "../auth/actor.ts";
import { userByEmail } from "../auth/load-actor.ts";
import type { Db } from "../db/client.ts";
import { users, workspaces } from "../db/schema.ts";
import { notFound } from "../domain/errors.ts";
import { workspacesOf } from "../loaders/people.ts";

/** The operator acting as an admin of every workspace (auth/actor.ts operatorActor). */
export async function operator(db: Db): Promise<Actor> {
  const all = await db
    .select({ id: workspaces.id, slug: workspaces.slug })
    .from(workspaces)
    .orderBy(asc(workspaces.slug));
  return operatorActor(all);
}

/**
 * A person by email with their current version and a workspace of theirs: at the command line the
 * operator acts on the state as it is now, so no stale version to send.
 */
export async function personByEmail(db: Db, email: string) {
  const user = await userByEmail(db, email);
  if (!user) throw notFound(`User ${email}`);
  const [row] = await db
    .select({ version: users.version })
    .from(users)
    .where(eq(users.id, user.id));
  const theirs = await workspacesOf(db, user.id);
  const [first] = theirs.length
    ? await db
        .select({ slug: workspaces.slug })
        .from(workspaces)
        .where(eq(workspaces.id, theirs[0] ?? ""))
    : [];
  return { id: user.id, version: row?.version ?? 1, anyWorkspace: first?.slug };
}
