import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { cases, contacts, customers, memberships } from "../db/schema.ts";
import { DomainError, type FieldIssue } from "../domain/errors.ts";

export function refuse(issues: FieldIssue[]): never {
  throw new DomainError("rule", "unknown_reference", issues.map((i) => i.message).join("; "), {
    issues,
  });
}

/** People named on a case must be members of its workspace. */
export async function checkMembers(
  db: Db,
  workspaceId: string,
  people: Record<string, string | null | undefined>,
): Promise<FieldIssue[]> {
  const ids = Object.values(people).filter((v): v is string => Boolean(v));
  if (ids.length === 0) return [];
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, ids)));
  const found = new Set(rows.map((r) => r.userId));
  return Object.entries(people)
    .filter(([, id]) => id && !found.has(id))
    .map(([field]) => ({ field, message: `${field}: no such agent in this workspace` }));
}

export async function checkCustomer(
  db: Db,
  workspaceId: string,
  customerId: string | null | undefined,
  contactId: string | null | undefined,
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (customerId) {
    const [c] = await db
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.id, customerId), eq(customers.workspaceId, workspaceId)));
    if (!c) issues.push({ field: "customerId", message: "customerId: no such customer here" });
  }
  if (contactId) {
    const [c] = await db
      .select({ customerId: contacts.customerId })
      .from(contacts)
      .innerJoin(customers, eq(customers.id, contacts.customerId))
      .where(and(eq(contacts.id, contactId), eq(customers.workspaceId, workspaceId)));
    if (!c) issues.push({ field: "contactId", message: "contactId: no such contact here" });
    else if (customerId && c.customerId !== customerId)
      issues.push({ field: "contactId", message: "contactId: belongs to another customer" });
  }
  return issues;
}

export async function parentCaseId(
  db: Db,
  workspaceId: string,
  number: number | undefined,
): Promise<{ id: string | null; issues: FieldIssue[] }> {
  if (number === undefined) return { id: null, issues: [] };
  const [row] = await db
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.number, number), eq(cases.workspaceId, workspaceId)));
  return row
    ? { id: row.id, issues: [] }
    : {
        id: null,
        issues: [{ field: "parentCaseNumber", message: "parentCaseNumber: no such case here" }],
      };
}
