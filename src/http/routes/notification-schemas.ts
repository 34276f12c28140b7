import { z } from "zod";

// What the in-app notification routes answer; the web app's types are these.

export const notification = z.object({
  id: z.number(),
  kind: z
    .string()
    .describe(
      "mention, approval_waiting, transfer_to_me, clock_alert, assigned_to_me, desk_request (a request waits for you on the shift lead's desk), desk_decision (yours was decided), call_reminder (a customer call of yours starts soon), call_missed (a scheduled call was not logged as held), task_mention (a project task mentions you), task_follow_up (the case a task stopped for is resolved: schedule the follow-up) or development_update (development moved a case you own for the customer on, or its owner wrote on a case development works on)",
    ),
  workspace: z.string(),
  caseNumber: z.number().nullable(),
  title: z.string(),
  body: z.string(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  link: z.string().describe("Where the web app shows it: the case, or the approvals inbox"),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

export const notificationPage = z.object({
  items: z.array(notification),
  unread: z.number(),
  nextBefore: z.number().nullable().describe("Pass as `before` for the next page"),
});

export type AppNotification = z.infer<typeof notification>;
export type NotificationPage = z.infer<typeof notificationPage>;
