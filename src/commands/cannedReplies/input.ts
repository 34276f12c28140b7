import { z } from "zod";
import { CANNED_SCOPES } from "../../domain/canned-replies.ts";
import { rowVersion } from "../../domain/numbers.ts";

// Title and body are checked with the placeholders (src/domain/canned-replies.ts), so that every
// refusal names its field once and in Baton's words; the schemas only say what the fields are.
const text = (what: string) =>
  z.string(`must be ${what}`).max(100_000, `is far longer than Baton takes`);

const title = text("the reply's name, as text").describe(
  "Its name in the composer's list, one line; unique in its scope whatever its case",
);
const body = text("the reply's text").describe(
  "The text put into the note, with {{placeholders}} filled from the case",
);

export const createCannedReplyInput = z.strictObject({
  scope: z
    .enum(CANNED_SCOPES, `must be one of ${CANNED_SCOPES.join(", ")}`)
    .describe("workspace: everyone's (admins manage them); personal: your own"),
  title,
  body,
});

export const updateCannedReplyInput = z.strictObject({
  version: rowVersion.describe("The version you read; a stale one is refused with 409"),
  title: title.optional(),
  body: body.optional(),
});

export type CreateCannedReplyInput = z.infer<typeof createCannedReplyInput>;
export type UpdateCannedReplyInput = z.infer<typeof updateCannedReplyInput>;
