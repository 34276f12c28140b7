import { emitter } from "../events/emit.ts";
import { SUBSCRIBERS } from "../notify/subscribers.ts";

/**
 * `emit(tx, event)` with Baton's subscriber list: what every use case calls last, inside its
 * transaction (src/events/emit.ts). The list is bound here because the events layer may not
 * import the notifications that subscribe to it.
 */
export const emit = emitter(SUBSCRIBERS);
