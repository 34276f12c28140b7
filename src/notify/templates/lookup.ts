import { invalid, notFound } from "../../domain/errors.ts";
import { templateTopic } from "./registry.ts";
import type { TemplateTopic } from "./topic.ts";
import { canonicalTag } from "./validate.ts";

export function topicNamed(name: string): TemplateTopic<unknown> {
  const topic = templateTopic(name);
  if (!topic) throw notFound(`Message topic ${name}`);
  return topic;
}

export function tagOf(language: string, field = "language"): string {
  const tag = canonicalTag(language);
  if (!tag) throw invalid(field, 'must be a BCP 47 language tag, e.g. "de" or "pt-BR"');
  return tag;
}
