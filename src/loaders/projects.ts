import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "../auth/actor.ts";
import { authorize, can } from "../auth/authorize.ts";
import type { Db } from "../db/client.ts";
import { cases, customers, projects, projectTaskNotes, projectTasks, users } from "../db/schema.ts";
import { notFound } from "../domain/errors.ts";
import type { TaskViewer } from "../domain/projects/tasks.ts";
import { memberWorkspace } from "./member-workspace.ts";
import { type WorkspaceWithPolicy, workspaceById } from "./workspaces.ts";

export type ProjectRow = typeof projects.$inferSelect;
export type TaskRow = typeof projectTasks.$inferSelect;

const manager = alias(users, "manager");
const assignee = alias(users, "assignee");
const follower = alias(projectTasks, "follower");
const followed = alias(projectTasks, "followed");

/** Who looks at a workspace's projects, and what they may do there. */
export function taskViewer(actor: Actor, ws: WorkspaceWithPolicy): TaskViewer {
  const target = { workspaceId: ws.id };
  return {
    userId: actor.userId,
    manages: can(actor, "project.manage", target, ws.policy),
    createsCases: can(actor, "case.create", target, ws.policy),
  };
}

/** A workspace whose projects the actor may read (a stranger learns nothing of it). */
export async function projectsWorkspace(db: Db, actor: Actor, slug: string) {
  const ws = await memberWorkspace(db, actor, { slug }, `Workspace ${slug}`);
  authorize(actor, "project.read", { workspaceId: ws.id }, ws.policy, `Workspace ${slug}`);
  return ws;
}

const projectColumns = {
  row: projects,
  customerName: customers.name,
  managerName: manager.name,
  managerEmail: manager.email,
};

export interface ProjectRecord {
  row: ProjectRow;
  customerName: string;
  managerName: string;
  managerEmail: string;
}

export async function projectsOf(db: Db, workspaceId: string): Promise<ProjectRecord[]> {
  return db
    .select(projectColumns)
    .from(projects)
    .innerJoin(customers, eq(customers.id, projects.customerId))
    .innerJoin(manager, eq(manager.id, projects.managerId))
    .where(eq(projects.workspaceId, workspaceId))
    .orderBy(asc(projects.status), asc(projects.name));
}

/** How many of each project's tasks are in each status. */
export async function taskCounts(db: Db, projectIds: string[]) {
  if (projectIds.length === 0) return new Map<string, Record<string, number>>();
  const rows = await db
    .select({
      projectId: projectTasks.projectId,
      status: projectTasks.status,
      n: sql<number>`count(*)::int`,
    })
    .from(projectTasks)
    .where(inArray(projectTasks.projectId, projectIds))
    .groupBy(projectTasks.projectId, projectTasks.status);
  const counts = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const c = counts.get(r.projectId) ?? {};
    c[r.status] = Number(r.n);
    counts.set(r.projectId, c);
  }
  return counts;
}

export async function projectByCode(
  db: Db,
  workspaceId: string,
  code: string,
  lock = false,
): Promise<ProjectRecord> {
  const q = db
    .select(projectColumns)
    .from(projects)
    .innerJoin(customers, eq(customers.id, projects.customerId))
    .innerJoin(manager, eq(manager.id, projects.managerId))
    .where(and(eq(projects.workspaceId, workspaceId), eq(projects.code, code)));
  const [found] = lock ? await q.for("update", { of: projects }) : await q;
  if (!found) throw notFound(`Project ${code}`);
  return found;
}

export interface TaskRecord {
  row: TaskRow;
  project: ProjectRecord;
  assigneeName: string | null;
  kase: { number: number; subject: string; status: string } | null;
  followsNumber: number | null;
  followUpNumber: number | null;
}

const taskColumns = {
  row: projectTasks,
  project: projects,
  customerName: customers.name,
  managerName: manager.name,
  managerEmail: manager.email,
  assigneeName: assignee.name,
  caseNumber: cases.number,
  caseSubject: cases.subject,
  caseStatus: cases.status,
  followsNumber: followed.number,
  followUpNumber: follower.number,
};

