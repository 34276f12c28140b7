import { userByEmail } from "../../auth/load-actor.ts";
import type { Db } from "../../db/client.ts";
import { invalid, notFound } from "../../domain/errors.ts";
import { requiredLine } from "../../domain/text.ts";
import { createApiToken } from "../../writes/api-tokens.ts";
import { emit } from "../../writes/emit.ts";

export interface CreateTokenInput {
  email: string;
  name: string;
  /** Who asked, when it is someone signed in (HTTP); the CLI operator is no one (null). */
  actorId?: string | null;
  now?: Date;
}

/** For `baton token create` and self-service: the plaintext is returned once, never stored. */
export async function createToken(
  db: Db,
  input: CreateTokenInput,
): Promise<{ id: string; token: string }> {
  const name = requiredLine(80).safeParse(input.name);
  if (!name.success) throw invalid("name", name.error.issues[0]?.message ?? "is not valid");
  const user = await userByEmail(db, input.email);
  if (!user) throw notFound(`User ${input.email}`);
  return db.transaction(async (tx) => {
    const created = await createApiToken(tx, user.id, name.data, input.now);
    await emit(tx, {
      name: "token.created",
      actorId: input.actorId ?? null,
      workspaceId: null,
      subjectId: created.id,
      data: { userId: user.id, email: user.email, name: name.data },
    });
    return created;
  });
}
