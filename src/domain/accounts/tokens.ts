import { DateTime } from "luxon";
import { z } from "zod";
import { invalid } from "../errors.ts";

/** `read` tokens may only read (GET); `full` tokens act with all of their person's rights. */
export const TOKEN_SCOPES = ["read", "full"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const tokenScope = z
  .enum(TOKEN_SCOPES, { message: `must be one of ${TOKEN_SCOPES.join(", ")}` })
  .describe("read: may only read; full: may do all you may do");

export interface TokenLifetime {
  /** Days a new token lives when its maker does not say. */
  defaultDays: number;
  /** The longest a token may live. */
  maxDays: number;
}

export type TokenState = "active" | "expired" | "revoked";

export function tokenState(
  row: { revokedAt: Date | null; expiresAt: Date | null },
  now: Date,
): TokenState {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt && row.expiresAt <= now) return "expired";
  return "active";
}

/** When a token made now for `days` (or the default) ends; more than the maximum is refused. */
export function tokenExpiry(now: Date, days: number | undefined, lifetime: TokenLifetime): Date {
  const chosen = days ?? lifetime.defaultDays;
  if (!Number.isInteger(chosen) || chosen < 1 || chosen > lifetime.maxDays)
    throw invalid("days", `must be a whole number of days from 1 to ${lifetime.maxDays}`);
  return DateTime.fromJSDate(now).plus({ days: chosen }).toJSDate();
}

// Methods that never change anything: all a read-only token may use.
const READING = new Set(["GET", "HEAD", "OPTIONS"]);
export const mayUse = (scope: TokenScope, method: string): boolean =>
  scope === "full" || READING.has(method.toUpperCase());
