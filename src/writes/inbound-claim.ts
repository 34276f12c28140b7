import { and, eq, inArray, sql } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { inboundMessages } from "../db/schema.ts";
import { conflict, ruleBroken } from "../domain/errors.ts";
import type { InboundState } from "../domain/inbound.ts";

const REVIEWABLE: InboundState[] = ["held", "ignored"];

/** Claims a held or ignored message for a review decision, or says why it cannot. */
export async function claimForReview(
  tx: Db,
  actor: Actor,
  messageId: number,
  expected: number,
  state: InboundState,
) {
  const [done] = await tx
    .update(inboundMessages)
    .set({
      state,
      reviewedBy: actor.userId,
      reviewedAt: sql`now()`,
      version: sql`${inboundMessages.version} + 1`,
    })
    .where(
      and(
        eq(inboundMessages.id, messageId),
        eq(inboundMessages.version, expected),
        inArray(inboundMessages.state, REVIEWABLE),
      ),
    )
    .returning({ id: inboundMessages.id });
  if (done) return;
  const [now] = await tx
    .select({ version: inboundMessages.version, state: inboundMessages.state })
    .from(inboundMessages)
    .where(eq(inboundMessages.id, messageId));
  if (now && now.version !== expected)
    throw conflict("The message changed since you read it", { currentVersion: now.version });
  throw ruleBroken("not_reviewable", `The message is already ${now?.state ?? "gone"}`, "state");
}
