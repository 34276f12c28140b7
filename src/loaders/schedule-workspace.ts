import type { Actor } from "../auth/actor.ts";
import { type Action, authorize } from "../auth/authorize.ts";
import type { Db } from "../db/client.ts";
import { DomainError, invalid } from "../domain/errors.ts";
import { followsTheSun } from "../domain/policy/features.ts";
import type { Policy } from "../domain/policy/schema.ts";
import { memberWorkspace } from "./member-workspace.ts";
import type { WorkspaceWithPolicy } from "./workspaces.ts";

/**
 * The workspace a schedule question is about: the one named, or the caller's only one. A
 * workspace the caller does not belong to is reported as missing.
 */
export async function scheduleWorkspace(
  db: Db,
  actor: Actor,
  slug: string | undefined,
  action: Action,
): Promise<WorkspaceWithPolicy> {
  const only = actor.memberships.length === 1 ? actor.memberships[0] : undefined;
  if (!slug && !only) throw invalid("workspace", "name the workspace: you belong to more than one");
  const ws = await memberWorkspace(
    db,
    actor,
    slug ? { slug } : { id: only?.workspaceId ?? "" },
    `Workspace ${slug ?? ""}`,
  );
  authorize(actor, action, { workspaceId: ws.id }, ws.policy, "Workspace");
  return ws;
}

export function knownRegion(ws: WorkspaceWithPolicy, region: string): string {
  if (!ws.policy.regions.some((r) => r.code === region))
    throw invalid(
      "region",
      `unknown region "${region}"; this workspace has ${ws.policy.regions.map((r) => r.code).join(", ")}`,
    );
  return region;
}

/**
 * Board, meetings and next-holder answers exist only where the policy follows the sun; elsewhere
 * they would suggest hand-offs the workspace does not make (docs/follow-the-sun.md).
 */
export function requireFollowTheSun(policy: Policy, slug: string): void {
  if (!followsTheSun(policy))
    throw new DomainError(
      "not_found",
      "follow_the_sun_off",
      `Workspace ${slug} does not follow the sun: its policy has no region handover pairs or ` +
        "shift-end escalation, so there is no handoff board, handover meeting or next-holder suggestion",
    );
}
