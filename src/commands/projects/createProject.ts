import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { projects } from "../../db/schema.ts";
import { conflict } from "../../domain/errors.ts";
import { projectData } from "../../domain/projects/events.ts";
import { calendarDate, datesInOrder, projectCode } from "../../domain/projects/tasks.ts";
import { requiredLine } from "../../domain/text.ts";
import { checkCustomer, checkMembers, refuse } from "../../loaders/case-refs.ts";
import { projectByCode, projectsWorkspace } from "../../loaders/projects.ts";
import { presentProject } from "../../presenters/projects.ts";
import { emit } from "../../writes/emit.ts";

export const createProjectInput = z.strictObject({
  code: projectCode.describe("Short reference unique in the workspace, e.g. ACME-ROLLOUT"),
  name: requiredLine(200),
  customerId: z.uuid("must be a customer id").describe("The customer the project is for"),
  managerId: z.uuid("must be a person's id").describe("The project manager"),
  startsOn: calendarDate.nullable().optional(),
  endsOn: calendarDate.nullable().optional().describe("The planned end"),
});

/** A customer project with its project manager (S2.4), by someone who runs projects. */
export async function createProject(
  db: Db,
  actor: Actor,
  slug: string,
  input: z.infer<typeof createProjectInput>,
) {
  const ws = await projectsWorkspace(db, actor, slug);
  authorize(actor, "project.manage", { workspaceId: ws.id }, ws.policy, `Workspace ${slug}`);
  datesInOrder(input.startsOn ?? null, input.endsOn ?? null);
  return db.transaction(async (tx) => {
    const issues = [
      ...(await checkMembers(tx, ws.id, { managerId: input.managerId })),
      ...(await checkCustomer(tx, ws.id, input.customerId, undefined)),
    ];
    if (issues.length) refuse(issues);
    const [row] = await tx
      .insert(projects)
      .values({
        workspaceId: ws.id,
        code: input.code,
        name: input.name,
        customerId: input.customerId,
        managerId: input.managerId,
        startsOn: input.startsOn ?? null,
        endsOn: input.endsOn ?? null,
        createdBy: actor.userId,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict(`code: a project ${input.code} exists already`);
    await emit(tx, {
      name: "project.created",
      actorId: actor.userId,
      workspaceId: ws.id,
      subjectId: row.id,
      data: projectData(row),
    });
    return presentProject(await projectByCode(tx, ws.id, row.code));
  });
}
