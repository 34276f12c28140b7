import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { notFound, ruleBroken } from "../../domain/errors.ts";
import { isoDateTime, safeText, toDate } from "../../domain/text.ts";
import { MANUAL_STEPS, type ManualStep } from "../../domain/transfer/abilities.ts";
import { version } from "../../domain/transfer/inputs.ts";
import type { TransferStep } from "../../domain/transfer/kind-schema.ts";
import { type StepRecord, stateFor, stepTimeProblem } from "../../domain/transfer/machine.ts";
import { alignmentMember, loadTransfer } from "../../loaders/transfer.ts";
import { apply, mayAct, record } from "../../writes/transfer-decision.ts";

export const stepInput = z.strictObject({
  version,
  how: z.enum(["email", "phone", "chat", "meeting", "other"]).optional(),
  at: isoDateTime.optional().describe("When it happened; defaults to now"),
  note: safeText(2_000).optional(),
});

export type StepInput = z.infer<typeof stepInput>;

/**
 * Steps people do outside Baton and record here: the notes, telling the customer (S0.3.4), the
 * alignment in the handover meeting (S1.2).
 */
export async function recordStep(db: Db, actor: Actor, id: string, step: string, input: StepInput) {
  if (!(MANUAL_STEPS as readonly string[]).includes(step)) throw notFound(`Step ${step}`);
  const t = await loadTransfer(db, actor, id);
  const member =
    step === "handover_aligned"
      ? await alignmentMember(db, actor.userId, t.transfer.workspaceId)
      : undefined;
  mayAct(actor, t, `step:${step as ManualStep}`, input, member);
  if (step === "customer_notified" && !input.how)
    throw ruleBroken(
      "how_required",
      "how: say how the customer was told (email, phone, chat, meeting, other)",
      "how",
    );
  const when = input.at ? toDate(input.at) : new Date();
  if (when.getTime() > Date.now() + 5 * 60_000)
    throw ruleBroken("in_future", "at: a step cannot have happened in the future", "at");
  const early = stepTimeProblem(t.transfer.steps as StepRecord[], when);
  if (early) throw ruleBroken("out_of_order", `at: ${early}`, "at");
  const steps = record(t, step as TransferStep, actor, {
    at: when.toISOString(),
    ...(input.how ? { how: input.how } : {}),
    ...(input.note ? { note: input.note } : {}),
  });
  return apply(db, actor, t, {
    state: stateFor(t.transfer.requiredSteps as TransferStep[], steps),
    steps,
    event: {
      name: "transfer.step_done",
      data: { step, how: input.how ?? null, at: when.toISOString() },
    },
  });
}
