import i18next from "i18next";
import { afterAll, describe, expect, it } from "vitest";
import {
  followUpDraftedNote,
  roadblockLine,
  roadblockNote,
  scheduledNote,
} from "../../../src/domain/projects/tasks.ts";
import de from "../locales/de.json" with { type: "json" };
import { taskNoteText } from "./taskNotes.ts";

// Baton's notes on a project task from the code and values the server keeps beside its English:
// in English as the server says them, in German in German; names, handles and the person's own
// words as written.
const roadblock = {
  taskNumber: 7,
  caseNumber: 1042,
  minutesDelivered: 300,
  minutesToFinish: 150,
  finishOn: "2027-01-29",
  managerHandle: "pia",
};
const unknownEstimate = { ...roadblock, minutesToFinish: null, finishOn: null };
const coded = (body: string, line: ReturnType<typeof roadblockLine>) => ({ body, line });
const notes = {
  roadblock: coded(roadblockNote(roadblock), roadblockLine(roadblock)),
  withNote: coded(
    `${roadblockNote(unknownEstimate)}\nCustomer's VPN blocks the export.`,
    roadblockLine(unknownEstimate, "Customer's VPN blocks the export."),
  ),
  drafted: followUpDraftedNote(1042, 8),
  scheduled: scheduledNote("2027-02-01", "Pia Manager"),
};

describe("a task note from Baton", () => {
  afterAll(() => i18next.changeLanguage("en-GB"));

  it("reads as the server's English in English", async () => {
    await i18next.changeLanguage("en-GB");
    for (const note of Object.values(notes)) expect(taskNoteText(note)).toBe(note.body);
  });

  it("reads in German, numbers, handles, names and the person's words as written", async () => {
    i18next.addResourceBundle("de", "translation", de, true, true);
    await i18next.changeLanguage("de");
    expect(taskNoteText(notes.roadblock)).toBe(
      [
        "Hindernis: Fall #1042 eröffnet, um Hilfe zu bekommen.",
        "Bisher geleistete Zeit: 5 h.",
        "Schätzung bis fertig: 2 h 30 min, bis 2027-01-29.",
        "@pia bitte planen Sie das Follow-up, sobald Fall #1042 gelöst ist. Aufgabe geschlossen.",
      ].join("\n"),
    );
    expect(taskNoteText(notes.withNote)).toContain(
      "Schätzung bis fertig: noch nicht bekannt.\n@pia",
    );
    expect(taskNoteText(notes.withNote).endsWith("\nCustomer's VPN blocks the export.")).toBe(true);
    expect(taskNoteText(notes.drafted)).toBe(
      "Fall #1042 ist gelöst; Follow-up T-8 wartet darauf, dass die Projektleitung es plant.",
    );
    expect(taskNoteText(notes.scheduled)).toBe("Geplant für 2027-02-01 von Pia Manager.");
  });

  it("keeps the server's English for notes written before codes and codes it does not know", async () => {
    await i18next.changeLanguage("de");
    expect(taskNoteText({ body: "Scheduled for 2027-02-01 by Pia.", line: null })).toBe(
      "Scheduled for 2027-02-01 by Pia.",
    );
    expect(taskNoteText({ body: "Something new.", line: { code: "taskNew", values: {} } })).toBe(
      "Something new.",
    );
  });
});
