import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/authorize.ts";
import type { Db } from "../db/client.ts";
import type { RequestTransferInput } from "../domain/transfer/inputs.ts";
import { loadCaseForTransfer } from "./case-context.ts";
import { targetOf } from "./cases.ts";
import { planTransfer } from "./transfer-plan.ts";

/**
 * The case (locked when `lock`), the right to transfer it, and the plan: what a preview shows and a
 * request writes.
 */
export async function prepareTransferRequest(
  db: Db,
  actor: Actor,
  number: number,
  input: RequestTransferInput,
  now: Date,
  lock: boolean,
) {
  const { loaded, context, openTransferId, webhooks } = await loadCaseForTransfer(
    db,
    actor,
    number,
    {
      lock,
    },
  );
  authorize(
    actor,
    "case.transfer",
    targetOf(loaded.row),
    loaded.workspace.policy,
    `Case ${number}`,
  );
  const plan = await planTransfer(db, actor, loaded, input, now, context);
  return { loaded, plan, context, openTransferId, webhooks };
}
