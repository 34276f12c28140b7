import { userByEmail } from "../../auth/load-actor.ts";
import type { Db } from "../../db/client.ts";
import { type TokenLifetime, type TokenScope, tokenExpiry } from "../../domain/accounts/tokens.ts";
import { invalid, notFound } from "../../domain/errors.ts";
import { requiredLine } from "../../domain/text.ts";
import { createApiToken } from "../../writes/api-tokens.ts";
import { emit } from "../../writes/emit.ts";

export interface CreateTokenInput {
  email: string;
  name: string;
  scope?: TokenScope;
  /** Days until it expires; the deployment's default when left out. */
  days?: number;
  lifetime: TokenLifetime;
  /** Who asked, when it is someone signed in (HTTP); the CLI operator is no one (null). */
  actorId?: string | null;
  now?: Date;
}

export interface CreatedToken {
  id: string;
  token: string;
  name: string;
  scope: TokenScope;
  expiresAt: string;
}

/** For `baton token create` and self-service: the plaintext is returned once, never stored. */
export async function createToken(db: Db, input: CreateTokenInput): Promise<CreatedToken> {
  const name = requiredLine(80).safeParse(input.name);
  if (!name.success) throw invalid("name", name.error.issues[0]?.message ?? "is not valid");
  const now = input.now ?? new Date();
  const expiresAt = tokenExpiry(now, input.days, input.lifetime);
  const scope = input.scope ?? "full";
  const user = await userByEmail(db, input.email);
  if (!user || user.deactivatedAt) throw notFound(`User ${input.email}`);
  return db.transaction(async (tx) => {
    const created = await createApiToken(tx, user.id, name.data, now, { scope, expiresAt });
    await emit(tx, {
      name: "token.created",
      actorId: input.actorId ?? null,
      workspaceId: null,
      subjectId: created.id,
      data: {
        userId: user.id,
        email: user.email,
        name: name.data,
        scope,
        expiresAt: expiresAt.toISOString(),
      },
    });
    return { ...created, name: name.data, scope, expiresAt: expiresAt.toISOString() };
  });
}
