import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import type { DecideInput } from "../../domain/transfer/inputs.ts";
import { loadTransfer } from "../../loaders/transfer.ts";
import { apply, mayAct } from "../../writes/transfer-decision.ts";

export async function rejectTransfer(db: Db, actor: Actor, id: string, input: DecideInput) {
  const t = await loadTransfer(db, actor, id);
  mayAct(actor, t, "reject", input);
  return apply(db, actor, t, {
    state: "rejected",
    extra: { decidedBy: actor.userId, decisionNote: input.note ?? null },
    event: { name: "transfer.rejected", data: { note: input.note ?? null } },
    caseNote: input.note ? `Transfer rejected: ${input.note}` : undefined,
  });
}
