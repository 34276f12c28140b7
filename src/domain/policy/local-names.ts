import type { Policy } from "./schema.ts";

/**
 * A region's name as a reader of `language` reads it: the policy's `names` for that tag, else for
 * its base language ("de" for "de-CH"), else the region's own name. Unknown codes stay as given.
 */
export function regionNameIn(policy: Policy, code: string, language: string | null): string {
  const region = policy.regions.find((r) => r.code === code);
  if (!region) return code;
  const names = region.names ?? {};
  const tag = language ?? "";
  return names[tag] ?? names[tag.split("-")[0] ?? ""] ?? region.name;
}
