import i18next from "i18next";
import { afterAll, describe, expect, it } from "vitest";
import de from "../locales/de.json" with { type: "json" };
import { reasonText } from "./scoreReasons.ts";

// The English sentences the server writes (src/domain/analytics/score.ts) and the page's, from
// the same code and figures, agree; German says them in German; facts without a code keep theirs.
describe("score reasons", () => {
  afterAll(() => i18next.changeLanguage("en-GB"));

  it("says the server's reason from its code and figures, durations and steps in words", () => {
    expect(
      reasonText({
        reason: "bounced back to the sender 2 h after the handoff",
        because: { code: "bounced", values: { minutes: 120 } },
      }),
    ).toBe("bounced back to the sender 2 hrs after the handoff");
    expect(
      reasonText({
        reason: "…",
        because: { code: "stepMissing", values: { good: 1, steps: 3, step: "approval" } },
      }),
    ).toBe("1 of 3 steps done in order; “Approval” not recorded");
    expect(
      reasonText({
        reason: "…",
        because: { code: "repliedOver", values: { minutes: 95, target: 60 } },
      }),
    ).toBe("receiver replied 95 mins after the handoff, over the target of 60 mins");
  });

  it("keeps the sentence of a fact refreshed before codes, or of a code it does not know", () => {
    expect(reasonText({ reason: "customer not told" })).toBe("customer not told");
    expect(reasonText({ reason: "as sent", because: { code: "newer", values: {} } })).toBe(
      "as sent",
    );
  });

  it("speaks German on a German page", async () => {
    i18next.addResourceBundle("de", "translation", de, true, true);
    await i18next.changeLanguage("de");
    expect(
      reasonText({
        reason: "…",
        because: { code: "templateFilled", values: { filled: 2, fields: 4 } },
      }),
    ).toBe("2 von 4 Vorlagenfeldern ausgefüllt");
    expect(
      reasonText({ reason: "…", because: { code: "reopened", values: { minutes: 30 } } }),
    ).toBe("Kunde hat den Fall 30 Min. nach der Übergabe wieder geöffnet");
  });
});
