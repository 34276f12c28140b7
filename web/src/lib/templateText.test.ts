import i18next from "i18next";
import { afterAll, describe, expect, it } from "vitest";
import de from "../locales/de.json" with { type: "json" };
import { topicTitle, variableText } from "./templateText.ts";

describe("the templates page's help", () => {
  afterAll(() => i18next.changeLanguage("en-GB"));

  it("says a topic's purpose and its placeholders in German, a topic's own words first", async () => {
    i18next.addResourceBundle("de", "translation", de, true, true);
    await i18next.changeLanguage("de");
    expect(topicTitle({ topic: "invitation", title: "…" })).toBe(
      "Ein Administrator lädt jemanden in den Arbeitsbereich ein: der Link zum Beitreten",
    );
    expect(variableText("mention", { name: "caseNumber", description: "…" })).toBe(
      "Die Fallnummer",
    );
    expect(variableText("follow_up_due", { name: "caseNumber", description: "…" })).toBe(
      "Die Nummer des gelösten Falls",
    );
  });

  it("keeps the server's words for what it does not know, and reads English in English", async () => {
    await i18next.changeLanguage("en-GB");
    expect(variableText("mention", { name: "caseNumber", description: "…" })).toBe(
      "The case number",
    );
    expect(topicTitle({ topic: "someday", title: "A new message" })).toBe("A new message");
    expect(variableText("someday", { name: "newThing", description: "A new value" })).toBe(
      "A new value",
    );
  });
});
