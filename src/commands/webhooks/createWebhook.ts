import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { webhookSubscriptions } from "../../db/schema.ts";
import { managedWorkspace } from "../../loaders/webhooks.ts";
import { isChatFormat, LOCAL_CHANNEL, SUBSCRIPTION_FORMATS } from "../../notify/chat-format.ts";
import { WEBHOOK_EVENTS } from "../../notify/webhooks.ts";
import { webhookView } from "../../presenters/webhooks.ts";
import { emit } from "../../writes/emit.ts";

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

/**
 * Subscribes a URL to events; a "baton" subscription's secret is in this answer only. A chat
 * subscription has none: chat services verify no signature (the URL is their secret), so an empty
 * one is stored and nothing is shown.
 */
export async function createWebhook(db: Db, actor: Actor, slug: string, input: CreateWebhookInput) {
  const ws = await managedWorkspace(db, actor, { slug }, `Workspace ${slug}`);
  const chat = isChatFormat(input.format);
  const secret = chat ? "" : `whsec_${randomBytes(32).toString("base64")}`;
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
    return chat ? webhookView(row, ws.slug) : { ...webhookView(row, ws.slug), secret };
  });
}
