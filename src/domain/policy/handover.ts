import { z } from "zod";
import { ROLE_IDS } from "../permissions.ts";
import { code, lineText, requiredLine, safeText } from "../text.ts";

// Follow the sun (S1.2, S1.5, S0.2): which region hands 24x7 cases to which, when the pair's
// handover meeting is held, how far ahead the handoff board looks, and whom to raise a 24x7
// case to when its owner's shift ended without a handover. Cross-references to regions and roles
// are checked by `handoverIssues`, called from the policy schema's refinement.

const meetingClock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time of day HH:mm between 00:00 and 23:59");

export const handoverMeetingSchema = z.strictObject({
  /** Local time of day the meeting starts, the same every working day. */
  at: meetingClock,
  /** Whose local time `at` is: the handing-over region's (`from`) or the receiving one's (`to`). */
  in: z.enum(["from", "to"]).default("from"),
  durationMinutes: z.number().int().min(5).max(240).default(30),
  /** Calendar title; defaults to "Handover <FROM> → <TO>". */
  title: requiredLine(120).optional(),
  /** Where the meeting happens: a room or bridge name (a link is the deployment's business). */
  location: lineText(300, 0).optional(),
});

export const handoverPairSchema = z.strictObject({
  /** The region handing over at the end of its shift. */
  from: code,
  /** The regions that take over, in the order they are preferred on a tie. */
  to: z.array(code).min(1).max(10),
  /** The pair's handover meeting; none means the pair hands over without one. */
  meeting: handoverMeetingSchema.optional(),
});

export const escalationLevelSchema = z.strictObject({
  /** Minutes after the owner's shift ended (without a handover) that this level applies. */
  afterMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 7),
  /** The role the case is raised to (S1.5: the technical advisor, then the manager). */
  role: z.enum(ROLE_IDS),
});

// A fresh object per parse: presets are frozen, and a shared default would freeze with them.
const defaultHandover = () => ({
  pairs: [],
  boardWindowMinutes: 120,
  customerOverlap: 0.5,
  escalation: [],
  agenda: "",
});

export const handoverSchema = z
  .strictObject({
    /** S1.2: region handover pairs (e.g. APAC → IST/EMEA) and their meetings. */
    pairs: z.array(handoverPairSchema).max(50).default([]),
    /** The handoff board lists 24x7 cases whose owner's shift ends within this many minutes. */
    boardWindowMinutes: z
      .number()
      .int()
      .min(0)
      .max(60 * 24)
      .default(120),
    /**
     * S0.2/S1.3: a region serves a customer's time zone when it is open for at least this
     * share (0–1) of the customer's working hours in a week.
     */
    customerOverlap: z.number().min(0).max(1).default(0.5),
    /** S1.5: whom to raise a 24x7 case to when its owner's shift ended without a handover. */
    escalation: z.array(escalationLevelSchema).max(5).default([]),
    /** The handover meeting's agenda, used as the calendar entry's description. */
    agenda: safeText(2000, 0).default(""),
  })
  .default(defaultHandover);

export type Handover = z.infer<typeof handoverSchema>;
export type HandoverPair = z.infer<typeof handoverPairSchema>;
export type HandoverMeeting = z.infer<typeof handoverMeetingSchema>;
export type EscalationLevel = z.infer<typeof escalationLevelSchema>;

interface Issue {
  path: (string | number)[];
  message: string;
}

/** Cross-checks the handover section against the policy's regions and roles. */
export function handoverIssues(
  handover: Handover,
  regions: ReadonlySet<string>,
  roles: ReadonlySet<string>,
): Issue[] {
  const issues: Issue[] = [];
  const at = (...rest: (string | number)[]) => ["handover", ...rest];
  const edges = new Map<string, number>();
  handover.pairs.forEach((pair, i) => {
    if (!regions.has(pair.from))
      issues.push({ path: at("pairs", i, "from"), message: `names unknown region ${pair.from}` });
    const seen = new Set<string>();
    pair.to.forEach((to, j) => {
      if (!regions.has(to))
        issues.push({ path: at("pairs", i, "to", j), message: `names unknown region ${to}` });
      if (to === pair.from)
        issues.push({
          path: at("pairs", i, "to", j),
          message: `a region cannot hand over to itself (${to})`,
        });
      if (seen.has(to))
        issues.push({ path: at("pairs", i, "to", j), message: `lists ${to} twice` });
      seen.add(to);
      const edge = `${pair.from}>${to}`;
      const first = edges.get(edge);
      if (first !== undefined && first !== i)
        issues.push({
          path: at("pairs", i, "to", j),
          message: `${pair.from} → ${to} is already listed in handover.pairs.${first}`,
        });
      else edges.set(edge, i);
    });
    if (pair.meeting?.in === "to" && pair.to.length > 1)
      issues.push({
        path: at("pairs", i, "meeting", "in"),
        message:
          `a meeting timed in the receiving region's local time needs exactly one receiving ` +
          `region; this pair has ${pair.to.length}. Use "from", or split the pair`,
      });
  });
  let previous = -1;
  handover.escalation.forEach((level, i) => {
    if (!roles.has(level.role))
      issues.push({
        path: at("escalation", i, "role"),
        message: `names role ${level.role}, which this policy does not define`,
      });
    if (level.afterMinutes <= previous)
      issues.push({
        path: at("escalation", i, "afterMinutes"),
        message: "must be later than the level before it",
      });
    previous = level.afterMinutes;
  });
  return issues;
}
