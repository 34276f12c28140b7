import type { PolicyInput } from "../../domain/policy/schema.ts";

// Names for the pieces of a preset's policy input, so the shared parts and the presets can type
// the helpers that build them.

export type KindInput = NonNullable<PolicyInput["transferKinds"]>[number];
export type FieldInput = NonNullable<KindInput["template"]>[number];
export type ReasonInput = KindInput["reasons"][number];
export type RoleInput = PolicyInput["roles"][number];
