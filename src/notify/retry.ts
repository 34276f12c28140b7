/**
 * When to try a message again after a temporary failure (an SMTP 4xx, a refused or dropped
 * connection). RFC 5321 §4.5.4.1 asks for retries at least 30 minutes apart once the first quick
 * ones are spent, and for giving up only after 4–5 days; a mail server's own queue works the same
 * way. The last delay repeats until `giveUpAfterSeconds` since the message was written.
 */
export interface RetrySchedule {
  delaysSeconds: readonly number[];
  giveUpAfterSeconds: number;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;

/** 1 min, 5 min, 15 min, 30 min, 1 h, then every 2 h; failed after 5 days (about 65 attempts). */
export const DEFAULT_RETRY: RetrySchedule = {
  delaysSeconds: [MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR],
  giveUpAfterSeconds: 5 * 24 * HOUR,
};

/**
 * Seconds to wait before the next attempt, or null to give up. `attempts` counts the attempts made
 * so far (at least 1); `ageSeconds` is how long ago the message was written.
 */
export function nextRetryDelay(
  schedule: RetrySchedule,
  attempts: number,
  ageSeconds: number,
): number | null {
  const { delaysSeconds: delays } = schedule;
  if (delays.length === 0) return null;
  const delay = delays[Math.min(Math.max(attempts, 1), delays.length) - 1] ?? 0;
  return ageSeconds + delay > schedule.giveUpAfterSeconds ? null : delay;
}
