import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { isDevelopmentQueue, stageOf } from "../../domain/development/stages.ts";
import { invalid, ruleBroken } from "../../domain/errors.ts";
import { code, safeText } from "../../domain/text.ts";
import { loadCase } from "../../loaders/cases.ts";
import { developmentOf } from "../../loaders/development.ts";
import { changeStage } from "../../writes/development.ts";

export const setDevelopmentStageInput = z.strictObject({
  version: z.number().int().positive().describe("The development version you saw"),
  stage: code.describe("One of the policy's development stages"),
  note: safeText(5_000).optional().describe("What changed, for the case's owner"),
});

/**
 * Development moves a case on to another stage (S2.5): those who work in development set it; the
 * support owner and, where the stage says, the customer hear of it.
 */
export async function setDevelopmentStage(
  db: Db,
  actor: Actor,
  number: number,
  input: z.infer<typeof setDevelopmentStageInput>,
) {
  const { row, workspace } = await loadCase(db, actor, number, "case.development");
  const stage = stageOf(workspace.policy, input.stage);
  if (!stage)
    throw invalid(
      "stage",
      `must be one of ${workspace.policy.development.stages.map((s) => s.code).join(", ")}`,
    );
  if (!isDevelopmentQueue(workspace.policy, row.queue))
    throw ruleBroken(
      "not_in_development",
      `Case ${number} is not with development; it reaches development through triage`,
    );
  return db.transaction(async (tx) => {
    const dev = await developmentOf(tx, row.id, true);
    if (!dev) throw ruleBroken("not_in_development", `Case ${number} has not entered development`);
    const changed = await changeStage(tx, {
      kase: { id: row.id, number, workspaceId: row.workspaceId },
      policy: workspace.policy,
      dev: dev.row,
      version: input.version,
      stage,
      note: input.note?.trim() || null,
      actorId: actor.userId,
      by: actor.name,
      source: "baton",
    });
    return { stage: changed.stage, version: changed.version };
  });
}
