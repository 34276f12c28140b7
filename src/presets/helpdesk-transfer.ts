import type { PolicyInput } from "../domain/policy/schema.ts";
import { weekdays } from "./parts/business-hours.ts";
import { holidays } from "./parts/holidays.ts";
import { otherReason } from "./parts/reasons.ts";
import { role } from "./parts/roles.ts";
import type { FieldInput } from "./parts/types.ts";

// Seed 003: a multi-brand help desk where any agent may move a ticket to another agent or
// group (S3.2), groups auto-assign by their distribution method, and tickets may travel to
// another installation when both sides allow it (S3.3 "instance").

// S3.3 "Transfer Comment": optional, fresh per kind like the days above.
const transferComment = (): FieldInput[] => [
  {
    key: "comment",
    label: "Transfer comment",
    help: "Actions taken and why the ticket is transferred.",
    kind: "textarea",
    required: false,
  },
];

export const helpdeskTransferPreset: PolicyInput = {
  schemaVersion: 1,
  name: "Help desk ticket transfers",
  description:
    "Tickets move to another agent or group (L1 to L2, sales to support). Every agent may " +
    "transfer unless an administrator removes case.transfer from a role. The transfer may " +
    "change instance, brand, group, agent (or auto-assign by the group's distribution " +
    "method), priority and status, and may pin the ticket. A transfer " +
    "keeps the idle clock and restarts the receiving agent's response clock.",
  regions: [
    {
      code: "APAC",
      name: "Asia Pacific",
      timeZone: "Asia/Singapore",
      businessHours: weekdays("09:00", "18:00"),
      holidays: holidays.singapore(),
    },
    {
      code: "IST",
      name: "India",
      timeZone: "Asia/Kolkata",
      businessHours: weekdays("09:00", "18:00"),
      holidays: holidays.india(),
    },
    {
      code: "EMEA",
      name: "Europe, Middle East and Africa",
      timeZone: "Europe/Berlin",
      businessHours: weekdays("08:00", "17:00"),
      holidays: holidays.germany(),
    },
    {
      code: "US",
      name: "Americas",
      timeZone: "America/New_York",
      businessHours: weekdays("08:00", "18:00"),
      holidays: holidays.usFederal(),
    },
  ],
  // S3.3: "auto-assign" on a transfer picks an agent by the receiving group's method.
  queues: [
    {
      code: "l1-support",
      name: "Level 1 support",
      description: "First-line technical support; escalates to level 2.",
      distribution: "round_robin",
    },
    {
      code: "l2-support",
      name: "Level 2 support",
      description: "Experienced engineers for escalated tickets; the least busy takes the next.",
      distribution: "least_loaded",
    },
    {
      code: "sales",
      name: "Sales",
      description: "Pre-sales questions; support issues raised here move to level 1.",
      distribution: "round_robin",
    },
    {
      code: "billing",
      name: "Billing",
      description: "Invoices and refunds; a billing specialist picks each ticket by hand.",
      distribution: "manual",
    },
  ],
  // S3.3 "New brand" only makes sense with several brands.
  brands: [
    { code: "hosting", name: "Web Hosting" },
    { code: "store", name: "Online Store" },
    { code: "apps", name: "Mobile Apps" },
  ],
  severities: [
    {
      code: "urgent",
      name: "Urgent",
      description: "Service down for the customer.",
      firstResponseMinutes: 60,
      updateEveryMinutes: 240,
    },
    {
      code: "high",
      name: "High",
      description: "Service degraded.",
      firstResponseMinutes: 240,
      updateEveryMinutes: 720,
    },
    {
      code: "normal",
      name: "Normal",
      description: "Question or minor problem.",
      firstResponseMinutes: 480,
      updateEveryMinutes: 1440,
    },
    {
      code: "low",
      name: "Low",
      description: "Feedback or request with no time pressure.",
      firstResponseMinutes: 1440,
      updateEveryMinutes: 4320,
    },
  ],
  priorities: [
    { code: "urgent", name: "Urgent" },
    { code: "high", name: "High" },
    { code: "normal", name: "Normal" },
    { code: "low", name: "Low" },
  ],
  plans: [
    { code: "basic", name: "Basic", allows24x7: false },
    { code: "business", name: "Business", allows24x7: false },
    { code: "enterprise", name: "Enterprise", allows24x7: true },
  ],
  products: [
    { code: "shared-hosting", name: "Shared hosting", skill: "hosting" },
    { code: "email", name: "Email service", skill: "email" },
    { code: "domains", name: "Domains and DNS", skill: "dns" },
    { code: "storefront", name: "Storefront", skill: "ecommerce" },
    { code: "mobile-app", name: "Mobile app", skill: "mobile" },
  ],
  languages: [
    { code: "en", name: "English" },
    { code: "es", name: "Spanish" },
    { code: "fr", name: "French" },
    { code: "de", name: "German" },
    { code: "pt", name: "Portuguese" },
  ],
  // S3.2: every role that works tickets holds case.transfer (and case.assign) by default.
  roles: [
    role("agent", "Agent"),
    role("shift_lead", "Team lead"),
    role("supervisor", "Manager"),
    role("triage", "Dispatcher"),
    role("project_manager", "Account manager", { without: ["case.transfer"] }),
    role("admin", "Administrator"),
  ],
  // S3.3: "usually Active" is the status a transferred ticket gets.
  statusLabels: {
    new: "New",
    active: "Active",
    awaiting_customer: "Waiting for customer",
    closed: "Closed",
  },
  crossWorkspace: { sendTo: true, receiveFrom: true },
  // S3.1/S3.3: a transfer happens at once (no steps); the group's distribution method picks an
  // agent when none is named. S3.5: the idle clock keeps running, the response clock restarts.
  transferKinds: [
    {
      code: "transfer",
      name: "Transfer",
      description:
        "Move a ticket to another agent, group or installation, optionally with a " +
        "new brand, priority and status, pinned to the receiving agent, with a comment.",
      targets: ["agent", "queue", "workspace"],
      reasons: [
        { code: "escalate-to-l2", label: "Escalate from level 1 to level 2" },
        {
          code: "wrong-department",
          label: "Belongs to another department (e.g. sales to support)",
        },
        otherReason(),
      ],
      template: transferComment(),
      steps: [],
      guards: ["receiver-available"],
      newStatus: "active",
      resetsResponseClock: true,
    },
    {
      code: "escalate-to-l2",
      name: "Escalate to level 2",
      description: "A level 1 agent escalates a ticket to level 2, to the group or a named agent.",
      fromQueues: ["l1-support"],
      targets: ["queue", "agent"],
      toQueues: ["l2-support"],
      reasons: [
        {
          code: "needs-level-2",
          label: "Needs a more experienced level 2 agent",
        },
      ],
      template: transferComment(),
      steps: [],
      guards: ["receiver-available"],
      newStatus: "active",
      resetsResponseClock: true,
    },
  ],
  // S3.5: a transfer restarts the receiver's response clock (Baton's rule). An auto-assigned
  // ticket nobody answers within the hour goes back to its group for the next agent.
  sla: { breachRoles: ["shift_lead"], returnTimer: { afterMinutes: 60, to: "queue" } },
  // Agents with room may take the next waiting ticket themselves instead of waiting for it.
  routing: { pull: true },
  defaults: {
    queue: "l1-support",
    severity: "normal",
    priority: "normal",
    plan: "basic",
    brand: "hosting",
    language: "en",
  },
};
