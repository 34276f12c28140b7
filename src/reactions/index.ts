import { joinSubscribers, type SubscriberList } from "../events/emit.ts";
import { CLOCK_REACTIONS } from "./clocks.ts";
import { DEVELOPMENT_REACTIONS } from "./development.ts";
import { LEAVE_REACTIONS } from "./leave.ts";
import { PROJECT_REACTIONS } from "./projects.ts";
import { ROUTING_REACTIONS } from "./routing.ts";

/**
 * Subscribers that change state because of an event, rather than tell someone of it: the SLA
 * clocks a reply moves, the routing that gives a queued case its owner (docs/architecture.md,
 * Events). They run before the notifications, so that what is told is what the change became.
 */
export const REACTIONS: SubscriberList = joinSubscribers(
  CLOCK_REACTIONS,
  ROUTING_REACTIONS,
  LEAVE_REACTIONS,
  PROJECT_REACTIONS,
  DEVELOPMENT_REACTIONS,
);
