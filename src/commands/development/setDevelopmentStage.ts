import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { isDevelopmentQueue, stageOf } from "../../domain/development/stages.ts";
import { ruleBroken } from "../../domain/errors.ts";
import { rowVersion } from "../../domain/numbers.ts";
import { code, safeText, trackerUrl } from "../../domain/text.ts";
import { loadCase } from "../../loaders/cases.ts";
import { developmentOf } from "../../loaders/development.ts";
import { changeStage, linkTrackerIssue } from "../../writes/development.ts";

export const setDevelopmentStageInput = z.strictObject({
  version: rowVersion.describe("The development version you saw"),
  stage: code.describe("One of the policy's development stages"),
  note: safeText(5_000).optional().describe("What changed, for the case's owner"),
  trackerUrl: trackerUrl
    .optional()
    .describe("The issue in the team's tracker, to link the case to"),
});

/**
 * Development moves a case on to another stage (S2.5): those who work in development set it; the
 * support owner and, where the stage says, the customer hear of it. It may link the tracker issue.
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
    throw ruleBroken(
      "unknown_stage",
      `stage must be one of this workspace's development stages: ${workspace.policy.development.stages.map((s) => s.code).join(", ")}`,
      "stage",
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
    if (input.trackerUrl)
      await linkTrackerIssue(tx, {
        kase: { id: row.id, number, workspaceId: row.workspaceId },
        policy: workspace.policy,
        from: row.trackerUrl,
        to: input.trackerUrl,
        actorId: actor.userId,
      });
    return { stage: changed.stage, version: changed.version };
  });
}
