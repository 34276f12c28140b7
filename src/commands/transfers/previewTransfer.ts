import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import type { RequestTransferInput } from "../../domain/transfer/inputs.ts";
import { prepareTransferRequest } from "../../loaders/transfer-request.ts";
import { previewOf, type TransferPreview } from "../../presenters/transfer-preview.ts";

export async function previewTransfer(
  db: Db,
  actor: Actor,
  number: number,
  input: RequestTransferInput,
): Promise<TransferPreview> {
  const { plan } = await prepareTransferRequest(db, actor, number, input, new Date(), false);
  return previewOf(plan);
}
