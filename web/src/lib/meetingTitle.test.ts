import i18next from "i18next";
import { afterAll, describe, expect, it } from "vitest";
import { pairTitle } from "../../../src/domain/schedule/meetings.ts";
import de from "../locales/de.json" with { type: "json" };
import { meetingTitle } from "./meetingTitle.ts";

describe("a handover meeting's name", () => {
  afterAll(() => i18next.changeLanguage("en-GB"));
  const batons = pairTitle({ from: "APAC", to: ["IST", "EMEA"] });

  it("reads Baton's own name as the server writes it, in English", async () => {
    await i18next.changeLanguage("en-GB");
    expect(meetingTitle(batons)).toBe(batons);
  });

  it("says Baton's own name in German, and keeps the policy's name as written", async () => {
    i18next.addResourceBundle("de", "translation", de, true, true);
    await i18next.changeLanguage("de");
    expect(meetingTitle(batons)).toBe("Übergabe APAC → IST, EMEA");
    expect(meetingTitle(pairTitle({ from: "EMEA", to: ["US"] }))).toBe("Übergabe EMEA → US");
    expect(meetingTitle("Daily sync with the US desk")).toBe("Daily sync with the US desk");
  });
});
