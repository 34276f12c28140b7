import { z } from "zod";
import { CANNED_SCOPES } from "../../domain/canned-replies.ts";

// What the canned reply routes answer; the web app's types are these.

export const cannedReply = z.object({
  id: z.string(),
  scope: z.enum(CANNED_SCOPES),
  title: z.string(),
  body: z.string().describe("As written, with its {{placeholders}}"),
  version: z.number(),
  mayEdit: z.boolean().describe("Whether the caller may change or delete it"),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const cannedReplyList = z.object({
  placeholders: z.array(z.object({ name: z.string(), description: z.string() })),
  items: z.array(cannedReply),
});

export const filledCannedReplies = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      scope: z.enum(CANNED_SCOPES),
      title: z.string(),
      body: z.string().describe("Filled in for the case, ready for the note"),
    }),
  ),
});

export type CannedReply = z.infer<typeof cannedReply>;
export type CannedReplyList = z.infer<typeof cannedReplyList>;
export type FilledCannedReplies = z.infer<typeof filledCannedReplies>;
