import i18next from "i18next";
import { afterAll, describe, expect, it } from "vitest";
import { alarmLine } from "../../../src/domain/sla/alarm-text.ts";
import de from "../locales/de.json" with { type: "json" };
import { systemLine } from "./changeText.ts";

// The timeline's system lines from the code and values the server keeps beside its English: in
// English as the server says them, in German in German, names and the policy's words as written.
const transfer = {
  code: "transferredToQueue",
  values: { kind: "Escalate to PS", queue: "Support L2", region: "EMEA", autoAssigned: 1 },
};
const breach = alarmLine({
  alarm: {
    clock: "first_response",
    kind: "breach",
    at: new Date("2026-12-05T14:05:00Z"),
    dueAt: new Date("2026-12-05T14:00:00Z"),
  },
  ownerName: "Sam Lee",
  raisedTo: [{ name: "Ana Silva", role: "Shift lead" }],
});
const warning = alarmLine({
  alarm: {
    clock: "next_update",
    kind: "warning",
    at: new Date("2026-12-05T13:30:00Z"),
    dueAt: new Date("2026-12-05T14:00:00Z"),
  },
  ownerName: null,
  raisedTo: [],
});
const sheet = { code: "sheetChanged", values: { by: "Sam Lee", fields: "needs,dueAt" } };
const session = {
  code: "sessionAsked",
  values: { minutes: 120, kind: "training", topic: "Exports", askedBy: "customer", needsLead: 1 },
};

describe("a coded system line", () => {
  afterAll(() => i18next.changeLanguage("en-GB"));

  it("reads as the server's sentence in English", async () => {
    await i18next.changeLanguage("en-GB");
    expect(systemLine("…", {}, transfer)).toBe(
      "Transferred (Escalate to PS) to queue Support L2 (EMEA), auto-assigned",
    );
    expect(
      systemLine("…", {}, { code: "transferred", values: { kind: "Swap", target: "Bo (APAC)" } }),
    ).toBe("Transferred (Swap) to Bo (APAC)");
    expect(systemLine("…", {}, breach)).toMatch(
      /^The first response to the customer was due .+ and has not happened\. Owner: Sam Lee\. Raised to Ana Silva \(Shift lead\)\.$/,
    );
    expect(systemLine("…", {}, warning)).toMatch(
      /^The next update to the customer is due .+: 30 minutes left\. Nobody owns the case\.$/,
    );
    expect(systemLine("…", {}, sheet)).toBe(
      "Hand-off sheet: Sam Lee changed what it needs, the due date",
    );
    expect(systemLine("…", {}, session)).toBe(
      "Session asked by the customer: a 2 hrs training “Exports”; waits for the shift lead",
    );
  });

  it("reads in German, the policy's kind, queue and region as written", async () => {
    i18next.addResourceBundle("de", "translation", de, true, true);
    await i18next.changeLanguage("de");
    expect(systemLine("…", {}, transfer)).toBe(
      "Übertragen (Escalate to PS) an Queue Support L2 (EMEA), automatisch zugewiesen",
    );
    expect(systemLine("…", {}, breach)).toMatch(
      /^Die erste Antwort an den Kunden war am \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} fällig und ist nicht erfolgt\. Bearbeiter: Sam Lee\. Eskaliert an Ana Silva \(Shift lead\)\.$/,
    );
    expect(systemLine("…", {}, warning)).toMatch(
      /^Das nächste Update an den Kunden ist am .+ fällig: noch 30 Minuten\. Der Fall hat keinen Bearbeiter\.$/,
    );
    expect(
      systemLine("…", {}, { code: "returnedToQueue", values: { owner: "Bo", nextAgent: 1 } }),
    ).toBe(
      "Bo hat nach der automatischen Zuweisung nicht rechtzeitig geantwortet; zurück in die Queue für den nächsten Agenten.",
    );
    expect(systemLine("…", {}, sheet)).toBe(
      "Übergabeliste: Sam Lee hat den Bedarf, die Fälligkeit geändert",
    );
    expect(systemLine("…", {}, session)).toBe(
      "Sitzung angefragt vom Kunden: ein Training (2 Std.) „Exports“; wartet auf die Schichtleitung",
    );
    expect(
      systemLine(
        "…",
        {},
        {
          code: "autoAssigned",
          values: { agent: "Bo", method: "skills", matched: "", trigger: "sweep", considered: 3 },
        },
      ),
    ).toBe("Zugewiesen an Bo nach Fähigkeiten (passend: keine) (wartete in der Queue); 3 geprüft.");
  });

  it("keeps the server's sentence for a line without a code, or with one it does not know", async () => {
    await i18next.changeLanguage("de");
    expect(systemLine("Transferred (Swap) to Bo", { event: "transfer.completed" }, null)).toBe(
      "Transferred (Swap) to Bo",
    );
    expect(systemLine("Something new", {}, { code: "somethingNew", values: {} })).toBe(
      "Something new",
    );
  });
});
