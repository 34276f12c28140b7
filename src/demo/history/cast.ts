import { and, asc, eq, isNull } from "drizzle-orm";
import type { Actor } from "../../auth/actor.ts";
import { loadActor } from "../../auth/load-actor.ts";
import type { Db } from "../../db/client.ts";
import { contacts, customers, memberships, users } from "../../db/schema.ts";

/** Who works in the workspace, as the history casts them, and the customers it serves. */
export interface Person {
  id: string;
  name: string;
  role: string;
  region: string | null;
  queues: readonly string[];
  available: boolean;
  handoverSme: boolean;
}

export interface Cast {
  people: Person[];
  customers: { id: string; contactId: string | null }[];
  actor(userId: string): Promise<Actor>;
}

export async function castOf(db: Db, workspaceId: string): Promise<Cast> {
  const people = await db
    .select({
      id: users.id,
      name: users.name,
      role: memberships.role,
      region: memberships.region,
      queues: memberships.queues,
      availability: users.availability,
      handoverSme: memberships.handoverSme,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), isNull(users.deactivatedAt)))
    .orderBy(asc(users.email));
  const served = await db
    .select({ id: customers.id, contactId: contacts.id })
    .from(customers)
    .leftJoin(contacts, eq(contacts.customerId, customers.id))
    .where(eq(customers.workspaceId, workspaceId))
    .orderBy(asc(customers.name), asc(contacts.email));
  const firstContact = new Map<string, string | null>();
  for (const c of served) if (!firstContact.has(c.id)) firstContact.set(c.id, c.contactId);
  // Everyone is loaded now: a case is played in one transaction, and PGlite's one connection
  // would wait forever for a read outside it.
  const actors = new Map<string, Actor>();
  for (const p of people) {
    const a = await loadActor(db, p.id, "session");
    if (a) actors.set(p.id, a);
  }
  return {
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      role: p.role,
      region: p.region,
      queues: p.queues,
      available: p.availability === "available",
      handoverSme: p.handoverSme,
    })),
    customers: [...firstContact].map(([id, contactId]) => ({ id, contactId })),
    async actor(userId) {
      const a = actors.get(userId);
      if (!a) throw new Error(`history: no member ${userId}`);
      return a;
    },
  };
}
