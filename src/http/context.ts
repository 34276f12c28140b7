import type { FastifyRequest } from "fastify";
import type { Actor } from "../auth/actor.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { DomainError } from "../domain/errors.ts";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | undefined;
  }
  interface FastifyInstance {
    baton: { database: Database; config: Config; health: HealthState };
  }
  interface FastifyContextConfig {
    /** Probes and metrics: answered without sign-in, logged at warn only. */
    probe?: boolean;
    /** A signed link's own authority (unsubscribe): no session is read, no CSRF token asked. */
    signedLink?: boolean;
    /** Problems the route answers with beyond those its inputs imply (410 for a used link). */
    problems?: readonly number[];
  }
}

/** What readiness reports beyond the database: set by the server as its parts start and stop. */
export interface HealthState {
  stopping: boolean;
  worker(): { ok: boolean; detail: string };
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor)
    throw new DomainError("unauthenticated", "unauthenticated", "Sign in or send an API token");
  return request.actor;
}
