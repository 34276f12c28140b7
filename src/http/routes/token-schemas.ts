import { z } from "zod";
import { TOKEN_SCOPES } from "../../domain/accounts/tokens.ts";

// What the API token routes answer; the web app's types are these.

export const tokenView = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(TOKEN_SCOPES),
  state: z.enum(["active", "expired", "revoked"]),
  createdAt: z.string(),
  expiresAt: z.string().nullable().describe("null: made before tokens expired; it never does"),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  owner: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  current: z.boolean().describe("The token this request was made with"),
});

export const tokenList = z.object({ items: z.array(tokenView) });

export const createdToken = z.object({
  id: z.string(),
  token: z.string().describe("The secret: shown this once, never again"),
  name: z.string(),
  scope: z.enum(TOKEN_SCOPES),
  expiresAt: z.string(),
});

export const tokenParams = z.strictObject({ id: z.string().max(64).describe("The token's id") });

export type TokenView = z.infer<typeof tokenView>;
export type TokenList = z.infer<typeof tokenList>;
export type CreatedToken = z.infer<typeof createdToken>;
