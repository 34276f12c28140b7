import type { PolicyInput } from "../domain/policy/schema.ts";

// Seed 003: a multi-brand help desk where any agent may move a ticket to another agent or
// group (S3.2), groups auto-assign by their distribution method, and tickets may travel to
// another installation when both sides allow it (S3.3 "instance").

// Fresh arrays per day so that editing one day of a copied preset cannot change the others.
const weekdays = (start: string, end: string) => {
  const day = () => [{ start, end }];
  return { mon: day(), tue: day(), wed: day(), thu: day(), fri: day(), sat: [], sun: [] };
};

type KindInput = NonNullable<PolicyInput["transferKinds"]>[number];
type FieldInput = NonNullable<KindInput["template"]>[number];

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
    "S3.1: tickets move to another agent or group (L1 to L2, sales to support). S3.2: every " +
    "agent may transfer unless an administrator removes case.transfer from a role. S3.3: the " +
    "transfer may change instance, brand, group, agent (or auto-assign by the group's " +
    "distribution method), priority and status, and may pin the ticket. S3.5: a transfer " +
    "keeps the idle clock and restarts the receiving agent's response clock.",
  regions: [
    {
      code: "APAC",
      name: "Asia Pacific",
      timeZone: "Asia/Singapore",
      businessHours: weekdays("09:00", "18:00"),
      // Singapore; a Sunday holiday is listed by the Monday given in lieu.
      holidays: [
        "2026-01-01",
        "2026-02-17",
        "2026-02-18",
        "2026-04-03",
        "2026-05-01",
        "2026-08-10",
        "2026-12-25",
        "2027-01-01",
        "2027-02-08",
        "2027-03-26",
        "2027-08-09",
      ],
    },
    {
      code: "IST",
      name: "India",
      timeZone: "Asia/Kolkata",
      businessHours: weekdays("09:00", "18:00"),
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
      timeZone: "Europe/Berlin",
      businessHours: weekdays("08:00", "17:00"),
      // Germany (nationwide); there are no substitute days for weekend holidays.
      holidays: [
        "2026-01-01",
        "2026-04-03",
        "2026-04-06",
        "2026-05-01",
        "2026-05-14",
        "2026-05-25",
        "2026-10-03",
        "2026-12-25",
        "2026-12-26",
        "2027-01-01",
        "2027-03-26",
        "2027-03-29",
        "2027-05-01",
        "2027-05-06",
        "2027-05-17",
        "2027-10-03",
        "2027-12-25",
        "2027-12-26",
      ],
    },
    {
      code: "US",
      name: "Americas",
      timeZone: "America/New_York",
      businessHours: weekdays("08:00", "18:00"),
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
    {
      id: "agent",
      name: "Agent",
      permissions: [
        "case.read",
        "case.create",
        "case.update.own",
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
      id: "shift_lead",
      name: "Team lead",
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
      id: "supervisor",
      name: "Manager",
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
      id: "triage",
      name: "Dispatcher",
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
      id: "project_manager",
      name: "Account manager",
      permissions: [
        "case.read",
        "case.create",
        "case.update.own",
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
        "S3.1/S3.3: move a ticket to another agent, group or installation, optionally with a " +
        "new brand, priority and status, pinned to the receiving agent, with a comment.",
      targets: ["agent", "queue", "workspace"],
      reasons: [
        { code: "escalate-to-l2", label: "Escalate from level 1 to level 2" },
        {
          code: "wrong-department",
          label: "Belongs to another department (e.g. sales to support)",
        },
        { code: "other", label: "Another reason (say which)", requiresText: true },
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
      description:
        "S3.1: a level 1 agent escalates a ticket to level 2, to the group or a named agent.",
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
  defaults: {
    queue: "l1-support",
    severity: "normal",
    priority: "normal",
    plan: "basic",
    brand: "hosting",
    language: "en",
  },
};
