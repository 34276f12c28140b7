import type { notifications } from "../db/schema.ts";

type NotificationRow = typeof notifications.$inferSelect;

/** Where the web app shows what a notification is about. */
export function linkOf(r: Pick<NotificationRow, "kind" | "caseNumber" | "sourceId">): string {
  if (r.kind === "approval_waiting") return "/transfers/approvals";
  return r.caseNumber ? `/cases/${r.caseNumber}` : "/";
}
