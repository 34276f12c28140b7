import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { cases, inboundMessages } from "../../db/schema.ts";
import {
  automaticReason,
  caseReference,
  decideInbound,
  type Outcome,
  oversize,
} from "../../domain/inbound.ts";
import { type Envelope, parseInbound } from "../../inbound/parse.ts";
import type { InboundSettings } from "../../inbound/smtp-listener.ts";
import { caseByNumber, senderOf } from "../../loaders/inbound.ts";
import { emit } from "../../writes/emit.ts";
import { attachAsNote, storeFiles } from "../../writes/inbound-note.ts";

export interface IntakeResult {
  id: number;
  state: Outcome["state"] | "discarded";
  reason: string | null;
  caseNumber: number | null;
  /** The same Message-ID was stored before: nothing new was written. */
  duplicate: boolean;
}

async function existing(
  db: Db,
  messageId: string,
  scope: Scope,
  unplaced: Outcome,
): Promise<IntakeResult | undefined> {
  const [row] = await db
    .select({
      id: inboundMessages.id,
      workspaceId: inboundMessages.workspaceId,
      state: inboundMessages.state,
      reason: inboundMessages.reason,
      caseNumber: cases.number,
    })
    .from(inboundMessages)
    .leftJoin(cases, eq(cases.id, inboundMessages.caseId))
    .where(eq(inboundMessages.messageId, messageId))
    .limit(1);
  if (!row) return undefined;
  const { workspaceId, ...seen } = row;
  // Someone else's case: say what a message to a missing case is told, nothing about that case.
  if (workspaceId && !inScope(scope, workspaceId))
    return {
      id: seen.id,
      state: unplaced.state,
      reason: unplaced.state === "attached" ? null : unplaced.reason,
      caseNumber: null,
      duplicate: true,
    };
  return { ...seen, state: seen.state as IntakeResult["state"], duplicate: true };
}

/**
 * The workspaces whose cases this intake may write to: every workspace for the SMTP listener
 * (mail from the outside world), only the caller's own for a hand-in over the API.
 */
export type Scope = "all" | readonly string[];
const inScope = (scope: Scope, workspaceId: string) =>
  scope === "all" || scope.includes(workspaceId);

// PostgreSQL text cannot hold NUL; the parsed parts are what Baton uses, the raw is for reading.
const rawText = (raw: Buffer) => raw.toString("utf8").replace(/\0/g, "");

/**
 * The one way mail comes in (SMTP listener and HTTP intake): parse, decide, store in one
 * transaction. Resolves only once the message is committed, so the sender may be told 250.
 */
export async function receiveMessage(
  db: Db,
  raw: Buffer,
  envelope: Envelope,
  settings: InboundSettings,
  scope: Scope = "all",
): Promise<IntakeResult> {
  const parsed = await parseInbound(raw, envelope);
  const { facts } = parsed;
  const automatic = automaticReason(facts, settings.own);
  const reference = caseReference(facts, settings.own.replyTo);
  const sizes = parsed.files.map((f) => f.size);
  const decide = (
    found: { number: number; closed: boolean } | null,
    sender: Parameters<typeof decideInbound>[0]["sender"],
    recentFromSender: number,
  ) =>
    decideInbound({
      automatic,
      reference,
      found,
      sender,
      recentFromSender,
      attachmentSizes: sizes,
      limits: settings.limits,
    });
  const seen = await existing(db, parsed.messageId, scope, decide(null, "stranger", 0));
  if (seen) return seen;
  const numbered = reference === null ? undefined : await caseByNumber(db, reference);
  // A case outside the caller's workspaces is, to them, a case that does not exist.
  const kase = numbered && inScope(scope, numbered.workspaceId) ? numbered : undefined;
  const sender = kase
    ? await senderOf(db, kase, facts.fromAddress, parsed.fromName)
    : {
        email: facts.fromAddress,
        name: parsed.fromName,
        role: "stranger" as const,
        userId: null,
        contactId: null,
      };
  const [recent] = kase
    ? await db
        .select({ n: sql<number>`count(*)::int` })
        .from(inboundMessages)
        .where(
          and(
            eq(inboundMessages.caseId, kase.id),
            eq(inboundMessages.fromAddress, facts.fromAddress),
            gt(inboundMessages.receivedAt, sql`now() - interval '1 hour'`),
          ),
        )
    : [];
  const outcome = decide(
    kase ? { number: kase.number, closed: kase.status === "closed" } : null,
    sender.role,
    recent?.n ?? 0,
  );
  const stored = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(inboundMessages)
      .values({
        workspaceId: kase?.workspaceId ?? null,
        caseId: kase?.id ?? null,
        messageId: parsed.messageId,
        fromAddress: facts.fromAddress,
        fromName: parsed.fromName,
        toAddress: parsed.toAddress,
        subject: facts.subject,
        text: parsed.text,
        state: outcome.state,
        reason: outcome.state === "attached" ? null : outcome.reason,
        raw: rawText(raw),
      })
      .onConflictDoNothing({ target: inboundMessages.messageId })
      .returning({ id: inboundMessages.id });
    // Another delivery of the same message committed first.
    if (!row) return undefined;
    // Files over the limits stay in the raw message only; automatic mail keeps none.
    if (outcome.state !== "ignored" && oversize(sizes, settings.limits) === null)
      await storeFiles(tx, row.id, parsed.files);
    if (outcome.state === "attached" && kase)
      await attachAsNote(tx, {
        inboundId: row.id,
        target: { caseId: kase.id, caseNumber: kase.number, workspaceId: kase.workspaceId },
        sender,
        text: parsed.text,
        subject: facts.subject,
        reviewerId: null,
      });
    if (outcome.state === "held")
      await emit(tx, {
        name: "inbound.held",
        actorId: null,
        workspaceId: kase?.workspaceId ?? null,
        caseId: kase?.id ?? null,
        subjectId: String(row.id),
        data: { from: facts.fromAddress, subject: facts.subject, reason: outcome.reason },
      });
    return row;
  });
  if (!stored)
    return (await existing(
      db,
      parsed.messageId,
      scope,
      decide(null, "stranger", 0),
    )) as IntakeResult;
  return {
    id: stored.id,
    state: outcome.state,
    reason: outcome.state === "attached" ? null : outcome.reason,
    caseNumber: outcome.caseNumber,
    duplicate: false,
  };
}
