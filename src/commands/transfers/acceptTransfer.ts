import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import type { DecideInput } from "../../domain/transfer/inputs.ts";
import type { TransferStep } from "../../domain/transfer/kind-schema.ts";
import { stateFor } from "../../domain/transfer/machine.ts";
import { loadTransfer } from "../../loaders/transfer.ts";
import { apply, mayAct, record } from "../../writes/transfer-decision.ts";

export async function acceptTransfer(db: Db, actor: Actor, id: string, input: DecideInput) {
  const t = await loadTransfer(db, actor, id);
  mayAct(actor, t, "accept", input);
  const steps = record(t, "receiver_acceptance", actor, input.note ? { note: input.note } : {});
  return apply(db, actor, t, {
    state: stateFor(t.transfer.requiredSteps as TransferStep[], steps),
    steps,
    event: { name: "transfer.accepted", data: {} },
    caseNote: input.note,
  });
}
