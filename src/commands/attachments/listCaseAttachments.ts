import type { Actor } from "../../auth/actor.ts";
import { can } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import type { AttachmentLimits } from "../../domain/attachments.ts";
import { caseAttachments } from "../../loaders/attachments.ts";
import { loadCase, targetOf } from "../../loaders/cases.ts";
import { presentAttachment } from "../../presenters/attachments.ts";

/**
 * A case's files, oldest first, and what the viewer may do: upload (whoever may add notes to an
 * open case), within which limits.
 */
export async function listCaseAttachments(
  db: Db,
  actor: Actor,
  number: number,
  limits: AttachmentLimits,
) {
  const { row, workspace } = await loadCase(db, actor, number, "case.read");
  const rows = await caseAttachments(db, row.id);
  return {
    items: rows.map(presentAttachment),
    viewer: {
      mayUpload:
        row.status !== "closed" && can(actor, "case.note", targetOf(row), workspace.policy),
      maxBytes: limits.maxBytes,
      allowedTypes: [...limits.allowedTypes],
    },
  };
}
