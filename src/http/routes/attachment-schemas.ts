import { z } from "zod";

// What the attachment routes answer; the web app's types are these.

export const attachmentItem = z.object({
  id: z.string(),
  filename: z.string().describe("Cleaned of folders and control characters"),
  contentType: z.string().describe("The type found in the bytes, not the one the uploader sent"),
  size: z.number().int().describe("Bytes"),
  source: z.enum(["upload", "email"]),
  uploadedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  noteId: z.number().int().nullable().describe("The note it is on; null while it waits for one"),
  createdAt: z.string(),
  url: z.string().describe("Download it (as an attachment)"),
  previewUrl: z.string().nullable().describe("For a raster image: shown inline, for <img src>"),
});

export const caseAttachmentList = z.object({
  items: z.array(attachmentItem),
  viewer: z.object({
    mayUpload: z.boolean().describe("Whether I may upload files to this case now"),
    maxBytes: z.number().int().describe("The largest file accepted"),
    allowedTypes: z.array(z.string()).describe("The types accepted"),
  }),
});

export type AttachmentItem = z.infer<typeof attachmentItem>;
export type CaseAttachmentList = z.infer<typeof caseAttachmentList>;
