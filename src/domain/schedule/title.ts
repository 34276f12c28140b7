import type { Policy } from "../policy/schema.ts";

// S1.2/S1.3: a case handed back to the queue carries `Need <REGION> SE` (or whatever title
// prefix the policy's transfer kinds write) at the start of its internal title.

const FALLBACK_PREFIX = "Need {region} SE";

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function prefixPattern(template: string): RegExp | null {
  if (!template.includes("{region}")) return null;
  const parts = template.split(/(\{\w+\})/).map((part) => {
    if (part === "{region}") return "(\\S+)";
    if (/^\{\w+\}$/.test(part)) return ".+?";
    return escapeRegExp(part);
  });
  return new RegExp(`^\\s*${parts.join("")}`, "i");
}

const cache = new WeakMap<Policy, RegExp[]>();

function patterns(policy: Policy): RegExp[] {
  const known = cache.get(policy);
  if (known) return known;
  const templates = new Set<string>([FALLBACK_PREFIX]);
  for (const kind of policy.transferKinds)
    if (kind.artifacts.titlePrefix) templates.add(kind.artifacts.titlePrefix);
  const list = [...templates].map(prefixPattern).filter((p): p is RegExp => p !== null);
  cache.set(policy, list);
  return list;
}

/** The region an internal title's handover prefix asks for (`Need US SE — …` → US), or null. */
export function titleRegion(policy: Policy, internalTitle: string): string | null {
  for (const pattern of patterns(policy)) {
    const named = pattern.exec(internalTitle)?.[1];
    if (!named) continue;
    const region = policy.regions.find((r) => r.code.toLowerCase() === named.toLowerCase());
    if (region) return region.code;
  }
  return null;
}
