import { z } from "zod";
import { TOKEN_SCOPES, tokenScope } from "../../domain/accounts/tokens.ts";
import { lineText } from "../../domain/text.ts";

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

export const createTokenBody = z.strictObject({
  name: lineText(80).describe("What the token is for, e.g. the script's name"),
  scope: tokenScope.default("full"),
  days: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .optional()
    .describe("Days until it expires; the deployment's default when left out"),
});

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().max(200),
  newPassword: z.string().max(200),
  keepTokens: z
    .boolean()
    .default(false)
    .describe("Leave my API tokens working; by default they end with the old password"),
});

export const tokenParams = z.strictObject({ id: z.string().max(64).describe("The token's id") });

export type TokenView = z.infer<typeof tokenView>;
export type TokenList = z.infer<typeof tokenList>;
export type CreatedToken = z.infer<typeof createdToken>;
export type CreateTokenBody = z.input<typeof createTokenBody>;
export type ChangePasswordBody = z.input<typeof changePasswordBody>;
