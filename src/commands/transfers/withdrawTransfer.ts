import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import type { DecideInput } from "../../domain/transfer/inputs.ts";
import { loadTransfer } from "../../loaders/transfer.ts";
import { apply, mayAct } from "../../writes/transfer-decision.ts";

export async function withdrawTransfer(db: Db, actor: Actor, id: string, input: DecideInput) {
  const t = await loadTransfer(db, actor, id);
  mayAct(actor, t, "withdraw", input);
  return apply(db, actor, t, {
    state: "withdrawn",
    event: { name: "transfer.withdrawn", data: { note: input.note ?? null } },
    caseNote: input.note ? `Transfer withdrawn: ${input.note}` : undefined,
  });
}
