import type { PolicyInput } from "../domain/policy/schema.ts";
import { weekdays } from "./parts/business-hours.ts";
import { holidays } from "./parts/holidays.ts";
import { otherReason } from "./parts/reasons.ts";
import { role } from "./parts/roles.ts";
import type { FieldInput } from "./parts/types.ts";

// Seed 002: consultants who hit a roadblock open a case and follow it to resolution; anything
// bound for development goes through triage, because the customer notifications hang off that
// step (S2.5). Consultants choose the queue when they create the case (S2.2), so they need no
// `case.assign`; only triage, supervisors and admins move cases between holders.

// S2.5: the Bug Submission Template's items, filled from what the customer said; Steps to
// Reproduce and the product are pre-filled from the case and must be there for triage.
const bugSubmission = (): FieldInput[] => [
  {
    key: "steps_to_reproduce",
    label: "Steps to reproduce",
    help: "Paste the Bug Submission Template's list and fill each item with what the customer told you.",
    kind: "textarea",
    required: true,
    prefill: "steps_to_reproduce",
  },
  { key: "product", label: "Product", kind: "text", required: true, prefill: "product" },
  { key: "expected_result", label: "Expected result", kind: "textarea", required: true },
  { key: "actual_result", label: "Actual result", kind: "textarea", required: true },
  {
    key: "environment",
    label: "Environment and version",
    help: "Version, platform, browser or device, and whether it is production.",
    kind: "text",
  },
  {
    key: "workaround",
    label: "Workaround",
    help: "Any workaround found so far, or none.",
    kind: "textarea",
  },
];

