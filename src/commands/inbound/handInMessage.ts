import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { forbidden } from "../../domain/errors.ts";
import type { InboundSettings } from "../../inbound/smtp-listener.ts";
import { reviewable } from "../../loaders/inbound-review.ts";
import { receiveMessage } from "./receiveMessage.ts";

/** A mail gateway hands in one raw message (POST /inbound/messages): admins and their tokens. */
export async function handInMessage(db: Db, actor: Actor, raw: Buffer, settings: InboundSettings) {
  const workspaces = await reviewable(db, actor);
  if (workspaces.length === 0)
    throw forbidden("Only a workspace admin (or their API token) may hand in mail");
  // Only into the caller's workspaces: the To: address is the sender's claim, not a right.
  return receiveMessage(db, raw, { from: undefined, to: [] }, settings, workspaces);
}
