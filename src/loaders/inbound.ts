import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { cases, contacts, memberships, users } from "../db/schema.ts";
import type { SenderRole } from "../domain/inbound.ts";

export interface NoteSender {
  email: string;
  name: string | null;
  role: SenderRole;
  /** Set when the sender is a member of the workspace: the note is theirs. */
  userId: string | null;
  contactId: string | null;
}

interface CaseFacts {
  id: string;
  number: number;
  workspaceId: string;
  customerId: string | null;
  status: string;
}

/** Who the sender is to the case: a contact of its customer, a member of its workspace, neither. */
export async function senderOf(
  db: Db,
  kase: CaseFacts,
  email: string,
  name: string | null,
): Promise<NoteSender> {
  const address = email.toLowerCase();
  const [contact] = kase.customerId
    ? await db
        .select({ id: contacts.id, name: contacts.name })
        .from(contacts)
        .where(
          and(eq(contacts.customerId, kase.customerId), sql`lower(${contacts.email}) = ${address}`),
        )
        .limit(1)
    : [];
  if (contact)
    return {
      email: address,
      name: name ?? contact.name,
      role: "contact",
      userId: null,
      contactId: contact.id,
    };
  const [member] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(
      and(eq(memberships.workspaceId, kase.workspaceId), sql`lower(${users.email}) = ${address}`),
    )
    .limit(1);
  if (member)
    return {
      email: address,
      name: member.name,
      role: "member",
      userId: member.id,
      contactId: null,
    };
  const role: SenderRole = "stranger";
  return { email: address, name, role, userId: null, contactId: null };
}

export async function caseByNumber(db: Db, number: number): Promise<CaseFacts | undefined> {
  const [row] = await db
    .select({
      id: cases.id,
      number: cases.number,
      workspaceId: cases.workspaceId,
      customerId: cases.customerId,
      status: cases.status,
    })
    .from(cases)
    .where(eq(cases.number, number))
    .limit(1);
  return row;
}
