import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { activities, caseDevelopment, cases } from "../db/schema.ts";
import { firstStage, isDevelopmentQueue, supportOwnerOf } from "../domain/development/stages.ts";
import { said } from "../domain/said.ts";
import type { EventOf } from "../events/catalogue.ts";
import type { EmitScope, SubscriberList } from "../events/emit.ts";
import { earlierTransfers } from "../loaders/development.ts";

/**
 * A case handed on into a development queue (through triage, S2.5) starts at development's first
 * stage, and the customer's support owner is recorded: development works on it, the owner keeps
 * the customer (docs/development.md). A move between development queues changes nothing.
 */
async function enterDevelopment(
  tx: Db,
  e: EventOf<"transfer.completed">,
  scope: EmitScope,
): Promise<void> {
  const { from, to } = e.data;
  if (!e.caseId || !e.workspaceId || to.workspaceId !== e.workspaceId) return;
  // The transfer's workspace, the case's still: its policy came with the event.
  const { policy } = e.facts;
  if (!isDevelopmentQueue(policy, to.queue) || isDevelopmentQueue(policy, from.queue)) return;
  const [kase] = await tx
    .select({ number: cases.number, secondaryOwnerId: cases.secondaryOwnerId })
    .from(cases)
    .where(eq(cases.id, e.caseId));
  if (!kase) return;
  const supportOwnerId = supportOwnerOf({
    transfers: await earlierTransfers(tx, e.caseId),
    secondaryOwnerId: kase.secondaryOwnerId,
    triageQueue: policy.guardOptions.triageQueue,
    developmentQueues: policy.guardOptions.developmentQueues,
  });
  const stage = firstStage(policy);
  const now = new Date();
  await tx
    .insert(caseDevelopment)
    .values({
      caseId: e.caseId,
      workspaceId: e.workspaceId,
      supportOwnerId,
      stage: stage.code,
      stageSince: now,
      enteredAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: caseDevelopment.caseId,
      set: {
        supportOwnerId,
        stage: stage.code,
        stageSince: now,
        enteredAt: now,
        updatedAt: now,
        version: sql`${caseDevelopment.version} + 1`,
      },
    });
  await tx.insert(activities).values({
    caseId: e.caseId,
    kind: "system",
    visibility: "private",
    body: `Development: ${stage.name}. The customer's owner stays with the case while development works on it.`,
    authorId: e.actorId,
    data: {
      event: "development.entered",
      stage: stage.code,
      line: said("developmentEntered", { stage: stage.name }),
    },
  });
  await scope.emit({
    name: "development.entered",
    actorId: e.actorId,
    workspaceId: e.workspaceId,
    caseId: e.caseId,
    caseNumber: kase.number,
    subjectId: e.caseId,
    data: { number: kase.number, queue: to.queue ?? "", stage: stage.code, supportOwnerId },
  });
}

export const DEVELOPMENT_REACTIONS: SubscriberList = {
  "transfer.completed": [enterDevelopment],
};
