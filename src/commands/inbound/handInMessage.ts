import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { forbidden } from "../../domain/errors.ts";
import type { InboundSettings } from "../../inbound/smtp-listener.ts";
import { reviewable } from "../../loaders/inbound-review.ts";
import { receiveMessage } from "./receiveMessage.ts";

/** A mail gateway hands in one raw message (POST /inbound/messages): admins and their tokens. */
export async function handInMessage(db: Db, actor: Actor, raw: Buffer, settings: InboundSettings) {
  if ((await reviewable(db, actor)).length === 0)
    throw forbidden("Only a workspace admin (or their API token) may hand in mail");
  return receiveMessage(db, raw, { from: undefined, to: [] }, settings);
}
