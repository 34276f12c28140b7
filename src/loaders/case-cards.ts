import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { cases, users } from "../db/schema.ts";

export async function caseCards(db: Db, workspaceId: string, numbers: number[]) {
  if (!numbers.length) return new Map<number, CaseCard>();
  const rows = await db
    .select({
      number: cases.number,
      subject: cases.subject,
      internalTitle: cases.internalTitle,
      severity: cases.severity,
      status: cases.status,
      ownerId: cases.ownerId,
      ownerName: users.name,
    })
    .from(cases)
    .leftJoin(users, eq(users.id, cases.ownerId))
    .where(and(eq(cases.workspaceId, workspaceId), inArray(cases.number, numbers)));
  return new Map(rows.map((r) => [r.number, r]));
}

interface CaseCard {
  number: number;
  subject: string;
  internalTitle: string;
  severity: string;
  status: string;
  ownerId: string | null;
  ownerName: string | null;
}
