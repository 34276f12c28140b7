/**
 * Whether a write failed on a unique index (SQLSTATE 23505), on either driver; Drizzle wraps the
 * driver's error, so its cause is looked at too. Two people saving the same name at once: the
 * second hears why, instead of a 500.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause)
    if ((e as { code?: unknown }).code === "23505") return true;
  return false;
}
