import { getTableName, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * A column named with its table, for subqueries that refer to the row outside them. Drizzle
 * writes an UPDATE's own columns unqualified (in SET and RETURNING), and inside a subquery a bare
 * name is first looked up in the subquery's tables: `workspace_id` there silently meant the
 * subquery's own column, and a customer was sent another workspace's wording (docs/performance.md,
 * "The transfer inserted by the reassignment's statement").
 */
export const qualified = (column: AnyPgColumn): SQL =>
  sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
