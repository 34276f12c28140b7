import { z } from "zod";

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
