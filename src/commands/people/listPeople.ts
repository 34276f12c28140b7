import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { invitationsOf, membersOf } from "../../loaders/people.ts";
import { peopleWorkspace } from "../../loaders/people-workspace.ts";
import { presentInvitation, presentMember, rolesOf } from "../../presenters/people.ts";

/** The workspace's people and its invitations, for its admins. */
export async function listPeople(db: Db, actor: Actor, slug: string, now: Date = new Date()) {
  const ws = await peopleWorkspace(db, actor, slug);
  const [members, invitations] = await Promise.all([
    membersOf(db, ws.id),
    invitationsOf(db, ws.id),
  ]);
  return {
    workspace: ws.slug,
    roles: rolesOf(ws.policy),
    people: members.map((m) => presentMember(m, ws.policy, actor.userId)),
    invitations: invitations.map((i) => presentInvitation(i, ws.policy, now)),
  };
}
