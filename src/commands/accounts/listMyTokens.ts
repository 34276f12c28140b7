import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { tokensOfUser } from "../../loaders/api-tokens.ts";
import { presentToken } from "../../presenters/tokens.ts";

/** My API tokens, newest first, with the one this request uses marked `current`. */
export async function listMyTokens(db: Db, actor: Actor, now: Date = new Date()) {
  const rows = await tokensOfUser(db, actor.userId);
  return { items: rows.map((row) => presentToken(row, now, actor.tokenId)) };
}
