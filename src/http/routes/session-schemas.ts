import { z } from "zod";

// What the sign-in and session routes answer; the web app's session types are these.

export const membership = z.object({ id: z.string(), slug: z.string(), role: z.string() });

export const sessionUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  workspaces: z.array(membership),
  csrfToken: z.string().nullable().describe("Send as x-csrf-token on cookie-authenticated writes"),
});

export const authProviders = z.object({
  password: z.boolean(),
  sso: z
    .object({ name: z.string(), startUrl: z.string() })
    .nullable()
    .describe("The identity provider's button, when single sign-on is configured"),
});

export type AuthProviders = z.infer<typeof authProviders>;
export type WorkspaceMembership = z.infer<typeof membership>;
export type SessionUser = z.infer<typeof sessionUser>;
