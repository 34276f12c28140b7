import { and, asc, eq, ilike, inArray } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { contacts, customers } from "../db/schema.ts";
import { notFound } from "../domain/errors.ts";
import { type WorkspaceWithPolicy, workspaceBySlug } from "./workspaces.ts";

export async function customerWorkspace(
  db: Db,
  actor: Actor,
  slug: string,
): Promise<WorkspaceWithPolicy> {
  if (!actor.memberships.some((m) => m.workspaceSlug === slug)) throw notFound(`Workspace ${slug}`);
  return workspaceBySlug(db, slug);
}

export async function readCustomers(
  db: Db,
  workspaceId: string,
  query: { q?: string | undefined; limit?: number; ids?: string[] },
) {
  const rows = await db
    .select()
    .from(customers)
    .where(
      and(
        eq(customers.workspaceId, workspaceId),
        query.q ? ilike(customers.name, `%${query.q.replace(/[\\%_]/g, "\\$&")}%`) : undefined,
        query.ids ? inArray(customers.id, query.ids) : undefined,
      ),
    )
    .orderBy(asc(customers.name))
    .limit(query.limit ?? 100);
  const people = rows.length
    ? await db
        .select()
        .from(contacts)
        .where(
          inArray(
            contacts.customerId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(contacts.name))
    : [];
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    timeZone: c.timeZone,
    language: c.language,
    plan: c.plan,
    region: c.region,
    critical: c.critical,
    contacts: people
      .filter((p) => p.customerId === c.id)
      .map((p) => ({
        id: p.id,
        name: p.name,
        email: p.email,
        phone: p.phone,
        timeZone: p.timeZone,
        language: p.language,
      })),
  }));
}
