import type { deliveries } from "../db/schema.ts";

export type DeliveryRow = typeof deliveries.$inferSelect;

/** A receiver's refusal. Permanent ones (an SMTP 5xx for this recipient) are not tried again. */
export class DeliveryFailure extends Error {
  readonly permanent: boolean;
  constructor(message: string, permanent: boolean) {
    super(message);
    this.name = "DeliveryFailure";
    this.permanent = permanent;
  }
}

/**
 * Hands one message to its receiver. Resolves once the receiver has taken it (an SMTP 250 after
 * DATA); throws a DeliveryFailure to say whether trying again could help. Anything else thrown is
 * treated as temporary. A receiver may see the same message twice only if Baton died between its
 * acceptance and recording it; `delivery.key` travels with the message so it can tell.
 */
export interface ChannelSender {
  send(delivery: DeliveryRow): Promise<{ response: string }>;
  close(): void;
}
