import { createHash, hash, randomBytes, timingSafeEqual } from "node:crypto";

const TOKEN_BYTES = 32;

/** 256 random bits, URL- and cookie-safe. */
export function randomToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

/**
 * Bearer secrets are stored as this digest only, so a copy of the database cannot be replayed
 * as a login. A fast hash suffices because the secrets are random, not chosen by people.
 */
export function sha256(value: string): string {
  // The one-shot form: every API request hashes its token, and a Hash object per call cost more.
  return hash("sha256", value, "hex");
}

/** Compares secrets (e.g. CSRF tokens) in time independent of where they first differ. */
export function sameSecret(a: string, b: string): boolean {
  // Digests have equal length, which timingSafeEqual requires, and hide the secrets' lengths.
  return timingSafeEqual(
    createHash("sha256").update(a).digest(),
    createHash("sha256").update(b).digest(),
  );
}
