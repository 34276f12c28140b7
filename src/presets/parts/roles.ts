import {
  DEFAULT_ROLE_PERMISSIONS,
  PERMISSIONS,
  type Permission,
  type RoleId,
} from "../../domain/permissions.ts";
import type { RoleInput } from "./types.ts";

/**
 * A role as the organisation names it, with Baton's default permissions for that role less any
 * the organisation takes away, so a preset shows only where its roles differ from the defaults.
 * Permissions are listed in Baton's order, as the policy editor shows them.
 */
export function role(
  id: RoleId,
  name: string,
  options: { without?: readonly Permission[] } = {},
): RoleInput {
  const granted = DEFAULT_ROLE_PERMISSIONS[id];
  const without = new Set(options.without ?? []);
  return {
    id,
    name,
    permissions: PERMISSIONS.filter((p) => granted.includes(p) && !without.has(p)),
  };
}
