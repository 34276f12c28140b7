import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TEMPLATE_TOPICS } from "../../src/notify/templates/registry.ts";

// The templates page words each topic's purpose and placeholders from its own messages
// (web/src/lib/templateText.ts); in English they must say what the server says, for every topic
// and placeholder, so a change on either side shows here.
const en = JSON.parse(
  readFileSync(join(import.meta.dirname, "../../web/src/locales/en.json"), "utf8"),
) as {
  templateTopics: Record<string, Record<string, string>>;
  templateVariables: Record<string, string>;
};

describe("the templates page's English", () => {
  it("is the server's, for every topic and placeholder", () => {
    const page: Record<string, unknown> = {};
    const server: Record<string, unknown> = {};
    for (const topic of TEMPLATE_TOPICS) {
      const own = en.templateTopics[topic.topic] ?? {};
      page[topic.topic] = {
        title: own.title,
        variables: Object.fromEntries(
          Object.keys(topic.variables).map((name) => [
            name,
            own[name] ?? en.templateVariables[name],
          ]),
        ),
      };
      server[topic.topic] = { title: topic.title, variables: topic.variables };
    }
    expect(page).toEqual(server);
  });
});
