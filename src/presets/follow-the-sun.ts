import type { PolicyInput } from "../domain/policy/schema.ts";

// Seed 001: 24x7 cases follow the sun between four regions through a dispatch desk. Business
// hours are chosen so that, on a weekday, some region is always open in winter and summer
// alike; the handover pairs and meetings are transfer kinds, added to this policy later.

// Fresh arrays per day so that editing one day of a copied preset cannot change the others.
const weekdays = (start: string, end: string) => {
  const day = () => [{ start, end }];
  return { mon: day(), tue: day(), wed: day(), thu: day(), fri: day(), sat: [], sun: [] };
};

export const followTheSunPreset: PolicyInput = {
  schemaVersion: 1,
  name: "Follow-the-sun data platform support",
  description:
    "S1.1: the follow-the-sun handover applies only to the in-depth queue, never to the ARR " +
    "queue. S1.2: a 24x7 case is handed to the next region (APAC to IST/EMEA, US to APAC, " +
    "EMEA to US) with a handover meeting on weekdays, a `Need <REGION> SE` title prefix, a " +
    "channel entry and a dispatch request `<prefix>, please reassign <Prem|Pro> <Severity> " +
    "<case> to <REGION> SE - Skill: <skill>`. S1.3: a non-24x7 case goes to its local region " +
    "without a meeting.",
  regions: [
    {
      code: "APAC",
      name: "Asia Pacific",
      timeZone: "Asia/Singapore",
      businessHours: weekdays("08:00", "17:00"),
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
      timeZone: "Europe/Berlin",
      businessHours: weekdays("09:00", "18:00"),
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
      name: "United States",
      timeZone: "America/Los_Angeles",
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
  // Cases go back to the queue and the dispatch desk assigns them, hence manual distribution.
  queues: [
    {
      code: "in-depth",
      name: "In-depth",
      description:
        "Complex product cases. S1.1: the follow-the-sun handover workflow applies to this queue.",
      distribution: "manual",
    },
    {
      code: "arr",
      name: "ARR",
      description: "S1.1: the follow-the-sun handover workflow does not apply to this queue.",
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
        "Critical business impact; may run 24x7. S1.5: lower to B when there is no real " +
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
    {
      // S1.2/S1.5: engineers send their own cases back to the queue, so they hold case.assign.
      id: "agent",
      name: "Support engineer",
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
      // S1.6: the technical advisor approves rejecting an assignment and backs up a backlog.
      id: "shift_lead",
      name: "Technical advisor",
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
      // S1.2: the dispatch desk receives the reassignment requests and assigns the new owner.
      id: "triage",
      name: "Dispatcher",
      permissions: [
        "case.read",
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
      name: "Project manager",
      permissions: [
        "case.read",
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
  statusLabels: {
    // S1.6: such a case is not sent back to the queue.
    solution_delivered: "Solution delivered, awaiting confirmation",
  },
  crossWorkspace: { sendTo: false, receiveFrom: false },
  defaults: {
    queue: "in-depth",
    severity: "B",
    priority: "normal",
    plan: "pro",
    brand: "data-platform",
    language: "en",
  },
};
