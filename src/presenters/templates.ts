import type { messageTemplates } from "../db/schema.ts";

export type TemplateRow = typeof messageTemplates.$inferSelect;

export function overrideView(r: TemplateRow) {
  return {
    language: r.language,
    subject: r.subject,
    text: r.text,
    version: r.version,
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt.toISOString(),
  };
}