export const psEscalationPreset: PolicyInput = {
  schemaVersion: 1,
  name: "Professional services escalation",
  description:
    "A roadblock that a quick call cannot clear becomes a case, created by the consultant " +
    "(as secondary owner) with impact, priority and product, owned by a queue. The project " +
    "manager follows the case from the project task. A case reaches " +
    "development only through the triage queue, after Steps to Reproduce is filled in and the " +
    "product is set.",
  regions: [
    {
      code: "APAC",
      name: "Asia Pacific",
      timeZone: "Australia/Sydney",
      businessHours: weekdays("09:00", "17:30"),
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
      businessHours: weekdays("08:00", "17:00"),
      holidays: holidays.usFederal(),
    },
  ],
  queues: [
    {
      code: "support-l1",
      name: "Support L1",
      description: "First-line support for cases where the product is impacted.",
      distribution: "round_robin",
    },
    {
      code: "triage",
      name: "Triage",
      description:
        "Reviews product issues and readies them for development; the only way in to " +
        "development, so customer notifications are not skipped.",
      distribution: "manual",
    },
    {
      code: "development",
      name: "Development",
      description: "Product defects, received only from triage.",
      distribution: "manual",
    },
    {
      code: "professional-services",
      name: "Professional services",
      description: "Installation, training and consulting projects that raise the cases.",
      distribution: "manual",
    },
  ],
  brands: [{ code: "customer-care", name: "Customer Care" }],
  // S2.2 "Impact": how much of the customer's organisation is affected.
  severities: [
    {
      code: "critical",
      name: "Critical",
      description: "Whole organisation affected or the project is blocked.",
      firstResponseMinutes: 60,
      updateEveryMinutes: 480,
    },
    {
      code: "high",
      name: "High",
      description: "A department or a project milestone affected.",
      firstResponseMinutes: 240,
      updateEveryMinutes: 1440,
    },
    {
      code: "medium",
      name: "Medium",
      description: "A few users affected, or a workaround exists.",
      firstResponseMinutes: 480,
      updateEveryMinutes: 2880,
    },
    {
      code: "low",
      name: "Low",
      description: "Single user or cosmetic.",
      firstResponseMinutes: 1440,
      updateEveryMinutes: 7200,
    },
  ],
  priorities: [
    { code: "urgent", name: "Urgent" },
    { code: "high", name: "High" },
    { code: "medium", name: "Medium" },
    { code: "low", name: "Low" },
  ],
  plans: [
    { code: "standard", name: "Standard", allows24x7: false },
    { code: "premium", name: "Premium", allows24x7: true },
  ],
  products: [
    { code: "core", name: "Core application", skill: "core" },
    // S2.2: "The Sub Product field can be left blank"; where the team names one, these.
    {
      code: "reporting",
      name: "Reporting and analytics",
      skill: "reporting",
      subProducts: [
        { code: "dashboards", name: "Dashboards" },
        { code: "exports", name: "Exports (CSV, PDF)" },
        { code: "scheduled", name: "Scheduled reports" },
      ],
    },
    {
      code: "integrations",
      name: "Integrations and API",
      skill: "integrations",
      subProducts: [
        { code: "rest-api", name: "REST API" },
        { code: "erp-connector", name: "ERP connector" },
      ],
    },
    { code: "mobile", name: "Mobile app", skill: "mobile" },
    { code: "data-migration", name: "Data migration", skill: "migration" },
  ],
  languages: [
    { code: "en", name: "English" },
    { code: "es", name: "Spanish" },
    { code: "fr", name: "French" },
    { code: "de", name: "German" },
  ],
  roles: [
    role("agent", "Consultant / support engineer", { without: ["case.assign"] }),
    role("shift_lead", "Team lead", { without: ["case.assign"] }),
    role("supervisor", "Support manager"),
    // S2.5: reviews and updates any case, then hands it on to development.
    role("triage", "Triage team"),
    // S2.4/S2.6: follows cases for timeline impact and helps escalate; does not reassign.
    role("project_manager", "Project manager"),
    role("admin", "Administrator"),
  ],
  // S2.5: the guards below need to know which queue is triage and which are development.
  guardOptions: { triageQueue: "triage", developmentQueues: ["development"] },
  // S2.5: development's stages as the consultant's customer hears them (the development_update
  // template carries the sentence). Entering development tells the customer nothing more: the
  // triage hand-on's own notice just went out.
  development: {
    stages: [
      {
        code: "received",
        name: "Received by development",
        tellCustomer: false,
        customerSentence: "Our development team has received your issue and will look into it.",
      },
      { code: "investigating", name: "Investigating", tellCustomer: false },
      {
        code: "fix_in_progress",
        name: "Fix in progress",
        tellCustomer: true,
        customerSentence: "Our developers found the cause and are working on a fix.",
      },
      {
        code: "fix_ready",
        name: "Fix ready",
        tellCustomer: true,
        customerSentence: "A fix is ready and is being tested for the next release.",
      },
      {
        code: "released",
        name: "Released",
        tellCustomer: true,
        customerSentence:
          "The fix has been released; your consultant will check with you that it solves the issue in your project.",
      },
      {
        code: "wont_fix",
        name: "Will not be fixed",
        tellCustomer: true,
        customerSentence:
          "Our developers decided not to change the product for this; your consultant will explain why and what to do instead.",
      },
    ],
  },
  // There is deliberately no kind that goes straight to development: the generic `to-queue`
  // kind carries `development-only-via-triage`, so a bypass is refused with the reason.
  transferKinds: [
    {
      code: "to-triage",
      name: "Transfer to Triage",
      description:
        "A product issue goes to the Triage team, the only way to development, once " +
        "Steps to Reproduce is filled from the Bug Submission Template and the product is set.",
      targets: ["queue"],
      toQueues: ["triage"],
      reasons: [
        { code: "product-defect", label: "Suspected product defect" },
        { code: "needs-development", label: "Needs help from development" },
      ],
      template: bugSubmission(),
      steps: ["notes_updated"],
      guards: ["triage-ready"],
    },
    {
      code: "triage-to-development",
      name: "Triage to development",
      description:
        "The Triage team reviews the case, readies it for development and hands it on; " +
        "the customer is told, which is why no case skips this step.",
      fromQueues: ["triage"],
      targets: ["queue"],
      toQueues: ["development"],
      reasons: [
        { code: "confirmed-defect", label: "Triage confirmed a product defect" },
        { code: "needs-investigation", label: "Needs a developer's investigation" },
      ],
      template: [
        {
          key: "triage_findings",
          label: "Triage findings",
          help: "What triage checked, reproduced or changed on the case.",
          kind: "textarea",
          required: true,
        },
        ...bugSubmission(),
      ],
      steps: ["notes_updated", "approval", "customer_notified"],
      // Seed 002: routing through triage is what sends the automated customer notifications;
      // the step records that triage saw it go out.
      customerNotice: "auto",
      approverRoles: ["triage"],
      guards: ["development-only-via-triage"],
    },
    {
      code: "to-queue",
      name: "Transfer to another queue",
      description:
        "Moves a case between queues, e.g. to Support L1 or back to professional services. " +
        "Development is refused unless the case is in triage; use Transfer to Triage.",
      targets: ["queue"],
      reasons: [{ code: "wrong-queue", label: "The case belongs in another queue" }, otherReason()],
      template: [
        {
          key: "comment",
          label: "Transfer comment",
          help: "What was done so far and why the case moves.",
          kind: "textarea",
        },
      ],
      steps: ["notes_updated"],
      // triage-ready too, so that reaching triage by this generic kind is no shortcut either.
      guards: ["development-only-via-triage", "triage-ready"],
    },
  ],
  // The project manager answers for the customer's promised updates.
  sla: { breachRoles: ["project_manager"] },
  defaults: {
    queue: "support-l1",
    severity: "medium",
    priority: "medium",
    plan: "standard",
    brand: "customer-care",
    language: "en",
  },
};
