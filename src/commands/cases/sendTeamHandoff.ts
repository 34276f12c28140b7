import { randomUUID } from "node:crypto";
import { and, eq, gte, inArray, or } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { decide } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { cases, memberships, transfers, users } from "../../db/schema.ts";
import { DomainError, type FieldIssue } from "../../domain/errors.ts";
import { safeText } from "../../domain/text.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { emit } from "../../writes/emit.ts";

const MAX_ITEMS = 200;

/**
 * How long after handing a case off its former owner may still tell the team about it: the
 * hand-off email usually follows the transfers it describes (docs/notifications.md).
 */
export const HANDED_OFF_WINDOW_DAYS = 14;

export const teamHandoffInput = z.strictObject({
  to: z
    .union([z.email().max(254), z.array(z.uuid()).min(1).max(500)])
    .optional()
    .describe(
      "The team's mailbox (the policy's teamMailbox) or member ids; by default the team's mailbox, else every member but you",
    ),
  items: z
    .array(
      z.strictObject({
        caseNumber: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
        validated: safeText(4_000, 1).describe("What was validated so far"),
        next: safeText(4_000).default("").describe("What is next"),
      }),
    )
    .min(1)
    .max(MAX_ITEMS),
  note: safeText(5_000).optional().describe("A few words above the list"),
});
export type TeamHandoffInput = z.input<typeof teamHandoffInput>;
type Parsed = z.infer<typeof teamHandoffInput>;

interface Recipient {
  address: string;
  name: string | null;
}

function refuse(kind: "validation" | "rule" | "forbidden", issues: FieldIssue[]): never {
  const code =
    kind === "forbidden" ? "forbidden" : kind === "rule" ? "unknown_reference" : "invalid_input";
  throw new DomainError(kind, code, issues.map((i) => `${i.field}: ${i.message}`).join("; "), {
    issues,
  });
}

/**
 * S4.5: one email per recipient listing the handed-off cases, what was validated so far and what
 * is next, audited as `team.handoff_sent`. Anyone may hand off cases they own or co-own; others'
 * cases need `case.update.any` (leads, supervisors, dispatch/triage, admins): the "team.handoff"
 * action. The whole hand-off is refused if any item is, each refusal naming its item.
 */
export async function sendTeamHandoff(db: Db, actor: Actor, slug: string, input: Parsed) {
  const ws = await memberWorkspace(db, actor, { slug }, `Workspace ${slug}`);
  const numbers = input.items.map((i) => i.caseNumber);
  const issues: FieldIssue[] = [];
  const seen = new Map<number, number>();
  numbers.forEach((n, i) => {
    if (seen.has(n))
      issues.push({ field: `items.${i}.caseNumber`, message: `case ${n} is listed twice` });
    seen.set(n, i);
  });
  if (issues.length) refuse("validation", issues);

  const owner = users;
  const rows = await db
    .select({
      id: cases.id,
      number: cases.number,
      subject: cases.subject,
      ownerId: cases.ownerId,
      secondaryOwnerId: cases.secondaryOwnerId,
      queue: cases.queue,
      ownerName: owner.name,
    })
    .from(cases)
    .leftJoin(owner, eq(owner.id, cases.ownerId))
    .where(and(eq(cases.workspaceId, ws.id), inArray(cases.number, numbers)));
  const byNumber = new Map(rows.map((r) => [r.number, r]));
  const handedOff = await handedOffBy(
    db,
    actor.userId,
    rows.map((r) => r.id),
  );
  const forbidden: FieldIssue[] = [];
  input.items.forEach((item, i) => {
    const field = `items.${i}.caseNumber`;
    const row = byNumber.get(item.caseNumber);
    // A case of another workspace is as unknown here as one that does not exist.
    if (!row) {
      issues.push({ field, message: `no case ${item.caseNumber} in ${slug}` });
      return;
    }
    // A case the sender handed off lately counts as theirs: the email may follow the transfer.
    const owners = handedOff.has(row.id) ? [actor.userId] : [row.ownerId, row.secondaryOwnerId];
    const target = { workspaceId: ws.id, caseOwners: owners };
    if (decide(actor, "team.handoff", target, ws.policy) !== "allow")
      forbidden.push({
        field,
        message: `case ${item.caseNumber} is neither yours nor handed off by you in the last ${HANDED_OFF_WINDOW_DAYS} days; only a lead hands off someone else's case`,
      });
  });
  if (issues.length) refuse("rule", issues);
  if (forbidden.length) refuse("forbidden", forbidden);

  const recipients = await recipientsOf(db, actor, ws.id, ws.policy.teamMailbox, input.to);
  const queueName = (code: string | null) =>
    (code && ws.policy.queues.find((q) => q.code === code)?.name) || code || "no queue";
  const items = input.items.map((item) => {
    const row = byNumber.get(item.caseNumber)!;
    return {
      caseNumber: row.number,
      subject: row.subject,
      // Who holds it as the email is sent: after a transfer, the receiver, not the sender.
      owner: row.ownerName ?? `${queueName(row.queue)} (queue)`,
      validated: item.validated,
      next: item.next,
    };
  });
  const handoffId = randomUUID();
  // One email per recipient is the subscriber's (notify/subscribers.ts), written with the event.
  const queued = await db.transaction((tx) =>
    emit(tx, {
      name: "team.handoff_sent",
      actorId: actor.userId,
      workspaceId: ws.id,
      subjectId: handoffId,
      data: {
        to: recipients.map((r) => r.address),
        cases: items.map((i) => i.caseNumber),
        note: input.note ?? null,
      },
      facts: {
        recipients,
        items,
        senderName: actor.name,
        team: ws.name,
        language: ws.policy.defaults.language,
      },
    }),
  );
  return {
    id: handoffId,
    workspace: ws.slug,
    recipients,
    cases: items.map((i) => i.caseNumber),
    queued,
  };
}

