import { z } from "zod";
import { SHEET_MOVES, SHEET_STATES } from "../../domain/sheet.ts";
import { person } from "./params.ts";

// What the hand-off sheet routes answer; the web app's types are these.

export const sheetEntry = z.object({
  id: z.string(),
  version: z.number(),
  state: z.enum(SHEET_STATES),
  needs: z.string(),
  dueAt: z.string().nullable(),
  queue: z.string().nullable().describe("The queue (team) the entry is for, if any"),
  note: z.string(),
  case: z.object({
    number: z.number(),
    subject: z.string(),
    severity: z.string(),
    status: z.string(),
    queue: z.string(),
    owner: person,
  }),
  addedBy: person,
  claimedBy: person,
  claimedAt: z.string().nullable(),
  doneBy: person,
  doneAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.enum(SHEET_MOVES)).describe("What the caller may do to the entry now"),
});

export const sheetList = z.object({
  workspace: z.string(),
  items: z.array(sheetEntry),
  more: z.boolean().describe("More entries match than the limit"),
  viewer: z.object({ add: z.boolean().describe("May put cases on the sheet") }),
});

export type SheetEntry = z.infer<typeof sheetEntry>;
export type SheetList = z.infer<typeof sheetList>;
