import { z } from "zod";

// What the message template routes answer; the web app's types are these.

/** A workspace's own wording of a message in one language. */
export const templateOverride = z.object({
  language: z.string(),
  subject: z.string(),
  text: z.string(),
  version: z.number(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
});

export const templateTopic = z.object({
  topic: z.string(),
  title: z.string(),
  variables: z.array(z.object({ name: z.string(), description: z.string() })),
  defaultLanguages: z.array(z.string()),
  overrides: z.array(templateOverride),
});

export const templateTopics = z.object({
  defaultLanguage: z.string(),
  items: z.array(templateTopic),
});

/** The wording a reader of a language gets, and whether the workspace set it for that language. */
export const effectiveTemplate = z.object({
  topic: z.string(),
  language: z.string(),
  overridden: z.boolean(),
  version: z.number().nullable(),
  subject: z.string(),
  text: z.string(),
  from: z.object({ source: z.enum(["workspace", "default"]), language: z.string() }),
  builtIn: z.object({ subject: z.string(), text: z.string(), language: z.string() }),
});

export const savedTemplate = templateOverride.extend({ topic: z.string() });
export const renderedTemplate = z.object({ subject: z.string(), text: z.string() });

export type TemplateOverride = z.infer<typeof templateOverride>;
export type TemplateTopicInfo = z.infer<typeof templateTopic>;
export type TemplateTopics = z.infer<typeof templateTopics>;
export type EffectiveTemplate = z.infer<typeof effectiveTemplate>;
export type SavedTemplate = z.infer<typeof savedTemplate>;
export type RenderedTemplate = z.infer<typeof renderedTemplate>;
