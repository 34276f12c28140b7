import i18next from "i18next";
import { afterAll, describe, expect, it } from "vitest";
import { auditWords } from "../../../src/domain/audit-text.ts";
import de from "../locales/de.json" with { type: "json" };
import { auditText } from "./auditText.ts";

// Audit summaries from the code and values the server sends beside its English: the same words
// in English, German in German, names and the policy's labels as written.
const names = {
  policy: {
    roles: [{ id: "shift_lead", name: "Shift lead" }],
    queues: [{ code: "l2", name: "Support L2" }],
    transferKinds: [{ code: "ps", name: "Escalate to PS" }],
    severities: [],
    priorities: [],
  },
  people: new Map([
    ["u1", { id: "u1", name: "Sam Lee" }],
    ["u2", { id: "u2", name: "Bo Chen" }],
  ]),
} as unknown as Parameters<typeof auditWords>[2];

/** An entry as the API answers it, from the server's own wording. */
function entry(action: string, data: Record<string, unknown>, subject?: string) {
  return { ...auditWords(action, data, names, subject), changes: null };
}

const completed = entry("transfer.completed", {
  kind: "ps",
  from: { ownerId: "u1", queue: "l2" },
  to: { ownerId: null, queue: "l2" },
});
const deactivated = entry(
  "user.deactivated",
  { revokedSessions: 1, revokedTokens: 2, openCases: ["a", "b", "c"] },
  "u2",
);
const membership = entry("membership.added", {});

describe("an audit summary", () => {
  afterAll(() => i18next.changeLanguage("en-GB"));

  it("reads as the server's summary in English", async () => {
    await i18next.changeLanguage("en-GB");
    for (const e of [
      completed,
      deactivated,
      membership,
      entry("invitation.sent", { email: "a@b.example", role: "shift_lead", resent: true }),
    ])
      expect(auditText(e)).toBe(e.summary);
  });

  it("reads in German", async () => {
    i18next.addResourceBundle("de", "translation", de, true, true);
    await i18next.changeLanguage("de");
    expect(auditText(completed)).toBe(
      "Transfer abgeschlossen (Escalate to PS): Sam Lee → Queue Support L2",
    );
    expect(auditText(deactivated)).toBe(
      "Bo Chen deaktiviert: 1 Sitzung und 2 API-Tokens beendet, 3 offene Fälle zu übergeben",
    );
    expect(auditText(membership)).toBe("Mitgliedschaft hinzugefügt");
    expect(auditText(entry("user.created", {}))).toBe("Benutzer angelegt");
    expect(auditText(entry("membership.removed", { openCases: ["a"] }, "u1"))).toBe(
      "Sam Lee aus dem Arbeitsbereich entfernt, mit 1 offenen Fall",
    );
    expect(auditText(entry("transfer.declined", { note: "Not my region" }))).toBe(
      "Transfer nicht angenommen: Not my region",
    );
    expect(
      auditText(entry("policy.published", { version: 4, changeCount: 2, summary: "New queue" })),
    ).toBe("Richtlinienversion 4 veröffentlicht: 2 Änderungen — New queue");
    expect(
      auditText({
        ...entry("case.updated", { changes: { severity: { from: "2", to: "1" } } }),
        changes: [
          {
            field: "severity",
            label: "Severity",
            from: { value: "2", text: "2" },
            to: { value: "1", text: "1" },
            long: false,
          },
        ],
      }),
    ).toBe("Fall geändert: Schweregrad: 2 → 1");
  });

  it("keeps the server's summary for an action it has no words for", async () => {
    await i18next.changeLanguage("de");
    expect(auditText(entry("something.new", {}))).toBe("Something new");
  });
});
