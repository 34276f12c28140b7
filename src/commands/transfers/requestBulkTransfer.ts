import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { rowVersion } from "../../domain/numbers.ts";
import { oneByOne } from "../../domain/one-by-one.ts";
import { requestTransferInput } from "../../domain/transfer/inputs.ts";
import { requestTransfer } from "./requestTransfer.ts";

export const bulkTransferInput = requestTransferInput.omit({ version: true }).extend({
  cases: z
    .array(
      z.strictObject({
        number: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
        version: rowVersion,
      }),
    )
    .min(1)
    .max(100),
});

export type BulkTransferInput = z.infer<typeof bulkTransferInput>;

/** S3.4: each case succeeds or fails on its own, with its reason; one failure stops nothing. */
export async function requestBulkTransfer(db: Db, actor: Actor, input: BulkTransferInput) {
  const { cases, ...shared } = input;
  return oneByOne(
    cases,
    async (c) => {
      const done = await requestTransfer(db, actor, c.number, { ...shared, version: c.version });
      return { transferId: done.id, state: done.state };
    },
    { transferId: null, state: null },
  );
}
