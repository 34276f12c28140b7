type Changes = Record<string, { from: unknown; to: unknown }>;

/** Field-by-field differences, for the audit log and the timeline's system events. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>): Changes {
  const changes: Changes = {};
  for (const key of Object.keys(after)) {
    const from = before[key] instanceof Date ? (before[key] as Date).toISOString() : before[key];
    const raw = after[key];
    const to = raw instanceof Date ? raw.toISOString() : raw;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}
