import { z } from "zod";

/** Rows of a raw SQL answer: both drivers answer `{ rows }`; each row is checked rather than cast. */
export function rowsOf<T>(result: unknown, schema: z.ZodType<T>): T[] {
  const rows =
    typeof result === "object" && result !== null && "rows" in result ? result.rows : undefined;
  return z.array(schema).parse(rows);
}
