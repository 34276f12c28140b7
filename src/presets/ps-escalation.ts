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
  defaults: {
    queue: "support-l1",
    severity: "medium",
    priority: "medium",
    plan: "standard",
    brand: "customer-care",
    language: "en",
  },
};
