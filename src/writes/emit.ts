import type { Db } from "../db/client.ts";
import { type Emitting, emitter, joinSubscribers } from "../events/emit.ts";
import { SUBSCRIBERS } from "../notify/subscribers.ts";
import { REACTIONS } from "../reactions/index.ts";

/**
 * `emit(tx, event)` with Baton's subscriber lists: what every use case calls last, inside its
 * transaction (src/events/emit.ts). The lists are bound here because the events layer may not
 * import the reactions and notifications that subscribe to it. Reactions (clocks, routing) run
 * first, then the notifications.
 */
export const emit = emitter(joinSubscribers(REACTIONS, SUBSCRIBERS));

/** `emit` and its batch form bound to one transaction, for code that emits on a use case's behalf. */
export const emittingIn = (tx: Db): Emitting => ({
  emit: (event) => emit(tx, event),
  emitMany: (events) => emit.many(tx, events),
});
