import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { projects } from "../../db/schema.ts";
import { conflict } from "../../domain/errors.ts";
import { rowVersion } from "../../domain/numbers.ts";
import { projectData } from "../../domain/projects/events.ts";
import { calendarDate, datesInOrder, PROJECT_STATUSES } from "../../domain/projects/tasks.ts";
import { requiredLine } from "../../domain/text.ts";
import { checkMembers, refuse } from "../../loaders/case-refs.ts";
import { projectByCode, projectsWorkspace } from "../../loaders/projects.ts";
import { presentProject } from "../../presenters/projects.ts";
import { emit } from "../../writes/emit.ts";

export const updateProjectInput = z.strictObject({
  version: rowVersion.describe("The version you saw; a stale one is refused"),
  name: requiredLine(200).optional(),
  managerId: z.uuid("must be a person's id").optional(),
  status: z.enum(PROJECT_STATUSES).optional(),
  startsOn: calendarDate.nullable().optional(),
  endsOn: calendarDate.nullable().optional(),
});

/** Renames, re-plans, hands to another PM or closes a project. */
export async function updateProject(
  db: Db,
  actor: Actor,
  slug: string,
  code: string,
  input: z.infer<typeof updateProjectInput>,
) {
  const ws = await projectsWorkspace(db, actor, slug);
  authorize(actor, "project.manage", { workspaceId: ws.id }, ws.policy, `Workspace ${slug}`);
  return db.transaction(async (tx) => {
    const p = await projectByCode(tx, ws.id, code, true);
    if (input.managerId) {
      const issues = await checkMembers(tx, ws.id, { managerId: input.managerId });
      if (issues.length) refuse(issues);
    }
    const { version, ...fields } = input;
    const next = {
      startsOn: fields.startsOn === undefined ? p.row.startsOn : fields.startsOn,
      endsOn: fields.endsOn === undefined ? p.row.endsOn : fields.endsOn,
    };
    datesInOrder(next.startsOn, next.endsOn);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, to] of Object.entries(fields)) {
      const from = p.row[key as keyof typeof fields];
      if (to !== undefined && to !== from) changes[key] = { from, to };
    }
    const [row] = await tx
      .update(projects)
      .set({ ...fields, version: sql`${projects.version} + 1`, updatedAt: new Date() })
      .where(and(eq(projects.id, p.row.id), eq(projects.version, version)))
      .returning();
    if (!row)
      throw conflict(`Project ${code} changed meanwhile; reload it and try again`, {
        currentVersion: p.row.version,
      });
    await emit(tx, {
      name: "project.updated",
      actorId: actor.userId,
      workspaceId: ws.id,
      subjectId: row.id,
      data: { ...projectData(row), changes },
    });
    return presentProject(await projectByCode(tx, ws.id, code));
  });
}
