import { expect } from "vitest";
import { z } from "zod";
import type { Actor } from "../../src/auth/actor.ts";
import { loadActor } from "../../src/auth/load-actor.ts";
import type { Db } from "../../src/db/client.ts";
import type { Reply } from "./world.ts";

/**
 * The same schema with every object strict, all the way down. The routes' schemas drop keys they
 * do not name when they serialize; a test parses what the commands return with this to see that
 * no field the server produces is missing from the contract the web reads.
 */
export function strictly(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) {
    const shape: Record<string, z.ZodType> = {};
    for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>))
      shape[key] = strictly(field);
    const rest = schema.def.catchall;
    // An object that names a catch-all type keeps it: its extra keys are part of the contract.
    return rest instanceof z.ZodType && !(rest instanceof z.ZodNever)
      ? z.object(shape).catchall(strictly(rest))
      : z.strictObject(shape);
  }
  if (schema instanceof z.ZodArray) return z.array(strictly(schema.element as z.ZodType));
  if (schema instanceof z.ZodNullable) return strictly(schema.unwrap() as z.ZodType).nullable();
  if (schema instanceof z.ZodOptional) return strictly(schema.unwrap() as z.ZodType).optional();
  if (schema instanceof z.ZodRecord)
    return z.record(z.string(), strictly(schema.valueType as z.ZodType));
  return schema;
}

/** What a command returned, as it goes over the wire (dates become strings). */
export const wire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** The body of an answer that must have this status. */
export function bodyOf<T>(reply: Reply<T>, status = 200): T {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  return reply.body;
}

/** A test agent as the commands see them, to call a command directly beside its route. */
export async function actorOf(db: Db, userId: string): Promise<Actor> {
  const actor = await loadActor(db, userId, "token");
  if (!actor) throw new Error("test agent has no actor");
  return actor;
}
