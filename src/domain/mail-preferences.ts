import type { FieldIssue } from "./errors.ts";

/**
 * A person's team mail in one workspace is the topics they turned off; none is everything on.
 * The list is kept sorted and without repeats, so equal choices store equally.
 */
export const normalOffTopics = (topics: readonly string[]): string[] => [...new Set(topics)].sort();

/** The topics after one more is turned off; null when it already was (an unsubscribe repeated). */
export function withTopicOff(off: readonly string[], topic: string): string[] | null {
  return off.includes(topic) ? null : normalOffTopics([...off, topic]);
}

/** A topic one may not turn off (customer mail, one's own account) or that does not exist. */
export function offTopicsProblem(
  off: readonly string[],
  teamTopics: ReadonlySet<string>,
): FieldIssue | undefined {
  const stray = off.find((t) => !teamTopics.has(t));
  return stray === undefined
    ? undefined
    : {
        field: "offTopics",
        message: `${stray} is not team mail one may turn off; choose among ${[...teamTopics].join(", ")}`,
      };
}
