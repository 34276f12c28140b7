import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { conflict, forbidden, invalid } from "../../domain/errors.ts";
import { rowVersion } from "../../domain/numbers.ts";
import { safeText, slug } from "../../domain/text.ts";
import {
  type TrainingAction,
  type TrainingState,
  trainingAbilities,
  trainingRefusal,
} from "../../domain/training/requests.ts";
import { checkMembers, refuse } from "../../loaders/case-refs.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { lockTrainingRequest } from "../../loaders/training.ts";
import { presentTraining, trainingFactsOf, trainingViewer } from "../../presenters/training.ts";
import { moveTraining } from "../../writes/training.ts";

export const decideTrainingRequestInput = z.strictObject({
  workspace: slug,
  id: z.uuid(),
  version: rowVersion,
  note: safeText(2_000, 0)
    .optional()
    .describe(
      "Approving: a private note on the case; declining (required): why, e.g. point them at the academy",
    ),
  runnerId: z
    .uuid()
    .optional()
    .describe("Approving: who runs the session (default the case's owner, else the approver)"),
});

const TO: Record<TrainingAction, Exclude<TrainingState, "pending">> = {
  accept: "accepted",
  approve: "approved",
  decline: "declined",
  withdraw: "withdrawn",
};

/**
 * Moves a session request on (S4.12): someone takes up a short one and runs it; the shift lead
 * approves a long training naming who runs it, or declines it saying why; the recorder withdraws
 * it while it waits. Who may is `trainingAbilities`'; a request that moved on is a conflict.
 */
export async function decideTrainingRequest(
  db: Db,
  actor: Actor,
  action: TrainingAction,
  input: z.infer<typeof decideTrainingRequestInput>,
) {
  const ws = await memberWorkspace(
    db,
    actor,
    { slug: input.workspace },
    `Workspace ${input.workspace}`,
  );
  const viewer = trainingViewer(actor, ws);
  const rules = ws.policy.training;
  return db.transaction(async (tx) => {
    const r = await lockTrainingRequest(tx, ws.id, input.id);
    const facts = trainingFactsOf(r);
    if (!trainingAbilities(rules, viewer, facts)[action]) {
      const why = trainingRefusal(rules, action, facts);
      throw why.kind === "state" ? conflict(why.message) : forbidden(why.message);
    }
    if (input.runnerId && action !== "approve")
      throw invalid("runnerId", "only an approval names who runs the session");
    const note = input.note?.trim() || null;
    if (action === "decline" && !note)
      throw invalid("note", "say why it is declined, e.g. point them at the academy");
    if (note && action !== "approve" && action !== "decline")
      throw invalid("note", "only an approval or a decline carries a note");
    let runnerId: string | undefined;
    if (action === "accept") runnerId = actor.userId;
    if (action === "approve") {
      runnerId = input.runnerId ?? r.kase.ownerId ?? actor.userId;
      const missing = await checkMembers(tx, ws.id, { runnerId });
      if (missing.length) refuse(missing);
    }
    const moved = await moveTraining(tx, r, {
      to: TO[action],
      version: input.version,
      actor: { userId: actor.userId, name: actor.name },
      ...(runnerId ? { runnerId } : {}),
      note,
      now: new Date(),
    });
    return presentTraining(moved, rules, viewer);
  });
}
