import i18next from "i18next";
import { afterAll, describe, expect, it } from "vitest";
import de from "../locales/de.json" with { type: "json" };
import { changeLabel, changeSide, systemLine } from "./changeText.ts";

describe("a system line in the reader's language", () => {
  afterAll(() => i18next.changeLanguage("en-GB"));

  it("names fields and Baton's statuses in German, keeping names and the policy's labels", async () => {
    i18next.addResourceBundle("de", "translation", de, true, true);
    await i18next.changeLanguage("de");
    expect(changeLabel({ field: "severity", label: "Severity" })).toBe("Schweregrad");
    expect(changeLabel({ field: "ownerId", label: "Owner" })).toBe("Bearbeiter");
    // A field the page has no word for keeps the server's label.
    expect(changeLabel({ field: "somethingNew", label: "Something new" })).toBe("Something new");
    expect(changeSide("status", { value: "active", text: "active" })).toBe("Aktiv");
    // The workspace's own status label stays as written.
    expect(
      changeSide("status", {
        value: "solution_delivered",
        text: "Solution delivered, awaiting confirmation",
      }),
    ).toBe("Solution delivered, awaiting confirmation");
    expect(changeSide("is24x7", { value: true, text: "yes" })).toBe("ja");
    expect(changeSide("ownerId", { value: "u1", text: "Sofia Rossi" })).toBe("Sofia Rossi");
    expect(systemLine("Case created", { event: "case.created" })).toBe("Fall erstellt");
    // A line the page cannot word from data keeps the server's.
    expect(
      systemLine("Case created from case #100042", {
        event: "case.created",
        parentCaseNumber: 100042,
      }),
    ).toBe("Case created from case #100042");
  });

  it("reads the same as the server in English", async () => {
    await i18next.changeLanguage("en-GB");
    expect(changeLabel({ field: "nextContactAt", label: "Next customer contact" })).toBe(
      "Next customer contact",
    );
    expect(changeSide("status", { value: "awaiting_customer", text: "awaiting_customer" })).toBe(
      "Awaiting customer",
    );
    expect(systemLine("Case created", { event: "case.created" })).toBe("Case created");
  });
});
