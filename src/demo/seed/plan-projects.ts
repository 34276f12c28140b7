import type { projects, projectTasks } from "../../db/schema.ts";
import { DAY, type Member, type WorkspaceContext } from "./plan-types.ts";

type ProjectRow = typeof projects.$inferInsert;
type TaskRow = typeof projectTasks.$inferInsert;

// Seed 002: the professional-services demo has customer projects whose tasks its consultants
// deliver, so a consultant can hit a roadblock and open a case from a task (docs/projects.md).

const PROJECTS = [
  {
    code: "ROLLOUT",
    name: "Reporting rollout",
    tasks: [
      ["Configure the shipments report", 16 * 60],
      ["Train the finance team on dashboards", 6 * 60],
      ["Migrate last year's report definitions", 12 * 60],
    ],
  },
  {
    code: "API-LINK",
    name: "ERP integration",
    tasks: [
      ["Connect the order feed to the ERP", 24 * 60],
      ["Map customer fields for the sync", 8 * 60],
    ],
  },
] as const;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Two projects for the first customers, with the PM and tasks spread over the consultants. */
export function planProjects(
  ctx: WorkspaceContext,
  members: Member[],
  customerIds: string[],
): { projects: ProjectRow[]; tasks: TaskRow[] } {
  if (ctx.slug !== "ps-escalation") return { projects: [], tasks: [] };
  const pm = members.find((m) => m.role === "project_manager");
  const consultants = members.filter((m) => m.role === "agent");
  if (!pm || consultants.length === 0) return { projects: [], tasks: [] };
  const projectsOut: ProjectRow[] = [];
  const tasksOut: TaskRow[] = [];
  PROJECTS.forEach((spec, p) => {
    const customerId = customerIds[p];
    if (!customerId) return;
    const id = ctx.rng.uuid();
    const startsOn = ctx.now - (30 + 10 * p) * DAY;
    projectsOut.push({
      workspaceId: "",
      id,
      code: spec.code,
      name: spec.name,
      customerId,
      managerId: pm.id,
      startsOn: isoDay(startsOn),
      endsOn: isoDay(ctx.now + (45 + 15 * p) * DAY),
      createdBy: pm.id,
      createdAt: new Date(startsOn),
      updatedAt: new Date(startsOn),
    });
    spec.tasks.forEach(([title, estimate], t) => {
      // The first consultant (the demo's agent login) has a task in each project.
      const assignee = consultants[(p + t * 2) % consultants.length] ?? consultants[0];
      const delivered = Math.round((estimate * (t + 1)) / 5 / 30) * 30;
      tasksOut.push({
        workspaceId: "",
        projectId: id,
        title,
        assigneeId: t === 0 ? consultants[0]?.id : assignee?.id,
        status: t === 0 ? "in_progress" : "open",
        minutesDelivered: delivered,
        estimateMinutes: estimate,
        dueOn: isoDay(ctx.now + (10 + 7 * t + 5 * p) * DAY),
        createdBy: pm.id,
        createdAt: new Date(startsOn + DAY),
        updatedAt: new Date(startsOn + DAY),
      });
    });
  });
  return { projects: projectsOut, tasks: tasksOut };
}
