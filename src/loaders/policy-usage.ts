import { and, count, eq, inArray, ne, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.ts";
import { cases, memberships, transfers } from "../db/schema.ts";
import type { InUse, Referenced } from "../domain/policy/versions.ts";
import { OPEN_TRANSFER_STATES } from "../domain/transfer/machine.ts";

/** How many rows of `column` per code, among `codes`, under `where`. */
async function countBy(
  db: Db,
  table: typeof cases | typeof transfers | typeof memberships,
  column: AnyPgColumn,
  codes: string[],
  where: SQL | undefined,
): Promise<Record<string, number>> {
  const rows = await db
    .select({ code: column, n: count() })
    .from(table)
    .where(and(where, inArray(column, codes)))
    .groupBy(column);
  return Object.fromEntries(rows.map((r) => [String(r.code), Number(r.n)]));
}

function add(into: Record<string, number>, more: Record<string, number>) {
  for (const [code, n] of Object.entries(more)) into[code] = (into[code] ?? 0) + n;
  return into;
}

/**
 * What still uses codes a new policy version would remove: cases not yet closed (a resolved case
 * may be reopened), transfers under way, and members by role.
 */
export async function openUse(
  db: Db,
  workspaceId: string,
  removed: Partial<Record<Referenced, string[]>>,
): Promise<InUse> {
  const used: InUse = {};
  const notClosed = and(eq(cases.workspaceId, workspaceId), ne(cases.status, "closed"));
  const open = inArray(transfers.state, [...OPEN_TRANSFER_STATES]);
  // A transfer to another workspace names that workspace's queue.
  const intoHere = and(
    sql`coalesce(${transfers.targetWorkspaceId}, ${transfers.workspaceId}) = ${workspaceId}`,
    open,
  );
  const caseColumns = {
    queues: cases.queue,
    severities: cases.severity,
    priorities: cases.priority,
    plans: cases.plan,
    brands: cases.brand,
    products: cases.product,
  } as const;
  for (const [list, column] of Object.entries(caseColumns) as [
    keyof typeof caseColumns,
    AnyPgColumn,
  ][]) {
    const codes = removed[list];
    if (codes?.length) used[list] = await countBy(db, cases, column, codes, notClosed);
  }
  if (removed.queues?.length)
    used.queues = add(
      used.queues ?? {},
      await countBy(db, transfers, transfers.targetQueue, removed.queues, intoHere),
    );
  if (removed.transferKinds?.length)
    used.transferKinds = await countBy(
      db,
      transfers,
      transfers.kind,
      removed.transferKinds,
      and(eq(transfers.workspaceId, workspaceId), open),
    );
  if (removed.roles?.length)
    used.roles = await countBy(
      db,
      memberships,
      memberships.role,
      removed.roles,
      eq(memberships.workspaceId, workspaceId),
    );
  return used;
}
