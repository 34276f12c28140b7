import { userByEmail } from "../../auth/load-actor.ts";
import type { Db } from "../../db/client.ts";
import { invalid, notFound } from "../../domain/errors.ts";
import { tokensOfUser, tokensOfWorkspace } from "../../loaders/api-tokens.ts";
import { workspaceBySlug } from "../../loaders/workspaces.ts";
import { presentToken } from "../../presenters/tokens.ts";

/** `baton token list`: the operator reviews one person's or one workspace's tokens. */
export async function listTokens(
  db: Db,
  input: { email?: string | undefined; workspace?: string | undefined },
  now: Date = new Date(),
) {
  if ((input.email === undefined) === (input.workspace === undefined))
    throw invalid("email", "give either --email or --workspace");
  let rows: Awaited<ReturnType<typeof tokensOfUser>>;
  if (input.email !== undefined) {
    const user = await userByEmail(db, input.email);
    if (!user) throw notFound(`User ${input.email}`);
    rows = await tokensOfUser(db, user.id);
  } else {
    const ws = await workspaceBySlug(db, input.workspace ?? "");
    rows = await tokensOfWorkspace(db, ws.id);
  }
  return { items: rows.map((row) => presentToken(row, now)) };
}
