import type { PolicyInput } from "../domain/policy/schema.ts";
import { weekdays } from "./parts/business-hours.ts";
import { holidays } from "./parts/holidays.ts";
import { role } from "./parts/roles.ts";
import type { FieldInput, KindInput } from "./parts/types.ts";

// Seed 000: engineers own their cases to completion and hand them over within or between
// regions only after the must-dos (S0.3). Approval and receiver acceptance are steps of the
// transfer kinds, so the engineer keeps `case.assign` for the final reassignment (step 5).

// S0.3: the must-dos in the seed's order; step 5 (reassign) is the transfer completing.
const mustDos = (): NonNullable<KindInput["steps"]> => [
  "notes_updated",
  "approval",
  "receiver_acceptance",
  "customer_notified",
];

// S0.4: the handover template, every section required; fresh per kind, like the days above.
const handoverTemplate = (): FieldInput[] => [
  {
    key: "pass_to",
    label: "PASS TO",
    help: "What region is this case being passed to?",
    kind: "text",
    required: true,
    prefill: "target_region",
  },
  {
    key: "reason",
    label: "REASON",
    help: "Why is the case being transferred? What is the value to the customer? Is any language skill needed?",
    kind: "textarea",
    required: true,
  },
  {
    key: "issue",
    label: "ISSUE",
    help: "What is the problem the customer faces?",
    kind: "textarea",
    required: true,
    prefill: "description",
  },
  {
    key: "steps_tried",
    label: "STEPS TRIED",
    help: "What have you already done to try to resolve the issue?",
    kind: "textarea",
    required: true,
  },
  {
    key: "next_steps",
    label: "NEXT STEPS",
    help: "What does the engineer taking over need to do? (Web meeting, wait for logs, etc.)",
    kind: "textarea",
    required: true,
  },
  {
    key: "next_customer_contact",
    label: "NEXT CUSTOMER CONTACT",
    help: "Is the customer waiting for us or are we waiting for them? Note the customer's time zone.",
    kind: "textarea",
    required: true,
    prefill: "customer_time_zone",
  },
];

// S0.3 step 2, S0.5: the supervisor approves who takes over; a named receiver (a supervisor
// holding the case as a placeholder included) must agree first, and one who does not answer
// sends the transfer back to the supervisor to find someone else.
const supervised = (
  acceptMinutes: number,
): Pick<KindInput, "approverRoles" | "guards" | "acceptance" | "idleWarningHours"> => ({
  approverRoles: ["supervisor"],
  guards: ["receiver-must-agree", "receiver-available", "idle-warning", "ping-pong"],
  acceptance: { timeoutMinutes: acceptMinutes, onTimeout: "back_to_approver" },
  // S1.5's lesson holds here too: hand over early rather than after the case has idled.
  idleWarningHours: 24,
});

