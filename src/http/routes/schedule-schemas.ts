import { z } from "zod";
import { isoDateTime, slug, toDate } from "../../domain/text.ts";

// Request and response shapes of the follow-the-sun routes. Instants go out as ISO strings in UTC;
// local renderings carry their zone and offset.

export const instant = isoDateTime.transform(toDate);

export const workspaceQuery = slug
  .optional()
  .describe("Workspace slug; may be left out by someone who belongs to one workspace only");

const when = z.string().describe("An instant, ISO 8601 in UTC");
const maybeWhen = when.nullable();

const period = z.object({ start: when, end: when });

export const regionStatusSchema = z.object({
  region: z.string(),
  name: z.string(),
  timeZone: z.string(),
  localTime: z.string().describe("The instant in the region's zone, with its offset"),
  holiday: z.boolean(),
  onDuty: z.boolean(),
  since: maybeWhen,
  changeAt: maybeWhen.describe("When the region next goes on or off duty"),
  next: period.nullable(),
});

export const onDutySchema = z.object({
  workspace: z.string(),
  at: when,
  regions: z.array(regionStatusSchema),
  agents: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        role: z.string(),
        region: z.string().nullable(),
        until: maybeWhen.describe("When their shift ends"),
      }),
    )
    .describe("The agents on shift at that instant (leave counts as off shift)"),
});

const regionOption = z.object({
  region: z.string(),
  name: z.string(),
  from: when,
  until: maybeWhen,
  onDutyAtHandoff: z.boolean(),
  paired: z.boolean(),
  matchingAgents: z.number(),
});

const agentOption = z.object({
  agentId: z.string(),
  name: z.string(),
  role: z.string(),
  takeOverAt: when,
  shiftEnd: maybeWhen,
  skillMatch: z.boolean(),
  languageMatch: z.boolean(),
  offQueue: z.boolean(),
  handoverSme: z.boolean(),
  load: z.number(),
});

const localRendering = z.object({
  timeZone: z.string(),
  iso: z.string(),
  date: z.string(),
  time: z.string(),
  weekday: z.string(),
  offset: z.string(),
  label: z.string(),
});

const contactTime = z.object({
  at: when,
  customer: localRendering,
  viewer: localRendering,
  dayOffset: z.number(),
  customerBusinessDay: z.boolean(),
  withinCustomerHours: z.boolean(),
  customerHoursFrom: maybeWhen,
});

const meetingLocal = z.object({
  region: z.string(),
  timeZone: z.string(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  startIso: z.string(),
});

export const meetingSchema = z.object({
  key: z.string().describe("Stable per pair and date"),
  from: z.string(),
  to: z.array(z.string()),
  title: z.string(),
  location: z.string().nullable(),
  agenda: z.string(),
  timeZone: z.string().describe("The zone the meeting's time is set in"),
  date: z.string(),
  start: when,
  end: when,
  durationMinutes: z.number(),
  adjusted: z.boolean().describe("Moved past a daylight-saving gap that day"),
  localTimes: z.array(meetingLocal),
});

const shiftState = z.object({
  onShift: z.boolean(),
  since: maybeWhen,
  changeAt: maybeWhen,
  next: period.nullable(),
});

export const nextHolderSchema = z.object({
  caseNumber: z.number(),
  at: when,
  mode: z.enum(["follow_the_sun", "local_region"]),
  currentRegion: z.string().nullable(),
  ownerShift: shiftState.nullable(),
  handoffAt: maybeWhen.describe("When the case should change hands; null: it stays"),
  region: regionOption.nullable(),
  regions: z.array(regionOption),
  agents: z.array(agentOption),
  meeting: meetingSchema.nullable(),
  customer: z
    .object({
      timeZone: z.string(),
      requestedRegion: z.string().nullable(),
      servingRegion: z.string().nullable(),
      currentRegionServes: z.boolean().nullable(),
      coverage: z.array(z.looseObject({ region: z.string(), share: z.number() })),
    })
    .nullable(),
  findings: z.array(z.object({ code: z.string(), message: z.string() })),
  onDuty: z.array(regionStatusSchema),
  nextContact: contactTime.nullable().describe("The case's next customer contact"),
  customerNow: contactTime.nullable().describe("Now, as the customer and you see it"),
  mayAssign: z
    .boolean()
    .describe(
      "Whether you may assign the case to a suggested agent (case.assign, directAssignment)",
    ),
  assignNote: z
    .string()
    .nullable()
    .describe("When you may not assign: who does, so the suggestion reads as information for them"),
});

const caseCard = z
  .object({
    number: z.number(),
    subject: z.string(),
    internalTitle: z.string(),
    severity: z.string(),
    status: z.string(),
    ownerId: z.string().nullable(),
    ownerName: z.string().nullable(),
  })
  .nullable();

export const boardSchema = z.object({
  workspace: z.string(),
  region: z.string(),
  at: when,
  windowMinutes: z.number(),
  endingSoon: z.array(
    z.object({
      caseNumber: z.number(),
      case: caseCard,
      ownerId: z.string(),
      shiftEndsAt: when,
      minutesLeft: z.number(),
      next: regionOption.nullable(),
      meeting: meetingSchema.nullable(),
    }),
  ),
  waiting: z.array(
    z.object({
      caseNumber: z.number(),
      case: caseCard,
      ownerId: z.string().nullable(),
      is24x7: z.boolean(),
      idleSince: maybeWhen,
      minutesWaiting: z.number().nullable(),
    }),
  ),
  notServed: z.array(
    z.object({
      caseNumber: z.number(),
      case: caseCard,
      ownerId: z.string().nullable(),
      customerTimeZone: z.string(),
      share: z.number(),
      servingRegion: z.string().nullable(),
    }),
  ),
  escalations: z.array(
    z.object({
      caseNumber: z.number(),
      case: caseCard,
      ownerId: z.string(),
      shiftEndedAt: maybeWhen,
      minutesSinceShiftEnd: z.number().nullable(),
      level: z.number(),
      raiseTo: z.string().nullable(),
      nextLevelAt: maybeWhen,
      raiseToAgents: z.array(
        z.object({
          agentId: z.string(),
          name: z.string(),
          region: z.string().nullable(),
          onShift: z.boolean(),
        }),
      ),
      next: regionOption.nullable(),
    }),
  ),
});

export const meetingsSchema = z.object({
  workspace: z.string(),
  items: z.array(
    meetingSchema.extend({
      agendaKnown: z
        .boolean()
        .describe("False for meetings too far ahead to know which cases will cross"),
      cases: z.array(
        z.object({
          caseNumber: z.number(),
          case: caseCard,
          ownerId: z.string().nullable(),
          handoffAt: maybeWhen,
          toRegion: z.string(),
          prefixed: z.boolean(),
          handoverNote: z.string().nullable(),
          attendees: z.array(z.object({ id: z.string(), name: z.string() })),
        }),
      ),
    }),
  ),
});

/** The answer as its response schema describes it: dates as ISO strings, checked on the way. */
export const asJson = <S extends z.ZodType>(schema: S, value: unknown): z.output<S> =>
  schema.parse(JSON.parse(JSON.stringify(value)));
