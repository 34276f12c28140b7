import { z } from "zod";
import { ROLE_IDS } from "../permissions.ts";
import { slug } from "../text.ts";

// Who gets which workspaces and roles when they first sign in through the identity provider.

const grant = z.strictObject({ workspace: slug, role: z.enum(ROLE_IDS) });

export const provisionSchema = z.strictObject({
  /** Memberships everyone gets (may be empty: then only the rules admit people). */
  default: z.array(grant).max(50).default([]),
  /** The claim whose values the rules match, e.g. "groups" (a string or a list of strings). */
  claim: z.string().min(1).max(100).default("groups"),
  rules: z
    .array(grant.extend({ value: z.string().min(1).max(200) }))
    .max(500)
    .default([]),
});

export type Provision = z.infer<typeof provisionSchema>;
export type Grant = z.infer<typeof grant>;

export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** Undefined: a public client, authenticated by PKCE alone. */
  clientSecret: string | undefined;
  /** The button says "Sign in with <name>". */
  name: string;
  scopes: string[];
  /** Undefined: BATON_PUBLIC_URL (or the address in use) + /api/v1/auth/oidc/callback. */
  redirectUrl: string | undefined;
  provision: Provision;
}

/** BATON_OIDC_PROVISION's JSON, or why it is wrong; unset: nobody is created (link only). */
export function parseProvision(json: string | undefined): Provision | string {
  if (json === undefined) return provisionSchema.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return "is not JSON";
  }
  const parsed = provisionSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return `${issue?.path.join(".") || "(top)"}: ${issue?.message ?? "is not valid"}`;
}

/**
 * The memberships a new person gets from the provider's claims: every rule whose value they
 * carry, then the defaults, one role per workspace (the first that names it wins).
 */
export function grantsFor(provision: Provision, claims: Record<string, unknown>): Grant[] {
  const carried = claims[provision.claim];
  const values = new Set(
    typeof carried === "string"
      ? [carried]
      : Array.isArray(carried)
        ? carried.filter((v): v is string => typeof v === "string")
        : [],
  );
  const all = [
    ...provision.rules
      .filter((r) => values.has(r.value))
      .map(({ workspace, role }) => ({ workspace, role })),
    ...provision.default,
  ];
  const byWorkspace = new Map<string, Grant>();
  for (const g of all) if (!byWorkspace.has(g.workspace)) byWorkspace.set(g.workspace, g);
  return [...byWorkspace.values()];
}
