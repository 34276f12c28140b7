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
  return r.caseNumber ? `/cases/${r.caseNumber}` : "/";
}
