import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// The tracker's status webhooks are signed the Standard Webhooks way: HMAC-SHA256 over
// "{webhook-id}.{webhook-timestamp}.{body}" with the workspace's secret, sent as
// "v1,{base64 signature}" (several, space-separated, while a secret is being rotated). As in that
// specification, the key is the secret's bytes: the base64 after "whsec_", decoded. A tracker
// that uses a Standard Webhooks library with the secret as shown signs exactly so.

const PREFIX = "whsec_";

/** A new secret: "whsec_" and 32 random bytes in base64, as Standard Webhooks libraries take it. */
export function newTrackerSecret(): string {
  return `${PREFIX}${randomBytes(32).toString("base64")}`;
}

const keyOf = (secret: string) =>
  Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");

/** How far a webhook's timestamp may be from now, either way, before it is refused as stale. */
export const TOLERANCE_SECONDS = 5 * 60;

export function signTrackerBody(secret: string, id: string, timestamp: string, body: string) {
  return createHmac("sha256", keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest("base64");
}

export type SignatureProblem = "missing" | "stale" | "mismatch";

/** Why the webhook's signature does not hold, or null when it does. */
export function trackerSignatureProblem(
  secret: string,
  headers: {
    id?: string | undefined;
    timestamp?: string | undefined;
    signature?: string | undefined;
  },
  body: string,
  nowSeconds: number,
): SignatureProblem | null {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return "missing";
  if (!/^\d{1,12}$/.test(timestamp)) return "stale";
  if (Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) return "stale";
  const expected = Buffer.from(signTrackerBody(secret, id, timestamp, body));
  for (const part of signature.split(" ")) {
    const [version, value] = part.split(",", 2);
    if (version !== "v1" || !value) continue;
    const given = Buffer.from(value);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return null;
  }
  return "mismatch";
}
