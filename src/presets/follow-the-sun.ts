import type { PolicyInput } from "../domain/policy/schema.ts";
import { weekdays } from "./parts/business-hours.ts";
import { backOnField } from "./parts/fields.ts";
import { holidays } from "./parts/holidays.ts";
import { otherReason } from "./parts/reasons.ts";
import { role } from "./parts/roles.ts";
import type { FieldInput, KindInput, ReasonInput } from "./parts/types.ts";

// Seed 001: 24x7 cases follow the sun between four regions through a dispatch desk. Business
// hours are chosen so that, on a weekday, some region is always open in winter and summer
// alike. The transfer kinds below carry the handovers (S1.2/S1.3) and the leave backup (S1.6);
// `handover` names the region pairs, their meetings and the S1.5 escalation.

// S1.4: the handover template with its checklist; fresh per kind, like the days above.
const handoverTemplate = (): FieldInput[] => [
  {
    key: "summary",
    label: "Summary",
    help: "What is the progress so far?",
    kind: "textarea",
    required: true,
    prefill: "last_notes",
  },
  {
    key: "next_vendor_action",
    label: "Next vendor action",
    help: "What we do next, and who does it.",
    kind: "textarea",
    required: true,
  },
  {
    key: "next_customer_action",
    label: "Next customer action",
    help: "What the customer does next (logs, a test, a maintenance window).",
    kind: "textarea",
    required: true,
  },
  {
    key: "partner_ticket",
    label: "Partner ticket",
    kind: "text",
    prefill: "partner_ticket",
  },
  {
    key: "handoff_notes",
    label: "Handoff notes",
    help: "Anything else the next engineer should know.",
    kind: "textarea",
  },
  { key: "customer_reachable", label: "Customer reachable?", kind: "yesno", required: true },
  { key: "waiting_for_rca", label: "Waiting for RCA?", kind: "yesno", required: true },
  {
    key: "accepts_english",
    label: "Customer accepts English support?",
    kind: "yesno",
    required: true,
  },
  {
    key: "pending_on",
    label: "Now the issue is pending on",
    kind: "choice",
    choices: ["Product group", "Support", "Customer"],
    required: true,
  },
  { key: "incident_id", label: "Incident ID", kind: "text", prefill: "incident_id" },
  {
    key: "critical_situation_reason",
    label: "Critical-situation reason",
    help: "Only when the case is a critical situation.",
    kind: "text",
  },
];

// S1.2/S1.3: both back-to-queue handovers title the case and ask the dispatch desk by mail.
const dispatchArtifacts = (): KindInput["artifacts"] => ({
  titlePrefix: "Need {region} SE",
  dispatchDesk: "Data Platform Dispatch",
  dispatchSubject:
    "{desk}, please reassign {plan} {severity} {number} to {region} SE - Skill: {skill}",
  // "an SE in EMEA": the article fits every region ("a EMEA SE" did not).
  channelEntry: "Case {number} ({plan} {severity}, {skill}) needs an SE in {region}: {subject}",
});

// S1.6: offered so that choosing it explains the rule; `no-back-to-queue-for-leave` refuses it
// and points to `planned-leave` (an in-region backup) instead.
const leaveReason = (): ReasonInput => ({
  code: "owner-on-leave",
  label: "I am going on leave",
  isLeave: true,
});

