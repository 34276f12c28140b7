import type { deliveries } from "../db/schema.ts";
import type { DELIVERY_SUMMARY } from "../loaders/deliveries.ts";

type SummaryRow = Pick<typeof deliveries.$inferSelect, keyof typeof DELIVERY_SUMMARY>;

export function deliveryView(r: SummaryRow & { workspace: string }) {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const waiting = r.state === "queued" || r.state === "retrying";
  return {
    ...r,
    nextAttemptAt: waiting ? iso(r.nextAttemptAt) : null,
    lastAttemptAt: iso(r.lastAttemptAt),
    sentAt: iso(r.sentAt),
    failedAt: iso(r.failedAt),
    retriedAt: iso(r.retriedAt),
    createdAt: iso(r.createdAt) ?? "",
  };
}
