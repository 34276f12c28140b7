import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { invalid } from "../../domain/errors.ts";
import { normalOffTopics, offTopicsProblem } from "../../domain/mail-preferences.ts";
import { INT4_MAX } from "../../domain/numbers.ts";
import { code, slug } from "../../domain/text.ts";
import { mailChoicesOf } from "../../loaders/mail-preferences.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { TEAM_MAIL_TOPICS } from "../../notify/team-mail.ts";
import { saveMailChoice } from "../../writes/mail-preferences.ts";
import { listMyMailPreferences } from "./listMyMailPreferences.ts";

export const mailPreferencesParams = z.strictObject({ workspace: slug });

export const setMailPreferencesInput = z.strictObject({
  version: z
    .number()
    .int("must be a whole number")
    .min(0, "must be the version you read (0 while you never chose)")
    .max(INT4_MAX, "is not a version Baton issued")
    .describe("The version you read; 0 while you never chose"),
  offTopics: z
    .array(code)
    .max(50)
    .describe("The team mail topics you do not want by email; the in-app notification stays"),
});

/** Turns my team mail topics on or off in one workspace, if nobody changed them meanwhile. */
export async function setMyMailPreferences(
  db: Db,
  actor: Actor,
  params: z.infer<typeof mailPreferencesParams>,
  input: z.infer<typeof setMailPreferencesInput>,
) {
  const ws = await memberWorkspace(db, actor, { slug: params.workspace }, "Workspace");
  const offTopics = normalOffTopics(input.offTopics);
  const problem = offTopicsProblem(offTopics, new Set(TEAM_MAIL_TOPICS.map((t) => t.topic)));
  if (problem) throw invalid(problem.field, problem.message);
  const current = (await mailChoicesOf(db, actor.userId, [ws.id])).get(ws.id);
  const same = current?.version === input.version && current.offTopics.join() === offTopics.join();
  if (!same)
    await db.transaction((tx) =>
      saveMailChoice(tx, {
        userId: actor.userId,
        workspaceId: ws.id,
        offTopics,
        version: input.version,
        via: "account",
        actorId: actor.userId,
      }),
    );
  const all = await listMyMailPreferences(db, actor);
  const mine = all.items.find((i) => i.workspace === ws.slug);
  if (!mine) throw new Error("the workspace just changed is not among the person's");
  return mine;
}
