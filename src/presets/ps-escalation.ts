import type { PolicyInput } from "../domain/policy/schema.ts";

// Seed 002: consultants who hit a roadblock open a case and follow it to resolution; anything
// bound for development goes through triage, because the customer notifications hang off that
// step (S2.5). Consultants choose the queue when they create the case (S2.2), so they need no
// `case.assign`; only triage, supervisors and admins move cases between holders.

// Fresh arrays per day so that editing one day of a copied preset cannot change the others.
const weekdays = (start: string, end: string) => {
  const day = () => [{ start, end }];
  return { mon: day(), tue: day(), wed: day(), thu: day(), fri: day(), sat: [], sun: [] };
};

type KindInput = NonNullable<PolicyInput["transferKinds"]>[number];
type FieldInput = NonNullable<KindInput["template"]>[number];

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
    "S2.1/S2.2: a roadblock that a quick call cannot clear becomes a case, created by the " +
    "consultant (as secondary owner) with impact, priority and product, owned by a queue. " +
    "S2.4: the project manager follows the case from the project task. S2.5: a case reaches " +
    "development only through the triage queue, after Steps to Reproduce is filled in and the " +
    "product is set.",
  regions: [
    {
      code: "APAC",
      name: "Asia Pacific",
      timeZone: "Australia/Sydney",
      businessHours: weekdays("09:00", "17:30"),
      // New South Wales; weekend holidays are listed by the Monday (or Tuesday) given instead.
      holidays: [
        "2026-01-01",
        "2026-01-26",
        "2026-04-03",
        "2026-04-06",
        "2026-06-08",
        "2026-10-05",
        "2026-12-25",
        "2026-12-28",
        "2027-01-01",
        "2027-01-26",
        "2027-03-26",
        "2027-03-29",
        "2027-06-14",
        "2027-10-04",
        "2027-12-27",
        "2027-12-28",
      ],
    },
    {
      code: "IST",
      name: "India",
      timeZone: "Asia/Kolkata",
      businessHours: weekdays("09:30", "18:30"),
      holidays: [
        "2026-01-26",
        "2026-03-04",
        "2026-05-01",
        "2026-08-15",
        "2026-10-02",
        "2026-12-25",
        "2027-01-26",
        "2027-05-01",
        "2027-08-15",
        "2027-10-02",
        "2027-10-29",
        "2027-12-25",
      ],
    },
    {
      code: "EMEA",
      name: "Europe, Middle East and Africa",
      timeZone: "Europe/London",
      businessHours: weekdays("09:00", "17:30"),
      // England and Wales bank holidays, substitute days where the date falls at a weekend.
      holidays: [
        "2026-01-01",
        "2026-04-03",
        "2026-04-06",
        "2026-05-04",
        "2026-05-25",
        "2026-08-31",
        "2026-12-25",
        "2026-12-28",
        "2027-01-01",
        "2027-03-26",
        "2027-03-29",
        "2027-05-03",
        "2027-05-31",
        "2027-08-30",
        "2027-12-27",
        "2027-12-28",
      ],
    },
    {
      code: "US",
      name: "North America",
      timeZone: "America/New_York",
      businessHours: weekdays("08:00", "17:00"),
      // US federal holidays as observed.
      holidays: [
        "2026-01-01",
        "2026-01-19",
        "2026-02-16",
        "2026-05-25",
        "2026-06-19",
        "2026-07-03",
        "2026-09-07",
        "2026-11-26",
        "2026-12-25",
        "2027-01-01",
        "2027-01-18",
        "2027-02-15",
        "2027-05-31",
        "2027-06-18",
        "2027-07-05",
        "2027-09-06",
        "2027-11-25",
        "2027-12-24",
      ],
    },
  ],
  queues: [
    {
      code: "support-l1",
      name: "Support L1",
      description: "S2.2: first-line support for cases where the product is impacted.",
      distribution: "round_robin",
    },
    {
      code: "triage",
      name: "Triage",
      description:
        "S2.5: reviews product issues and readies them for development; the only way in to " +
        "development, so customer notifications are not skipped.",
      distribution: "manual",
    },
    {
      code: "development",
      name: "Development",
      description: "S2.5: product defects, received only from triage.",
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
    { code: "reporting", name: "Reporting and analytics", skill: "reporting" },
    { code: "integrations", name: "Integrations and API", skill: "integrations" },
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
    {
      id: "agent",
      name: "Consultant / support engineer",
      permissions: [
        "case.read",
        "case.create",
        "case.update.own",
        "case.transfer",
        "case.note",
        "case.audit.read",
        "agent.list",
        "agent.availability.own",
        "policy.read",
      ],
    },
    {
      id: "shift_lead",
      name: "Team lead",
      permissions: [
        "case.read",
        "case.create",
        "case.update.own",
        "case.update.any",
        "case.transfer",
        "case.note",
        "case.audit.read",
        "agent.list",
        "agent.availability.own",
        "agent.availability.any",
        "policy.read",
      ],
    },
    {
      id: "supervisor",
      name: "Support manager",
      permissions: [
        "case.read",
        "case.create",
        "case.update.own",
        "case.update.any",
        "case.assign",
        "case.transfer",
        "case.note",
        "case.audit.read",
        "agent.list",
        "agent.availability.own",
        "agent.availability.any",
        "policy.read",
      ],
    },
    {
      // S2.5: reviews and updates any case, then hands it on to development.
      id: "triage",
      name: "Triage team",
      permissions: [
        "case.read",
        "case.create",
        "case.update.own",
        "case.update.any",
        "case.assign",
        "case.transfer",
        "case.note",
        "case.audit.read",
        "agent.list",
        "agent.availability.own",
        "policy.read",
      ],
    },
    {
      // S2.4/S2.6: follows cases for timeline impact and helps escalate; does not reassign.
      id: "project_manager",
      name: "Project manager",
      permissions: [
        "case.read",
        "case.create",
        "case.update.own",
        "case.transfer",
        "case.note",
        "case.audit.read",
        "agent.list",
        "agent.availability.own",
        "policy.read",
      ],
    },
    {
      id: "admin",
      name: "Administrator",
      permissions: [
        "case.read",
        "case.create",
        "case.update.own",
        "case.update.any",
        "case.assign",
        "case.transfer",
        "case.note",
        "case.audit.read",
        "agent.list",
        "agent.availability.own",
        "agent.availability.any",
        "policy.read",
        "policy.manage",
        "user.manage",
      ],
    },
  ],
  crossWorkspace: { sendTo: false, receiveFrom: false },
  // S2.5: the guards below need to know which queue is triage and which are development.
  guardOptions: { triageQueue: "triage", developmentQueues: ["development"] },
  // There is deliberately no kind that goes straight to development: the generic `to-queue`
  // kind carries `development-only-via-triage`, so a bypass is refused with the reason.
  transferKinds: [
    {
      code: "to-triage",
      name: "Transfer to Triage",
      description:
        "S2.5: a product issue goes to the Triage team, the only way to development, once " +
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
        "S2.5: the Triage team reviews the case, readies it for development and hands it on; " +
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
        "S2.5: development is refused unless the case is in triage; use Transfer to Triage.",
      targets: ["queue"],
      reasons: [
        { code: "wrong-queue", label: "The case belongs in another queue" },
        { code: "other", label: "Another reason (say which)", requiresText: true },
      ],
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
  defaults: {
    queue: "support-l1",
    severity: "medium",
    priority: "medium",
    plan: "standard",
    brand: "customer-care",
    language: "en",
  },
};
