// Baton's notes on a project task in the reader's language, from the code and values the server
// keeps beside its English (`line` of a task note, docs/api.md). Case and task numbers, the PM's
// handle, names and the person's own words come as written; calendar days as the task page shows
// them. Notes written before codes existed, and codes this page does not know, keep the server's
// English.
import { t } from "i18next";
import type { Said, TaskNote } from "../api/types.ts";
import { hours } from "./taskTime.ts";

type Values = Said["values"];

const str = (v: Values, name: string) => (typeof v[name] === "string" ? (v[name] as string) : "");
const num = (v: Values, name: string) => (typeof v[name] === "number" ? (v[name] as number) : 0);

function roadblock(v: Values): string {
  const left =
    typeof v.toFinish === "number"
      ? t("taskNotes.toFinish", { time: hours(v.toFinish) })
      : t("taskNotes.toFinishUnknown");
  const by = str(v, "finishOn") ? t("taskNotes.finishBy", { day: str(v, "finishOn") }) : "";
  const lines = [
    t("taskNotes.roadblock", { case: num(v, "case") }),
    t("taskNotes.delivered", { time: hours(num(v, "delivered")) }),
    `${left}${by}.`,
    t("taskNotes.pleaseSchedule", { manager: str(v, "manager"), case: num(v, "case") }),
  ];
  if (str(v, "note")) lines.push(str(v, "note"));
  return lines.join("\n");
}

/** The note in the reader's language, or null when this page has no words for its code. */
export function codedTaskNote(line: Said): string | null {
  const { code, values: v } = line;
  switch (code) {
    case "taskRoadblock":
      return roadblock(v);
    case "taskFollowUpDrafted":
      return t("taskNotes.followUpDrafted", { case: num(v, "case"), followUp: num(v, "followUp") });
    case "taskScheduled":
      return t("taskNotes.scheduled", { on: str(v, "on"), by: str(v, "by") });
    default:
      return null;
  }
}

/** What a task note says: Baton's own notes worded here when they carry a code, else its body. */
export function taskNoteText(note: Pick<TaskNote, "body" | "line">): string {
  return (note.line && codedTaskNote(note.line)) ?? note.body;
}
