import type { webhookSubscriptions } from "../db/schema.ts";

type WebhookRow = typeof webhookSubscriptions.$inferSelect;

export function webhookView(r: WebhookRow, workspace: string) {
  return {
    id: r.id,
    workspace,
    url: r.url,
    format: r.format,
    events: r.events,
    active: r.active,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  };
}
