import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { cases } from "../../db/schema.ts";
import { notFound, ruleBroken } from "../../domain/errors.ts";
import { ineligible } from "../../domain/routing/choose.ts";
import { slug } from "../../domain/text.ts";
import { scheduleAgents } from "../../loaders/schedule.ts";
import { workspaceBySlug } from "../../loaders/workspaces.ts";
import { autoQueues, routeCase, waitingCasesFor } from "../../reactions/routing.ts";
import { emittingIn } from "../../writes/emit.ts";

export const pullNextCaseInput = z.strictObject({ workspace: slug });

/**
 * "Next case for me": the most urgent case waiting in the caller's auto-assigning queues becomes
 * theirs, where the policy lets agents pull. Refused with the reason when they may not take work
 * now (off shift, at capacity) or nothing waits. Cases another process is assigning are skipped.
 */
export async function pullNextCase(
  db: Db,
  actor: Actor,
  input: z.infer<typeof pullNextCaseInput>,
): Promise<{ number: number }> {
  const member = actor.memberships.find((m) => m.workspaceSlug === input.workspace);
  if (!member) throw notFound(`Workspace ${input.workspace}`);
  const ws = await workspaceBySlug(db, input.workspace);
  authorize(actor, "case.note", { workspaceId: ws.id }, ws.policy);
  if (!ws.policy.routing.pull)
    throw ruleBroken(
      "pull_not_allowed",
      "workspace: this workspace's policy does not let agents take the next case themselves",
      "workspace",
    );
  const now = new Date();
  const me = (await scheduleAgents(db, ws.id)).find((a) => a.id === actor.userId);
  const queues = autoQueues(ws.policy).filter(
    (q) => !me || me.queues.length === 0 || me.queues.includes(q),
  );
  const why =
    me && queues[0]
      ? ineligible(ws.policy, me, queues[0], now)
      : "works no queue that assigns automatically";
  if (why) throw ruleBroken("cannot_take_work", `You cannot take a case now: ${why}`, "workspace");
  return db.transaction(async (tx) => {
    for (const caseId of await waitingCasesFor(tx, ws.id, queues, 10)) {
      const routed = await routeCase(tx, emittingIn(tx), {
        caseId,
        trigger: "pulled",
        actorId: actor.userId,
        now,
        onlyAgentId: actor.userId,
        policy: ws.policy,
      });
      if (routed) {
        const [row] = await tx
          .select({ number: cases.number })
          .from(cases)
          .where(eq(cases.id, caseId));
        if (row) return { number: row.number };
      }
    }
    throw ruleBroken("nothing_waiting", "No case waits in your queues", "workspace");
  });
}
