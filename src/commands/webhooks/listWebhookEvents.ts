import { SUBSCRIPTION_FORMATS } from "../../notify/chat-format.ts";
import { WEBHOOK_EVENTS } from "../../notify/webhooks.ts";

/** What a subscription may ask for, for forms; the same for everyone. */
export function listWebhookEvents() {
  return { events: [...WEBHOOK_EVENTS], formats: [...SUBSCRIPTION_FORMATS] };
}
