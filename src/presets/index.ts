import { deepFreeze } from "../domain/freeze.ts";
import { type Policy, type PolicyInput, policySchema } from "../domain/policy/schema.ts";
import { followTheSunPreset } from "./follow-the-sun.ts";
import { helpdeskTransferPreset } from "./helpdesk-transfer.ts";
import { psEscalationPreset } from "./ps-escalation.ts";
import { regionalCsePreset } from "./regional-cse.ts";
import { shiftLeadPreset } from "./shift-lead.ts";

export const PRESET_SLUGS = [
  "regional-cse",
  "follow-the-sun",
  "ps-escalation",
  "helpdesk-transfer",
  "shift-lead",
] as const;

export type PresetSlug = (typeof PRESET_SLUGS)[number];

const inputs: Record<PresetSlug, PolicyInput> = {
  "regional-cse": regionalCsePreset,
  "follow-the-sun": followTheSunPreset,
  "ps-escalation": psEscalationPreset,
  "helpdesk-transfer": helpdeskTransferPreset,
  "shift-lead": shiftLeadPreset,
};

// Parsed once at load so a broken preset fails at start-up, not when a workspace is created;
// frozen because every workspace started from a preset shares these objects.
export const presets: Record<PresetSlug, Policy> = deepFreeze(
  Object.fromEntries(
    PRESET_SLUGS.map((slug) => [slug, policySchema.parse(inputs[slug])]),
  ) as Record<PresetSlug, Policy>,
);

export function isPresetSlug(slug: string): slug is PresetSlug {
  return (PRESET_SLUGS as readonly string[]).includes(slug);
}

/** The preset's policy as a copy the caller may edit, or undefined for an unknown slug. */
export function presetBySlug(slug: string): Policy | undefined {
  // A plain lookup would also answer "constructor" or "__proto__" from Object.prototype.
  return isPresetSlug(slug) ? structuredClone(presets[slug]) : undefined;
}