/** The cases among `caseIds` whose transfer this person requested or left, completed lately. */
async function handedOffBy(db: Db, userId: string, caseIds: string[]): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const since = new Date(Date.now() - HANDED_OFF_WINDOW_DAYS * 86_400_000);
  const rows = await db
    .select({ caseId: transfers.caseId })
    .from(transfers)
    .where(
      and(
        inArray(transfers.caseId, caseIds),
        eq(transfers.state, "completed"),
        gte(transfers.completedAt, since),
        or(eq(transfers.fromOwnerId, userId), eq(transfers.requestedBy, userId)),
      ),
    );
  return new Set(rows.map((r) => r.caseId));
}

/** Who gets it: the named members, the team's mailbox, or by default every member but me. */
async function recipientsOf(
  db: Db,
  actor: Actor,
  workspaceId: string,
  teamMailbox: string | undefined,
  to: Parsed["to"],
): Promise<Recipient[]> {
  if (typeof to === "string") {
    // Only the team's own mailbox: a hand-off lists customers' cases and must not leave the team.
    if (!teamMailbox || to.toLowerCase() !== teamMailbox.toLowerCase())
      refuse("rule", [
        {
          field: "to",
          message: teamMailbox
            ? `is not this team's mailbox (${teamMailbox}); name members instead`
            : "this workspace has no team mailbox (policy teamMailbox); name members instead",
        },
      ]);
    return [{ address: teamMailbox, name: null }];
  }
  if (!to && teamMailbox) return [{ address: teamMailbox, name: null }];
  const ids = to ? [...new Set(to)] : null;
  const members = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.workspaceId, workspaceId),
        ids ? inArray(memberships.userId, ids) : undefined,
      ),
    )
    .orderBy(users.name);
  if (to) {
    const found = new Set(members.map((m) => m.id));
    const missing = to
      .map((id, i) => ({ id, i }))
      .filter(({ id }) => !found.has(id))
      .map(({ i }) => ({ field: `to.${i}`, message: "no such member of this workspace" }));
    if (missing.length) refuse("rule", missing);
  }
  const chosen = to ? members : members.filter((m) => m.id !== actor.userId);
  if (chosen.length === 0)
    refuse("rule", [{ field: "to", message: "the team has no other member to tell" }]);
  return chosen.map((m) => ({ address: m.email, name: m.name }));
}
