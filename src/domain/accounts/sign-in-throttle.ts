/**
 * How long sign-in attempts must wait after failures. Failures are counted three ways within a
 * window: for one address from one client, for one client across addresses, and for one address
 * across clients. Each count is free up to a point, then every further attempt must wait a delay
 * that doubles with each failure, up to a cap. The owner signing in from their own client is held
 * back only by the address-wide count, which is generous and capped at a minute: an attacker
 * cannot lock them out by guessing from elsewhere.
 */
export const WINDOW_MINUTES = 15;

export interface Budget {
  /** Failures allowed without any wait. */
  free: number;
  /** The longest wait, in seconds. */
  capSeconds: number;
}

export const BUDGETS = {
  /** One address from one client: someone guessing one person's password. */
  pair: { free: 5, capSeconds: WINDOW_MINUTES * 60 },
  /** One client across addresses: someone trying many people (an office behind NAT shares it). */
  client: { free: 30, capSeconds: WINDOW_MINUTES * 60 },
  /** One address across clients: guessing spread over many machines. Gentle, as the owner pays. */
  address: { free: 50, capSeconds: 60 },
} as const satisfies Record<string, Budget>;

export type Scope = keyof typeof BUDGETS;

export interface Tally {
  /** Failures in the window, this attempt included. */
  failures: number;
  /** The latest failure before this attempt. */
  last: Date | null;
}

/** The wait owed after `failures` failures: none while free, then 1 s, 2 s, 4 s … up to the cap. */
export function delaySeconds(failures: number, budget: Budget): number {
  const over = failures - budget.free;
  if (over <= 0) return 0;
  return Math.min(2 ** (over - 1), budget.capSeconds);
}

/** Seconds this attempt must still wait (0: it may go ahead), the longest of the three counts. */
export function retryAfter(tallies: Record<Scope, Tally>, now: Date): number {
  let wait = 0;
  for (const scope of Object.keys(BUDGETS) as Scope[]) {
    const { failures, last } = tallies[scope];
    const delay = delaySeconds(failures, BUDGETS[scope]);
    if (delay === 0) continue;
    // Concurrent attempts see each other's rows, so a burst owes the delay from the start.
    const since = last ? (now.getTime() - last.getTime()) / 1000 : 0;
    wait = Math.max(wait, Math.ceil(delay - since));
  }
  return Math.max(wait, 0);
}
