import type { Actor } from "../auth/actor.ts";
import { can } from "../auth/authorize.ts";
import type { Policy } from "../domain/policy/schema.ts";
import { readDefinition, viewProblems } from "../domain/saved-views.ts";
import type { SavedViewRow } from "../loaders/saved-views.ts";

/**
 * A saved view as the API shows it, with what the caller may do with it (decided here, once, so
 * the web app never works out rights of its own) and why it shows fewer cases than when saved.
 */
export function presentView(r: SavedViewRow, actor: Actor, policy: Policy) {
  const { definition, gone } = readDefinition(r.definition);
  const target = { workspaceId: r.workspaceId, viewOwner: r.ownerId };
  const change = can(actor, "view.manage", target, policy);
  return {
    id: r.id,
    name: r.name,
    share: r.share,
    queue: r.queue,
    filters: definition.filters,
    sort: definition.sort,
    position: r.position,
    version: r.version,
    problems: viewProblems(definition, gone, policy),
    can: {
      edit: change,
      delete: change,
      share: can(actor, "view.manage", { workspaceId: r.workspaceId, viewOwner: null }, policy),
    },
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
