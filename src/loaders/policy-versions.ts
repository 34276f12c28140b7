import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { policies, users } from "../db/schema.ts";
import { notFound } from "../domain/errors.ts";

const columns = {
  version: policies.version,
  createdAt: policies.createdAt,
  summary: policies.summary,
  restoredFrom: policies.restoredFrom,
  byId: users.id,
  byName: users.name,
};

export interface PolicyVersionRow {
  version: number;
  createdAt: Date;
  summary: string | null;
  restoredFrom: number | null;
  byId: string | null;
  byName: string | null;
}

/** A workspace's policy versions, newest first, below `before` when given. */
export async function policyVersionRows(
  db: Db,
  workspaceId: string,
  page: { before?: number | undefined; limit: number },
): Promise<PolicyVersionRow[]> {
  return db
    .select(columns)
    .from(policies)
    .leftJoin(users, eq(users.id, policies.createdBy))
    .where(
      and(
        eq(policies.workspaceId, workspaceId),
        page.before === undefined ? undefined : lt(policies.version, page.before),
      ),
    )
    .orderBy(desc(policies.version))
    .limit(page.limit);
}

/** One stored version with its document exactly as stored. */
export async function policyVersionRow(
  db: Db,
  workspaceId: string,
  version: number,
): Promise<PolicyVersionRow & { document: unknown }> {
  const [row] = await db
    .select({ ...columns, document: policies.document })
    .from(policies)
    .leftJoin(users, eq(users.id, policies.createdBy))
    .where(and(eq(policies.workspaceId, workspaceId), eq(policies.version, version)))
    .limit(1);
  if (!row) throw notFound(`Policy version ${version}`);
  return row;
}

/** When a stored version was made, without reading its document. */
export async function policyVersionTime(
  db: Db,
  workspaceId: string,
  version: number,
): Promise<Date> {
  const [row] = await db
    .select({ createdAt: policies.createdAt })
    .from(policies)
    .where(and(eq(policies.workspaceId, workspaceId), eq(policies.version, version)))
    .limit(1);
  if (!row) throw notFound(`Policy version ${version}`);
  return row.createdAt;
}
