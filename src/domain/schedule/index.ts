// Follow the sun (issue 5): regions on duty, agents' shifts, the next holder of a case, the
// handoff board, handover meetings and their calendar, customer contact times. Pure functions of
// the policy, plain facts and an instant; no clock is read here.

export {
  type EndingSoonItem,
  type EscalationItem,
  type HandoffBoard,
  handoffBoard,
  type NotServedItem,
  type WaitingItem,
} from "./board.ts";
export {
  type CustomerContactInput,
  type CustomerContactTime,
  type LocalRendering,
  nextCustomerContact,
  renderLocal,
} from "./contact.ts";
export { agentShift } from "./context.ts";
export type {
  ScheduleAgent,
  ScheduleCase,
  ScheduleContact,
  ScheduleCustomer,
} from "./facts.ts";
export {
  type AgentHours,
  agentOnShift,
  agentSchedule,
  DEFAULT_CUSTOMER_HOURS,
  isOnShift,
  nextShiftChange,
  openPeriods,
  type Period,
  parseWeeklyHours,
  regionSchedule,
  SHIFT_HORIZON_DAYS,
  type ShiftState,
  type WorkSchedule,
} from "./hours.ts";
export { escapeText, foldLine, type IcsOptions, meetingUid, renderIcs } from "./ics.ts";
export {
  handoverMeetings,
  MAX_MEETING_RANGE_DAYS,
  MEETING_NEAR_HOURS,
  type MeetingLocalTime,
  type MeetingOccurrence,
  type MeetingRef,
  meetingFinder,
  meetingNear,
  regionMeetsOn,
} from "./meetings.ts";
export {
  type AgentOption,
  type CustomerService,
  NEXT_HOLDER_FINDINGS,
  type NextHolder,
  type NextHolderFinding,
  type NextHolderFindingCode,
  nextHolder,
  pairedTargets,
  type RegionOption,
} from "./next-holder.ts";
export {
  customerCoverage,
  type RegionCoverage,
  type RegionStatus,
  regionStatus,
  regionsOnDuty,
} from "./regions.ts";
export { titleRegion } from "./title.ts";
