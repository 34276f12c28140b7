// The delivery log in words: topics, states, what a filter asks the API, who may retry what.
import { t } from "i18next";

export type DeliveryFilter = "all" | "failed" | "waiting" | "sent";
export const DELIVERY_FILTERS: readonly DeliveryFilter[] = ["all", "failed", "waiting", "sent"];

const TOPIC_LABELS: Record<string, string> = {
  customer_notice: "deliveries.customerNotice",
  owner_briefing: "deliveries.ownerBriefing",
  dispatch_request: "deliveries.dispatchRequest",
  webhook_event: "deliveries.webhookEvent",
  chat_post: "deliveries.chatPost",
};

/** "customer_notice" → "Customer notice"; an unknown topic in plain words. */
export function topicLabel(topic: string): string {
  const known = TOPIC_LABELS[topic];
  if (known) return t(known);
  const words = topic.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const STATE_LABELS: Record<string, string> = {
  queued: "deliveries.queued",
  sending: "deliveries.sending",
  retrying: "deliveries.retrying",
  sent: "deliveries.sent",
  failed: "deliveries.failed",
};

export function stateLabel(state: string): string {
  const key = STATE_LABELS[state];
  return key ? t(key) : state;
}

/**
 * The API's `state` for a filter; null for every state. "waiting" is every message not yet sent
 * nor failed (queued, sending, retrying), which the API names the same.
 */
export function filterState(filter: DeliveryFilter): string | null {
  if (filter === "all") return null;
  return filter;
}

/** The server retries only failed messages and waiting ones (queued or retrying). */
export function isRetriable(state: string): boolean {
  return state === "failed" || state === "retrying" || state === "queued";
}

/** The badge colour of a state. */
export function stateTone(state: string): "green" | "red" | "orange" | "blue" | "gray" {
  if (state === "sent") return "green";
  if (state === "failed") return "red";
  if (state === "retrying") return "orange";
  if (state === "queued" || state === "sending") return "blue";
  return "gray";
}
