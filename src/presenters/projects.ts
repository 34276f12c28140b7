import { type TaskViewer, taskAbilities } from "../domain/projects/tasks.ts";
import { saidIn } from "../domain/said.ts";
import type { ProjectRecord, TaskRecord } from "../loaders/projects.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentProject(p: ProjectRecord, counts: Record<string, number> = {}) {
  return {
    code: p.row.code,
    name: p.row.name,
    status: p.row.status,
    customer: { id: p.row.customerId, name: p.customerName },
    manager: { id: p.row.managerId, name: p.managerName },
    startsOn: p.row.startsOn,
    endsOn: p.row.endsOn,
    tasks: {
      draft: counts.draft ?? 0,
      open: (counts.open ?? 0) + (counts.in_progress ?? 0),
      closed: counts.closed ?? 0,
    },
    version: p.row.version,
  };
}

export function presentTask(t: TaskRecord, viewer: TaskViewer) {
  const r = t.row;
  return {
    number: r.number,
    ref: `T-${r.number}`,
    project: { code: t.project.row.code, name: t.project.row.name },
    title: r.title,
    description: r.description,
    status: r.status,
    assignee: r.assigneeId ? { id: r.assigneeId, name: t.assigneeName ?? "" } : null,
    manager: { id: t.project.row.managerId, name: t.project.managerName },
    customer: { id: t.project.row.customerId, name: t.project.customerName },
    minutesDelivered: r.minutesDelivered,
    estimateMinutes: r.estimateMinutes,
    dueOn: r.dueOn,
    case: t.kase,
    blockedAt: iso(r.blockedAt),
    minutesToFinish: r.minutesToFinish,
    finishOn: r.finishOn,
    caseResolvedAt: iso(r.caseResolvedAt),
    follows: t.followsNumber,
    followUp: t.followUpNumber,
    scheduledOn: r.scheduledOn,
    closedAt: iso(r.closedAt),
    version: r.version,
    can: taskAbilities(viewer, { assigneeId: r.assigneeId, status: r.status, caseId: r.caseId }),
  };
}

export interface TaskNoteRow {
  id: number;
  kind: string;
  body: string;
  authorId: string | null;
  authorName: string | null;
  data: unknown;
  createdAt: Date;
}

export function presentTaskNote(n: TaskNoteRow) {
  const data = (n.data ?? {}) as Record<string, unknown>;
  return {
    id: n.id,
    kind: n.kind,
    body: n.body,
    author: n.authorId ? { id: n.authorId, name: n.authorName ?? "" } : null,
    call:
      n.kind === "call"
        ? {
            withWhom: typeof data.withWhom === "string" ? data.withWhom : "",
            minutes: typeof data.minutes === "number" ? data.minutes : 0,
          }
        : null,
    caseNumber: typeof data.caseNumber === "number" ? data.caseNumber : null,
    // Baton's own note as a code, for a page in the reader's language; none before codes existed.
    line: n.kind === "system" ? saidIn(data) : null,
    createdAt: n.createdAt.toISOString(),
  };
}
