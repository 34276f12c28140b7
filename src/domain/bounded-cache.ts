/**
 * Values worked out once per key and kept, at most `max` of them: when full it starts afresh, which
 * for the small working sets it serves (a process's templates, languages and zones, the minutes of
 * a handover) costs less than keeping an order of use.
 */
export function boundedCache<V>(max: number): (key: string, make: () => V) => V {
  const kept = new Map<string, V>();
  return (key, make) => {
    let value = kept.get(key);
    if (value === undefined) {
      value = make();
      if (kept.size >= max) kept.clear();
      kept.set(key, value);
    }
    return value;
  };
}
