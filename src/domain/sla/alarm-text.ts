import { DateTime } from "luxon";
import { type Said, said } from "../said.ts";
import type { Alarm, ClockName } from "./clocks.ts";

const WHAT: Record<ClockName, string> = {
  first_response: "The first response to the customer",
  next_update: "The next update to the customer",
  resolution: "The resolution",
  idle: "Work on the case (nobody has touched it since the idle limit began)",
  return: "The first response after auto-assignment",
};

const when = (at: Date, zone: string) =>
  DateTime.fromJSDate(at, { zone }).toFormat("d LLL yyyy HH:mm ZZZZ");

/**
 * Baton's note on a case when a clock warns or breaches: which clock, due when (in the zone of
 * the person reading it first: the owner's, else the workspace's first region's), and who was
 * told. Plain words; people read it in the timeline and in the email.
 */
export function alarmNote(input: {
  alarm: Alarm;
  zone: string;
  ownerName: string | null;
  raisedTo: readonly { name: string; role: string }[];
}): string {
  const { alarm, zone } = input;
  const what = WHAT[alarm.clock];
  const due = when(alarm.dueAt, zone);
  const head =
    alarm.kind === "warning"
      ? `${what} is due ${due}: ${Math.max(
          0,
          Math.round((alarm.dueAt.getTime() - alarm.at.getTime()) / 60_000),
        )} minutes left.`
      : `${what} was due ${due} and has not happened.`;
  const owner = input.ownerName ? ` Owner: ${input.ownerName}.` : " Nobody owns the case.";
  const raised = input.raisedTo.length
    ? ` Raised to ${input.raisedTo.map((p) => `${p.name} (${p.role})`).join(", ")}.`
    : "";
  return `${head}${owner}${raised}`;
}

/**
 * The same note as a code and its values, for a page in the reader's language: the due time as
 * an instant (the page shows it in its reader's zone), the people and the policy's role names as
 * written. `shiftLeadDecides` for the return timer raised to the shift lead.
 */
export function alarmLine(
  input: {
    alarm: Alarm;
    ownerName: string | null;
    raisedTo: readonly { name: string; role: string }[];
  },
  shiftLeadDecides = false,
): Said {
  const { alarm } = input;
  const warning = alarm.kind === "warning";
  return said(warning ? "clockWarning" : "clockBreached", {
    clock: alarm.clock,
    dueAt: alarm.dueAt.toISOString(),
    minutes: warning
      ? Math.max(0, Math.round((alarm.dueAt.getTime() - alarm.at.getTime()) / 60_000))
      : null,
    owner: input.ownerName,
    raisedTo: input.raisedTo.length
      ? input.raisedTo.map((p) => `${p.name} (${p.role})`).join(", ")
      : null,
    shiftLeadDecides: shiftLeadDecides ? 1 : null,
  });
}