export const followTheSunPreset: PolicyInput = {
  schemaVersion: 1,
  name: "Follow-the-sun data platform support",
  description:
    "The follow-the-sun handover applies only to the in-depth queue, never to the ARR " +
    "queue. A 24x7 case is handed to the next region (APAC to IST/EMEA, US to APAC, " +
    "EMEA to US) with a handover meeting on weekdays, a `Need <REGION> SE` title prefix, a " +
    "channel entry and a dispatch request `<prefix>, please reassign <Prem|Pro> <Severity> " +
    "<case> to <REGION> SE - Skill: <skill>`. A case without 24x7 goes to its local region " +
    "without a meeting.",
  regions: [
    {
      code: "APAC",
      name: "Asia Pacific",
      names: { de: "Asien-Pazifik" },
      timeZone: "Asia/Singapore",
      businessHours: weekdays("08:00", "17:00"),
      holidays: holidays.singapore(),
    },
    {
      code: "IST",
      name: "India",
      names: { de: "Indien" },
      timeZone: "Asia/Kolkata",
      businessHours: weekdays("09:30", "18:30"),
      holidays: holidays.india(),
    },
    {
      code: "EMEA",
      name: "Europe, Middle East and Africa",
      names: { de: "Europa, Naher Osten und Afrika" },
      timeZone: "Europe/Berlin",
      businessHours: weekdays("09:00", "18:00"),
      holidays: holidays.germany(),
    },
    {
      code: "US",
      name: "United States",
      names: { de: "Vereinigte Staaten" },
      timeZone: "America/Los_Angeles",
      businessHours: weekdays("08:00", "17:00"),
      holidays: holidays.usFederal(),
    },
  ],
  // Cases go back to the queue and the dispatch desk assigns them, hence manual distribution.
  queues: [
    {
      code: "in-depth",
      name: "In-depth",
      description:
        "Complex product cases. The follow-the-sun handover workflow applies to this queue.",
      distribution: "manual",
    },
    {
      code: "arr",
      name: "ARR",
      description: "The follow-the-sun handover workflow does not apply to this queue.",
      distribution: "manual",
    },
  ],
  brands: [{ code: "data-platform", name: "Data Platform Support" }],
  // Names, not codes, appear in the dispatch subject: "... please reassign Prem Sev A ...".
  severities: [
    {
      code: "A",
      name: "Sev A",
      description:
        "Critical business impact; may run 24x7. Lower it to B when there is no real " +
        "business impact.",
      firstResponseMinutes: 60,
      updateEveryMinutes: 240,
    },
    {
      code: "B",
      name: "Sev B",
      description: "Moderate business impact; worked in business hours.",
      firstResponseMinutes: 240,
      updateEveryMinutes: 1440,
    },
    {
      code: "C",
      name: "Sev C",
      description: "Minimal business impact.",
      firstResponseMinutes: 480,
      updateEveryMinutes: 2880,
    },
  ],
  priorities: [
    { code: "high", name: "High" },
    { code: "normal", name: "Normal" },
  ],
  // The 24x7 dispatch subject names both plans, so both may carry 24x7 cases.
  plans: [
    { code: "premier", name: "Prem", allows24x7: true },
    { code: "pro", name: "Pro", allows24x7: true },
  ],
  // The dispatch subject ends with "Skill: <product skill>", so every product names one.
  products: [
    { code: "spark", name: "Spark on managed clusters", skill: "spark" },
    { code: "hadoop", name: "Hadoop on managed clusters", skill: "hadoop" },
    { code: "kafka", name: "Kafka on managed clusters", skill: "kafka" },
    { code: "hive", name: "Interactive query (Hive)", skill: "hive" },
    { code: "stream-analytics", name: "Stream analytics", skill: "streaming" },
    { code: "data-lake", name: "Data lake storage", skill: "datalake" },
  ],
  // S1.4 checklist asks whether the customer accepts English, so other languages matter.
  languages: [
    { code: "en", name: "English" },
    { code: "zh", name: "Chinese" },
    { code: "ja", name: "Japanese" },
    { code: "ko", name: "Korean" },
    { code: "hi", name: "Hindi" },
    { code: "de", name: "German" },
    { code: "fr", name: "French" },
  ],
  roles: [
    // S1.2/S1.5: engineers send their own cases back to the queue, so they hold case.assign.
    role("agent", "Support engineer"),
    // S1.6: the technical advisor approves rejecting an assignment and backs up a backlog.
    role("shift_lead", "Technical advisor"),
    role("supervisor", "Support manager"),
    // S1.2: the dispatch desk receives the reassignment requests and assigns the new owner.
    role("triage", "Dispatcher", { without: ["case.create"] }),
    role("project_manager", "Project manager", { without: ["case.create", "case.update.own"] }),
    role("admin", "Administrator"),
  ],
  statusLabels: {
    // S1.6: such a case is not sent back to the queue.
    solution_delivered: "Solution delivered, awaiting confirmation",
  },
  // S1.1: every kind is scoped to the in-depth queue; ARR cases follow another process.
  // S1.2: cases go back to the queue and the dispatch desk assigns the next owner.
  directAssignment: { roles: ["triage", "shift_lead", "supervisor", "admin"], takeFromQueue: true },
  transferKinds: [
    {
      code: "fts-24x7",
      name: "24x7 handover to the next region",
      description:
        "Log the handover note, prefix the internal title `Need <REGION> SE`, post to the " +
        "case-transfer channel, align in the region pair's handover meeting, send the case back " +
        "to the queue and ask the dispatch desk to reassign it. Use it only when the customer " +
        "really needs the next shift; otherwise lower the severity or clear 24x7 and keep it.",
      fromQueues: ["in-depth"],
      only24x7: true,
      targets: ["queue"],
      toQueues: ["in-depth"],
      region: "other",
      reasons: [
        {
          code: "next-shift",
          label: "The customer needs troubleshooting to continue in the next region's shift",
        },
        {
          code: "customer-region-request",
          label: "The customer asks to work with an engineer in another region",
          // S1.5: the customer's choice, not the sun, decides the region.
          customerChoosesRegion: true,
        },
        leaveReason(),
      ],
      template: handoverTemplate(),
      steps: ["notes_updated"],
      // S1.2 step 5: back to the queue once aligned in the pair's handover meeting.
      alignmentBeforeQueue: true,
      guards: [
        // S1.2: to the next region of the pair that is on shift when the owner's shift ends.
        "next-region-on-shift",
        "confirm-next-shift-needed",
        "not-awaiting-customer-confirmation",
        "no-back-to-queue-for-leave",
        "idle-warning",
        "ping-pong",
      ],
      artifacts: dispatchArtifacts(),
      // S1.5: transfer early, never after idling; a Sev A case is updated every 4 hours.
      idleWarningHours: 4,
      // Round the sun is three handovers a day; more than four in a day is ping-pong.
      pingPong: { maxHandoffs: 4, periodHours: 24, action: "warn" },
    },
    {
      code: "local-region",
      name: "Handover to the local region",
      description:
        "A case without 24x7 goes back to the queue for the customer's local region: " +
        "handover note, `Need <REGION> SE` title prefix, channel entry and dispatch request; " +
        "no handover meeting.",
      fromQueues: ["in-depth"],
      only24x7: false,
      targets: ["queue"],
      toQueues: ["in-depth"],
      region: "any",
      reasons: [
        {
          code: "customer-region",
          label: "The customer is in, or asks for, another region",
        },
        otherReason(),
        leaveReason(),
      ],
      template: handoverTemplate(),
      steps: ["notes_updated"],
      guards: ["not-awaiting-customer-confirmation", "no-back-to-queue-for-leave", "idle-warning"],
      artifacts: dispatchArtifacts(),
      idleWarningHours: 24,
    },
    {
      code: "planned-leave",
      name: "Backup in the region for planned leave",
      description:
        "Before leave, hand hot cases to a colleague in the same region (and set the " +
        "out-of-office reply) rather than back to the queue. The colleague agrees first and " +
        "declines only with the technical advisor's or manager's approval.",
      fromQueues: ["in-depth"],
      targets: ["agent"],
      region: "same",
      reasons: [
        {
          code: "planned-leave",
          label: "Going on leave: a colleague in my region backs up this case",
          isLeave: true,
        },
      ],
      template: [
        ...handoverTemplate(),
        backOnField(),
        {
          key: "out_of_office_set",
          label: "Out-of-office reply set?",
          kind: "yesno",
          required: true,
        },
      ],
      steps: ["notes_updated", "receiver_acceptance"],
      // No approval step: these roles are who may approve a decline (S1.6) and who gets the
      // transfer back when the colleague does not answer.
      approverRoles: ["shift_lead", "supervisor"],
      guards: ["receiver-must-agree", "receiver-available", "decline-needs-approval"],
      acceptance: { timeoutMinutes: 240, onTimeout: "back_to_approver" },
    },
  ],
  // S1.2: who hands 24x7 cases to whom, and when the pair meets (local time of one side,
  // weekdays only, never on either side's holiday); S1.5: a 24x7 case whose owner's shift ended
  // without a handover goes to the technical advisor at once and to the manager after an hour.
  handover: {
    pairs: [
      {
        // APAC closes 17:00 Singapore: India is mid-afternoon, Europe has just opened.
        from: "APAC",
        to: ["IST", "EMEA"],
        meeting: { at: "16:30", in: "from", durationMinutes: 30 },
      },
      {
        // The US closes as APAC opens; held at APAC's 08:00, which is 16:00 or 17:00 in
        // Los Angeles depending on daylight saving time.
        from: "US",
        to: ["APAC"],
        meeting: { at: "08:00", in: "to", durationMinutes: 30 },
      },
      {
        // 17:00 in Berlin is 08:00 or 09:00 on the US west coast.
        from: "EMEA",
        to: ["US"],
        meeting: { at: "17:00", in: "from", durationMinutes: 30 },
      },
    ],
    boardWindowMinutes: 120,
    customerOverlap: 0.5,
    escalation: [
      { afterMinutes: 0, role: "shift_lead" },
      { afterMinutes: 60, role: "supervisor" },
    ],
    agenda:
      "Align each 24x7 case being handed over: read the handover note (summary, next vendor " +
      "action, next customer action, checklist), confirm the customer still needs the next " +
      "shift, agree who takes the case and when the customer is contacted next.",
  },
  // S1.6: the initial response is not left to the last minute (warned an hour ahead) and a
  // backlog never idles: two days untouched raises the case to the supervisor (TA or manager).
  sla: { warnBeforeMinutes: 60, idleLimitMinutes: 2880, breachRoles: ["supervisor"] },
  defaults: {
    queue: "in-depth",
    severity: "B",
    priority: "normal",
    plan: "pro",
    brand: "data-platform",
    language: "en",
  },
};
