import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema.ts";
import { dayIn } from "../../domain/calls/calls.ts";
import { invalid } from "../../domain/errors.ts";
import { slug } from "../../domain/text.ts";
import { callsOfRunner, callViewer } from "../../loaders/calls.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { presentCall } from "../../presenters/calls.ts";

export const listMyCallsInput = z.strictObject({
  workspace: slug,
  day: z
    .string()
    .regex(/^(today|tomorrow|\d{4}-\d{2}-\d{2})$/, "must be today, tomorrow or a date YYYY-MM-DD")
    .default("today")
    .describe("Which of the viewer's days, in their own time zone"),
});

/** "My calls today": the calls the viewer runs on one calendar day where they are. */
export async function listMyCalls(db: Db, actor: Actor, input: z.infer<typeof listMyCallsInput>) {
  const ws = await memberWorkspace(
    db,
    actor,
    { slug: input.workspace },
    `Workspace ${input.workspace}`,
  );
  const [me] = await db
    .select({ timeZone: users.timeZone })
    .from(users)
    .where(eq(users.id, actor.userId));
  const timeZone = me?.timeZone ?? "UTC";
  const day = dayIn(timeZone, input.day, new Date());
  if (!day) throw invalid("day", "must be today, tomorrow or a real date YYYY-MM-DD");
  const calls = await callsOfRunner(db, ws.id, actor.userId, day);
  const viewer = callViewer(actor, ws);
  return {
    day: day.date,
    timeZone,
    from: day.from.toISOString(),
    to: day.to.toISOString(),
    items: calls.map((c) => presentCall(c, viewer)),
  };
}
