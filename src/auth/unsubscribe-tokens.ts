import { createHmac } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { signingKeys } from "../db/schema.ts";
import { DomainError } from "../domain/errors.ts";
import { sameSecret } from "./secrets.ts";

// A team message's one-click unsubscribe link (RFC 8058) names the person, the workspace and the
// topic, signed with this database's key: no sign-in is needed to use it, so it must not be
// forgeable, nor turn into another person's, workspace's or topic's by editing its parts.

/** Who and what an unsubscribe link is for. */
export interface UnsubscribeSubject {
  userId: string;
  workspaceId: string;
  topic: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TOPIC = /^[a-z][a-z_]{0,63}$/;
const keys = new WeakMap<Db, string>();

/** The database's unsubscribe key (made by its migration), read once per database. */
export async function unsubscribeKey(db: Db): Promise<string> {
  const known = keys.get(db);
  if (known) return known;
  const [row] = await db
    .select({ key: signingKeys.key })
    .from(signingKeys)
    .where(eq(signingKeys.purpose, "unsubscribe"));
  if (!row) throw new Error("signing_keys has no unsubscribe key; run the migrations");
  keys.set(db, row.key);
  return row.key;
}

/**
 * The same key as a column of any query: the outbox reads it with the recipients it looks up, in
 * the writing transaction, at no extra round trip.
 */
export const unsubscribeKeyColumn = sql<string>`(select ${signingKeys.key} from ${signingKeys} where ${signingKeys.purpose} = 'unsubscribe')`;

const signature = (key: string, s: UnsubscribeSubject) =>
  createHmac("sha256", key)
    .update(`unsubscribe:v1:${s.userId}:${s.workspaceId}:${s.topic}`)
    .digest("base64url");

/** `{userId}.{workspaceId}.{topic}.{signature}`: URL-safe as it is. */
export function signUnsubscribe(key: string, s: UnsubscribeSubject): string {
  return `${s.userId}.${s.workspaceId}.${s.topic}.${signature(key, s)}`;
}

/** The subject of a genuine token, or undefined for anything else. */
export function readUnsubscribe(key: string, token: string): UnsubscribeSubject | undefined {
  const [userId, workspaceId, topic, sent, ...rest] = token.split(".");
  if (!userId || !workspaceId || !topic || !sent || rest.length) return undefined;
  if (!UUID.test(userId) || !UUID.test(workspaceId) || !TOPIC.test(topic)) return undefined;
  const subject = { userId, workspaceId, topic };
  return sameSecret(sent, signature(key, subject)) ? subject : undefined;
}

/** The subject of a genuine token; anything else is refused (403) and changes nothing. */
export function requireUnsubscribe(key: string, token: string): UnsubscribeSubject {
  const subject = readUnsubscribe(key, token);
  if (subject) return subject;
  throw new DomainError(
    "forbidden",
    "invalid_unsubscribe_link",
    "This unsubscribe link is not one Baton made; use the link in the message, or change your mail settings on your account page",
  );
}
