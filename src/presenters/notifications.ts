import type { notifications } from "../db/schema.ts";

type NotificationRow = typeof notifications.$inferSelect;

/** Where the web app shows what a notification is about. */
export function linkOf(
  r: Pick<NotificationRow, "kind" | "caseNumber" | "sourceId">,
  workspace: string,
): string {
  if (r.kind === "approval_waiting") return "/transfers/approvals";
  // Requests for the shift lead and their answers: the desk of the workspace they were made in.
  if (r.kind === "desk_request" || r.kind === "desk_decision") return `/w/${workspace}/desk`;
  // Project tasks (S2.1, S2.4): the source names the task first, e.g. "41" or "41:907".
  if (r.kind === "task_mention" || r.kind === "task_follow_up")
    return `/tasks/${r.sourceId.split(":")[0]}`;
  return r.caseNumber ? `/cases/${r.caseNumber}` : "/";
}
