import type { CaseStatus } from "../../../domain/case-status.ts";
import type { RoleId } from "../../../domain/permissions.ts";
import type { PresetSlug } from "../../../presets/index.ts";

// The words on demo cases: workspace names, environments, impacts, titles, notes and calls, and
// how statuses and logins are spread.

export const WORKSPACE_NAMES: Record<PresetSlug, string> = {
  "regional-cse": "Corvid Cloud: Customer Support Engineering",
  "follow-the-sun": "Lumenfield Data Platform Support",
  "ps-escalation": "Keystone Professional Services",
  "helpdesk-transfer": "Parcelbright Help Desk",
  "shift-lead": "Tideway SaaS Support",
};

export const ENVIRONMENTS = [
  "Production",
  "Production (EU tenant)",
  "Staging, blocking the production rollout",
  "Production and disaster-recovery site",
  "Pre-production",
];

export const IMPACTS = [
  "Production down for all users",
  "About 40 users cannot work",
  "One department affected; workaround in place",
  "Month-end close at risk",
  "Single user affected",
  "Customer-facing website degraded",
  "No business impact; question",
  "Launch date next week at risk",
];

export const INTERNAL_TITLES: Record<CaseStatus, string[]> = {
  new: ["", "", "Looks like a duplicate of an open case; check", "VIP customer"],
  active: [
    "Repro in lab",
    "Logs under review",
    "Engaged product group",
    "Workaround in place, RCA pending",
    "",
  ],
  awaiting_customer: ["Waiting for logs", "Waiting for maintenance window", "Customer testing fix"],
  solution_delivered: ["Fix delivered, awaiting confirmation", "Awaiting customer confirmation"],
  resolved: ["Fixed by config change", "Resolved by upgrade", ""],
  closed: ["", "Closed: no response after 3 reminders", "Closed: fixed"],
};

export const PUBLIC_NOTES = [
  "Hello {contact}, thanks for the details. We have reviewed the logs you sent and are now checking them against the known issues for {product}. Next update by end of day in your time zone.",
  "Hi {contact}, could you please collect a diagnostic bundle while the problem is happening and attach it to this case? The steps are in the article we linked.",
  "Hi {contact}, we reproduced the behaviour in our lab. As a workaround, please apply the configuration change below and restart the affected service; we are working on a permanent fix.",
  "Hello {contact}, the product group confirmed this is a defect. A fix is planned for the next maintenance release; we will keep this case open until it ships.",
  "Hi {contact}, just checking in: did the steps from our last update help? Let us know a good time for a short call.",
  "Hello {contact}, thank you for your patience. The fix has been applied on our side; please confirm that everything works as expected.",
];

export const PRIVATE_NOTES = [
  "Checked the logs: errors start right after the customer's change window. Suspect configuration drift; asked for the before/after config.",
  "Reproduced on a lab environment with the same version. Not seen on the latest build.",
  "Sensitive account, renewal next month. Keep updates proactive and on time.",
  "Searched the knowledge base: two similar cases, both fixed by the same configuration change.",
  "Customer prefers calls in the morning, their time. Written updates are fine in between.",
  "Waiting on logs. Reminder set to chase tomorrow morning customer time.",
];

export const MENTION_NOTES = [
  "@{handle} could you take a look at the trace attached to this case? You have seen this pattern before.",
  "Discussed with @{handle}: likely the known issue from last month; linking the existing defect.",
  "@{handle} FYI, the customer may ask for a call during your hours tomorrow.",
];

export const CALL_NOTES: Record<"inbound" | "outbound", string[]> = {
  inbound: [
    "{contact} called to report the problem. Collected environment details and agreed on next steps.",
    "{contact} called for a status update; explained where the investigation stands and when the next update is due.",
    "{contact} called: the issue came back this morning. Gathered timestamps for the log review.",
  ],
  outbound: [
    "Called {contact} to walk through the workaround; they will test it and report back.",
    "Called {contact} to confirm the fix. They will monitor for a day before we close.",
    "Web meeting with {contact}: reviewed the configuration together and captured screenshots.",
  ],
};

export const STEPS_TO_REPRODUCE = [
  "1. Sign in as a user with the standard role.\n2. Open the affected screen.\n3. Save a record with the values from the attached screenshot.\nExpected: the record saves.\nActual: an error is shown and the change is lost.",
  "1. Import the attached sample file.\n2. Run the job with default settings.\n3. Compare the totals with the source.\nExpected: totals match.\nActual: about 0.4% of rows are missing.",
];

export const STATUS_WEIGHTS: (readonly [CaseStatus, number])[] = [
  ["new", 10],
  ["active", 28],
  ["awaiting_customer", 18],
  ["solution_delivered", 10],
  ["resolved", 14],
  ["closed", 20],
];

export const OPEN = new Set<CaseStatus>([
  "new",
  "active",
  "awaiting_customer",
  "solution_delivered",
]);

export const ROLE_LOGIN: Record<RoleId, string> = {
  agent: "agent",
  shift_lead: "lead",
  supervisor: "supervisor",
  triage: "triage",
  project_manager: "pm",
  admin: "admin",
};
