import { desc, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { caseAssignments, users } from "../db/schema.ts";

interface Stored {
  considered?: { agentId: string; name: string; passed: string | null }[];
  matched?: string[] | null;
}

/** The case's latest automatic assignment: to whom, how, and why each other agent was not. */
export async function presentAssignment(db: Db, caseId: string) {
  const [row] = await db
    .select({ a: caseAssignments, agentName: users.name })
    .from(caseAssignments)
    .innerJoin(users, eq(users.id, caseAssignments.agentId))
    .where(eq(caseAssignments.caseId, caseId))
    .orderBy(desc(caseAssignments.id))
    .limit(1);
  if (!row) return null;
  const stored = (row.a.candidates ?? {}) as Stored;
  return {
    method: row.a.method,
    trigger: row.a.trigger,
    at: row.a.createdAt.toISOString(),
    agent: { id: row.a.agentId, name: row.agentName },
    matched: stored.matched ?? null,
    considered: (stored.considered ?? []).map((c) => ({
      agentId: c.agentId,
      name: c.name,
      passed: c.passed,
    })),
  };
}
