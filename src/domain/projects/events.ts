// The parts every task event carries, from the task's row as stored.

export interface TaskEventRow {
  id: string;
  workspaceId: string;
  number: number;
  title: string;
  status: string;
  assigneeId: string | null;
  version: number;
}

export const taskData = (row: TaskEventRow, projectCode: string) => ({
  number: row.number,
  project: projectCode,
  title: row.title,
  status: row.status,
  assigneeId: row.assigneeId,
  version: row.version,
});

export const taskEnvelope = (row: TaskEventRow, actorId: string | null) => ({
  actorId,
  workspaceId: row.workspaceId,
  subjectId: row.id,
});

/** What every project event carries. */
export const projectData = (row: {
  code: string;
  name: string;
  managerId: string;
  status: string;
  version: number;
}) => ({
  code: row.code,
  name: row.name,
  managerId: row.managerId,
  status: row.status,
  version: row.version,
});