const taskQuery = (db: Db) =>
  db
    .select(taskColumns)
    .from(projectTasks)
    .innerJoin(projects, eq(projects.id, projectTasks.projectId))
    .innerJoin(customers, eq(customers.id, projects.customerId))
    .innerJoin(manager, eq(manager.id, projects.managerId))
    .leftJoin(assignee, eq(assignee.id, projectTasks.assigneeId))
    .leftJoin(cases, eq(cases.id, projectTasks.caseId))
    .leftJoin(followed, eq(followed.id, projectTasks.followsTaskId))
    .leftJoin(follower, eq(follower.followsTaskId, projectTasks.id));

type TaskJoin = Awaited<ReturnType<ReturnType<typeof taskQuery>["execute"]>>[number];

function taskRecordOf(r: TaskJoin): TaskRecord {
  return {
    row: r.row,
    project: {
      row: r.project,
      customerName: r.customerName,
      managerName: r.managerName,
      managerEmail: r.managerEmail,
    },
    assigneeName: r.assigneeName,
    kase:
      r.caseNumber !== null && r.caseSubject !== null && r.caseStatus !== null
        ? { number: r.caseNumber, subject: r.caseSubject, status: r.caseStatus }
        : null,
    followsNumber: r.followsNumber,
    followUpNumber: r.followUpNumber,
  };
}

export async function tasksOfProject(db: Db, projectId: string): Promise<TaskRecord[]> {
  const rows = await taskQuery(db)
    .where(eq(projectTasks.projectId, projectId))
    .orderBy(asc(projectTasks.number));
  return rows.map(taskRecordOf);
}

/** The open tasks assigned to someone, across projects: "my tasks". */
export async function tasksOf(db: Db, workspaceId: string, userId: string) {
  const rows = await taskQuery(db)
    .where(
      and(
        eq(projectTasks.workspaceId, workspaceId),
        eq(projectTasks.assigneeId, userId),
        inArray(projectTasks.status, ["open", "in_progress"]),
      ),
    )
    .orderBy(asc(projectTasks.dueOn), asc(projectTasks.number));
  return rows.map(taskRecordOf);
}

/**
 * A task by its number with its project, for someone who may read the workspace's projects;
 * anyone else is told there is no such task. `lock` takes the task's row for the transaction.
 */
export async function taskByNumber(
  db: Db,
  actor: Actor,
  number: number,
  lock = false,
): Promise<{ task: TaskRecord; ws: WorkspaceWithPolicy }> {
  const q = taskQuery(db).where(eq(projectTasks.number, number));
  const [found] = lock ? await q.for("update", { of: projectTasks }) : await q;
  const what = `Task T-${number}`;
  if (!found) throw notFound(what);
  const ws = await memberWorkspace(db, actor, { id: found.row.workspaceId }, what);
  authorize(actor, "project.read", { workspaceId: ws.id }, ws.policy, what);
  return { task: taskRecordOf(found), ws };
}

/** The task a case was opened from, shown on the case. */
export async function taskOfCase(db: Db, caseId: string) {
  const [found] = await taskQuery(db).where(eq(projectTasks.caseId, caseId));
  return found ? taskRecordOf(found) : null;
}

const noteAuthor = alias(users, "note_author");

export async function taskNotes(db: Db, taskId: string) {
  return db
    .select({
      id: projectTaskNotes.id,
      kind: projectTaskNotes.kind,
      body: projectTaskNotes.body,
      authorId: projectTaskNotes.authorId,
      authorName: noteAuthor.name,
      mentions: projectTaskNotes.mentions,
      data: projectTaskNotes.data,
      createdAt: projectTaskNotes.createdAt,
    })
    .from(projectTaskNotes)
    .leftJoin(noteAuthor, eq(noteAuthor.id, projectTaskNotes.authorId))
    .where(eq(projectTaskNotes.taskId, taskId))
    .orderBy(desc(projectTaskNotes.id));
}

export async function workspaceOfProject(db: Db, p: ProjectRow) {
  return workspaceById(db, p.workspaceId);
}
