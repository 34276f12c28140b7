import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { cannedValues, scopeOf } from "../../domain/canned-replies.ts";
import { fill } from "../../domain/placeholders.ts";
import { caseReplyFacts, visibleReplies } from "../../loaders/canned-replies.ts";
import { loadCase } from "../../loaders/cases.ts";

/**
 * The caller's canned replies ready to put into a note on this case: every placeholder filled
 * from the case, {{myName}} with the caller's name; what the case lacks (no contact, no owner)
 * is empty. Nothing is stored.
 */
export async function fillCannedReplies(db: Db, actor: Actor, number: number) {
  const { row, workspace } = await loadCase(db, actor, number, "case.note");
  authorize(
    actor,
    "canned_reply.read",
    { workspaceId: row.workspaceId },
    workspace.policy,
    `Case ${number}`,
  );
  const [facts, replies] = await Promise.all([
    caseReplyFacts(db, row.id),
    visibleReplies(db, row.workspaceId, actor.userId),
  ]);
  const values = cannedValues(facts, actor.name);
  return {
    items: replies.map((r) => ({
      id: r.id,
      scope: scopeOf(r.ownerId),
      title: r.title,
      body: fill(r.body, values),
    })),
  };
}
