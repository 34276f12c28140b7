import { z } from "zod";

/** PostgreSQL's `integer`: versions, counts and minutes are stored in it. */
export const INT4_MAX = 2_147_483_647;

/**
 * The version of a row as the client last read it. Every version field uses this one schema, so
 * a number PostgreSQL cannot compare with an `integer` column is refused as input, never a 500.
 */
export const rowVersion = z
  .number()
  .int("must be a whole number")
  .min(1, "must be a version you read (1 or more)")
  .max(INT4_MAX, "is not a version Baton issued");
