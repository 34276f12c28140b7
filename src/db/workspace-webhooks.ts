import { sql } from "drizzle-orm";
import { qualified } from "./qualified.ts";
import { cases, webhookSubscriptions, workspaces } from "./schema.ts";

/** An active webhook subscription, as the outbox addresses it, and the events it wants ("*": all). */
export interface WorkspaceWebhook {
  id: string;
  url: string;
  format: string;
  /** The workspace's slug. */
  workspace: string;
  events: string[];
}

/**
 * The active webhook subscriptions of the case's workspace (usually none), as a column of a
 * statement that reads the case: what a transfer's events will want, read with its lock and handed
 * to `emit.knowWebhooks` instead of asked for by each event.
 */
export const caseWorkspaceWebhooks = sql<WorkspaceWebhook[]>`(select coalesce(json_agg(
    json_build_object('id', s.id, 'url', s.url, 'format', s.format, 'workspace', w.slug,
      'events', s.events)), '[]'::json)
  from ${webhookSubscriptions} s join ${workspaces} w on w.id = s.workspace_id
  where s.workspace_id = ${qualified(cases.workspaceId)} and s.active)`;