export const regionalCsePreset: PolicyInput = {
  schemaVersion: 1,
  name: "Regional CSE transfers",
  description:
    "Customer support engineers own a case to completion. A case moves within a region " +
    "(extended time off, urgent case to watch, subject-matter expert needed) or between " +
    "regions (continual support for a high-priority case, customer's time zone not served). " +
    "Before the reassignment the notes are updated, the supervisor consulted, the receiver has " +
    "agreed and the customer is told. A supervisor only takes a case as a placeholder after " +
    "agreeing to it.",
  regions: [
    {
      code: "APAC",
      name: "Asia Pacific",
      timeZone: "Australia/Sydney",
      businessHours: weekdays("08:30", "17:30"),
      holidays: holidays.newSouthWales(),
    },
    {
      code: "IST",
      name: "India",
      timeZone: "Asia/Kolkata",
      businessHours: weekdays("09:30", "18:30"),
      holidays: holidays.india(),
    },
    {
      code: "EMEA",
      name: "Europe, Middle East and Africa",
      timeZone: "Europe/London",
      businessHours: weekdays("09:00", "17:30"),
      holidays: holidays.englandAndWales(),
    },
    {
      code: "US",
      name: "North America",
      timeZone: "America/New_York",
      businessHours: weekdays("09:00", "18:00"),
      holidays: holidays.usFederal(),
    },
  ],
  // One queue per region: a transfer between regions (S0.2) is a move between these queues.
  queues: [
    {
      code: "cse-apac",
      name: "CSE Asia Pacific",
      description: "Cases worked by engineers in Asia Pacific.",
      region: "APAC",
      distribution: "manual",
    },
    {
      code: "cse-ist",
      name: "CSE India",
      description: "Cases worked by engineers in India.",
      region: "IST",
      distribution: "manual",
    },
    {
      code: "cse-emea",
      name: "CSE EMEA",
      description: "Cases worked by engineers in Europe, the Middle East and Africa.",
      region: "EMEA",
      distribution: "manual",
    },
    {
      code: "cse-us",
      name: "CSE North America",
      description: "Cases worked by engineers in North America.",
      region: "US",
      distribution: "manual",
    },
  ],
  brands: [{ code: "support", name: "Customer Support" }],
  severities: [
    {
      code: "critical",
      name: "Critical",
      description: "Production down or data at risk; may need continual support across regions.",
      firstResponseMinutes: 60,
      updateEveryMinutes: 240,
    },
    {
      code: "high",
      name: "High",
      description: "Major function impaired with no workaround.",
      firstResponseMinutes: 240,
      updateEveryMinutes: 1440,
    },
    {
      code: "normal",
      name: "Normal",
      description: "Function impaired with a workaround available.",
      firstResponseMinutes: 480,
      updateEveryMinutes: 2880,
    },
    {
      code: "low",
      name: "Low",
      description: "Question or cosmetic issue.",
      firstResponseMinutes: 1440,
      updateEveryMinutes: 7200,
    },
  ],
  priorities: [
    { code: "high", name: "High" },
    { code: "normal", name: "Normal" },
    { code: "low", name: "Low" },
  ],
  plans: [
    { code: "standard", name: "Standard", allows24x7: false },
    { code: "premium", name: "Premium", allows24x7: true },
  ],
  products: [
    { code: "platform", name: "Core platform", skill: "platform" },
    { code: "networking", name: "Networking and connectivity", skill: "networking" },
    { code: "storage", name: "Storage and backup", skill: "storage" },
    { code: "identity", name: "Identity and access", skill: "identity" },
  ],
  // S0.4 REASON asks whether a language skill is needed, so the languages engineers cover.
  languages: [
    { code: "en", name: "English" },
    { code: "zh", name: "Chinese" },
    { code: "ja", name: "Japanese" },
    { code: "hi", name: "Hindi" },
    { code: "de", name: "German" },
    { code: "fr", name: "French" },
    { code: "es", name: "Spanish" },
  ],
  roles: [
    role("agent", "Customer support engineer"),
    role("shift_lead", "Shift lead"),
    // S0.5: finds a taker or holds the case, so may reassign and see everyone's availability.
    role("supervisor", "Supervisor"),
    role("triage", "Triage engineer"),
    role("project_manager", "Project manager", { without: ["case.update.own"] }),
    role("admin", "Administrator"),
  ],
  // S0.3: hand-offs go through the must-dos; the supervisor may still place a case (S0.5).
  directAssignment: { roles: ["supervisor", "admin"], takeFromQueue: true },
  transferKinds: [
    {
      code: "within-region",
      name: "Transfer within the region",
      description:
        "Hand a case to another engineer in the same region before extended time off, " +
        "a few days out with an urgent case to watch, or when a subject-matter expert is needed.",
      targets: ["agent"],
      region: "same",
      reasons: [
        {
          code: "extended-time-off",
          label: "Taking extended time off with cases that cannot be closed",
          isLeave: true,
        },
        {
          code: "out-with-urgent-case",
          label: "Out for a couple of days with an urgent case that needs watching",
          isLeave: true,
        },
        {
          code: "needs-subject-matter-expert",
          label: "High-priority case that needs a subject-matter expert",
        },
      ],
      template: handoverTemplate(),
      steps: mustDos(),
      // Seed 000 step 4: the engineer contacts the customer about the handoff themself.
      customerNotice: "off",
      ...supervised(240),
      pingPong: { maxHandoffs: 3, periodHours: 168, action: "warn" },
    },
    {
      code: "between-regions",
      name: "Transfer to another region",
      description:
        "Hand a case to an engineer or the queue of another region when a high-priority " +
        "case needs continual support or the customer's time zone is not served by the owner.",
      targets: ["agent", "queue"],
      toQueues: ["cse-apac", "cse-ist", "cse-emea", "cse-us"],
      region: "other",
      reasons: [
        {
          code: "continual-support",
          label: "High-priority case that needs continual support",
        },
        {
          code: "customer-time-zone",
          label: "Customer needs support in a time zone the owner cannot serve",
        },
      ],
      template: handoverTemplate(),
      steps: mustDos(),
      // Seed 000 step 4: the engineer contacts the customer about the handoff themself.
      customerNotice: "off",
      // The receiver may be outside business hours when asked, so they get a working day.
      ...supervised(480),
      // Continual support can pass a case round the regions daily; more than that is churn.
      pingPong: { maxHandoffs: 6, periodHours: 48, action: "warn" },
    },
  ],
  // S0.2: a case whose owner's shift ended without a handover goes to the supervisor (S0.5),
  // who finds someone or holds it; regions pass cases through their queues, without meetings.
  handover: {
    boardWindowMinutes: 120,
    customerOverlap: 0.5,
    escalation: [{ afterMinutes: 30, role: "supervisor" }],
  },
  // A missed promise is raised to the supervisor, who owns the region's queue.
  sla: { breachRoles: ["supervisor"] },
  defaults: {
    queue: "cse-us",
    severity: "normal",
    priority: "normal",
    plan: "standard",
    brand: "support",
    language: "en",
  },
};
