import { DateTime } from "luxon";
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
