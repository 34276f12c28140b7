import { randomBytes } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/authorize.ts";
import type { Db } from "../db/client.ts";
import { webhookSubscriptions, workspaces } from "../db/schema.ts";
import { notFound } from "../domain/errors.ts";
import { memberWorkspace } from "../loaders/member-workspace.ts";
import { isChatFormat, LOCAL_CHANNEL, SUBSCRIPTION_FORMATS } from "../notify/chat-format.ts";
import { enqueuePing, WEBHOOK_EVENTS } from "../notify/webhooks.ts";
import { emit } from "../writes/emit.ts";

const isHttpUrl = (value: string) => {
  try {
    const u = new URL(value);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
  } catch {
    return false;
  }
};

export const createWebhookInput = z
  .strictObject({
    url: z
      .string()
      .max(2000)
      .refine(
        (value) => isHttpUrl(value) || LOCAL_CHANNEL.test(value),
        "must be an http or https URL (or local:<channel> for the local format)",
      )
      .describe("Where events are posted; for the local format, local:<channel name>"),
    events: z
      .array(z.enum([...WEBHOOK_EVENTS, "*"]))
      .min(1)
      .max(WEBHOOK_EVENTS.length + 1)
      .describe('Event names, or "*" for all of them'),
    format: z
      .enum(SUBSCRIPTION_FORMATS)
      .default("baton")
      .describe(
        '"baton": signed JSON events; "slack" / "teams": the URL is a chat incoming webhook that ' +
          'gets a readable post per event; "local": Baton\'s own channel, kept in the delivery log',
      ),
  })
  .superRefine((input, ctx) => {
    const local = LOCAL_CHANNEL.test(input.url);
    if (local !== (input.format === "local"))
      ctx.addIssue({
        code: "custom",
        path: ["url"],
        message: local
          ? 'a local:<channel> address needs format "local"'
          : 'the local format takes local:<channel name>, e.g. "local:case-transfer"',
      });
  });
export type CreateWebhookInput = z.infer<typeof createWebhookInput>;

type Row = typeof webhookSubscriptions.$inferSelect;

function view(r: Row, workspace: string) {
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

/** The workspace, for someone who may manage its policy (admins); others are refused. */
async function managed(db: Db, actor: Actor, by: { slug: string } | { id: string }, what: string) {
  const ws = await memberWorkspace(db, actor, by, what);
  authorize(actor, "policy.manage", { workspaceId: ws.id }, ws.policy, what);
  return ws;
}

/**
 * Subscribes a URL to events; a "baton" subscription's secret is in this answer only. A chat
 * subscription has none: chat services verify no signature (the URL is their secret), so an empty
 * one is stored and nothing is shown.
 */
export async function createWebhook(db: Db, actor: Actor, slug: string, input: CreateWebhookInput) {
  const ws = await managed(db, actor, { slug }, `Workspace ${slug}`);
  const chat = isChatFormat(input.format);
  const secret = chat ? "" : `whsec_${randomBytes(32).toString("base64url")}`;
  const events = [...new Set(input.events)];
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookSubscriptions)
      .values({
        workspaceId: ws.id,
        url: input.url,
        format: input.format,
        secret,
        events,
        createdBy: actor.userId,
      })
      .returning();
    if (!row) throw new Error("webhook subscription not written");
    await emit(tx, {
      name: "webhook.created",
      actorId: actor.userId,
      workspaceId: ws.id,
      subjectId: row.id,
      data: { url: row.url, events: row.events, format: row.format },
    });
    return chat ? view(row, ws.slug) : { ...view(row, ws.slug), secret };
  });
}

export async function listWebhooks(db: Db, actor: Actor, slug: string) {
  const ws = await managed(db, actor, { slug }, `Workspace ${slug}`);
  const rows = await db
    .select()
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.workspaceId, ws.id), eq(webhookSubscriptions.active, true)))
    .orderBy(desc(webhookSubscriptions.createdAt));
  return { items: rows.map((r) => view(r, ws.slug)) };
}

async function subscription(db: Db, actor: Actor, id: string) {
  const [row] = await db
    .select({ sub: webhookSubscriptions, workspace: workspaces.slug })
    .from(webhookSubscriptions)
    .innerJoin(workspaces, eq(workspaces.id, webhookSubscriptions.workspaceId))
    .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.active, true)));
  if (!row) throw notFound("Webhook");
  await managed(db, actor, { id: row.sub.workspaceId }, "Webhook");
  return row;
}

/** Stops posting to it; messages still waiting for it fail rather than go out. */
export async function deleteWebhook(db: Db, actor: Actor, id: string): Promise<void> {
  const { sub } = await subscription(db, actor, id);
  await db.transaction(async (tx) => {
    await tx
      .update(webhookSubscriptions)
      .set({ active: false, version: sql`${webhookSubscriptions.version} + 1` })
      .where(eq(webhookSubscriptions.id, sub.id));
    await emit(tx, {
      name: "webhook.deleted",
      actorId: actor.userId,
      workspaceId: sub.workspaceId,
      subjectId: sub.id,
      data: { url: sub.url },
    });
  });
}

/** Queues a `ping` event for this one subscription; answers the delivery to follow in the log. */
export async function pingWebhook(db: Db, actor: Actor, id: string) {
  const { sub, workspace } = await subscription(db, actor, id);
  const deliveryId = await db.transaction((tx) =>
    enqueuePing(
      tx,
      { id: sub.id, url: sub.url, format: sub.format, workspace, workspaceId: sub.workspaceId },
      actor.userId,
    ),
  );
  return { queued: true, deliveryId };
}

/** What a subscription may ask for, for forms; the same for everyone. */
export function webhookEvents() {
  return { events: [...WEBHOOK_EVENTS], formats: [...SUBSCRIPTION_FORMATS] };
}
