import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { ruleBroken } from "../../domain/errors.ts";
import type { DecideInput } from "../../domain/transfer/inputs.ts";
import { loadTransfer } from "../../loaders/transfer.ts";
import { apply, mayAct } from "../../writes/transfer-decision.ts";

export async function declineTransfer(db: Db, actor: Actor, id: string, input: DecideInput) {
  const t = await loadTransfer(db, actor, id);
  mayAct(actor, t, "decline", input);
  if (!input.note?.trim())
    throw ruleBroken("note_required", "note: say why the transfer is declined", "note");
  return apply(db, actor, t, {
    state: "declined",
    extra: { decidedBy: actor.userId, decisionNote: input.note },
    event: { name: "transfer.declined", data: { note: input.note } },
    caseNote: `Transfer declined: ${input.note}`,
  });
}
