import type { PolicyInput } from "../domain/policy/schema.ts";
import { weekdays } from "./parts/business-hours.ts";
import { backOnField } from "./parts/fields.ts";
import { holidays } from "./parts/holidays.ts";
import { otherReason } from "./parts/reasons.ts";
import { role } from "./parts/roles.ts";

// Seed 004: every ticket and chat conversation has one owner, and the shift lead alone moves
// work between people (S4.7). So `case.assign` and `agent.availability.any` belong to the
// shift lead (and the administrator, who must be able to repair a workspace) and to no one
// else. Hand-offs and leave hand-offs are transfer kinds the shift lead approves (below); going
// off queue, splitting tickets and long training sessions are approvals still to come.

export const shiftLeadPreset: PolicyInput = {
  schemaVersion: 1,
  name: "Shift-lead controlled handoffs",
  description:
    "One accountable owner per ticket and chat conversation. Updates go out within the " +
    "severity's update interval. Before leave the owner clears the bin and mails the team the " +
    "handed-off items. Going off queue, opening a ticket for a second issue and long training " +
    "sessions need the shift lead. Only the shift lead reassigns.",
  regions: [
    {
      code: "APAC",
      name: "Asia Pacific",
      timeZone: "Australia/Sydney",
      businessHours: weekdays("09:00", "17:00"),
      holidays: holidays.newSouthWales(),
    },
    {
      code: "IST",
      name: "India",
      timeZone: "Asia/Kolkata",
      businessHours: weekdays("10:00", "19:00"),
      holidays: holidays.india(),
    },
    {
      code: "EMEA",
      name: "Europe, Middle East and Africa",
      timeZone: "Europe/London",
      businessHours: weekdays("09:00", "18:00"),
      holidays: holidays.englandAndWales(),
    },
    {
      code: "US",
      name: "Americas",
      timeZone: "America/Los_Angeles",
      businessHours: weekdays("08:00", "17:00"),
      holidays: holidays.usFederal(),
    },
  ],
  // S4.7: manual distribution, because the shift lead places every ticket and conversation.
  queues: [
    {
      code: "tickets",
      name: "Tickets",
      description: "Email and web tickets; the shift lead assigns each one.",
      distribution: "manual",
    },
    {
      code: "chat",
      name: "Chat conversations",
      description: "Live chat conversations with customers; the shift lead assigns each one.",
      distribution: "manual",
    },
  ],
  brands: [{ code: "support", name: "Customer Support" }],
  // S4.2: the update interval is the promise the next-update-due clock enforces.
  severities: [
    {
      code: "urgent",
      name: "Urgent",
      description: "Customer cannot work.",
      firstResponseMinutes: 30,
      updateEveryMinutes: 120,
    },
    {
      code: "high",
      name: "High",
      description: "Important feature broken for the customer.",
      firstResponseMinutes: 120,
      updateEveryMinutes: 480,
    },
    {
      code: "normal",
      name: "Normal",
      description: "Problem with a workaround, or a how-to question.",
      firstResponseMinutes: 480,
      updateEveryMinutes: 1440,
    },
    {
      code: "low",
      name: "Low",
      description: "Feature request or feedback.",
      firstResponseMinutes: 1440,
      updateEveryMinutes: 4320,
    },
  ],
  priorities: [
    { code: "high", name: "High" },
    { code: "normal", name: "Normal" },
    { code: "low", name: "Low" },
  ],
  // S4.12: the plan is one of the factors in accepting a long session.
  plans: [
    { code: "starter", name: "Starter", allows24x7: false },
    { code: "growth", name: "Growth", allows24x7: false },
    { code: "enterprise", name: "Enterprise", allows24x7: true },
  ],
  products: [
    { code: "web-app", name: "Web application", skill: "webapp" },
    { code: "integrations", name: "Integrations", skill: "integrations" },
    { code: "billing", name: "Billing and subscriptions", skill: "billing" },
    { code: "reporting", name: "Reporting", skill: "reporting" },
  ],
  languages: [
    { code: "en", name: "English" },
    { code: "hi", name: "Hindi" },
    { code: "es", name: "Spanish" },
    { code: "de", name: "German" },
  ],
  roles: [
    // S4.6/S4.7: records their own availability but neither reassigns nor sets others'.
    role("agent", "Support engineer", { without: ["case.assign"] }),
    role("shift_lead", "Shift lead"),
    // Oversees the team's cases but leaves every reassignment to the shift lead (S4.7).
    role("supervisor", "Support manager", { without: ["case.assign", "agent.availability.any"] }),
    role("triage", "Triage engineer", { without: ["case.update.any", "case.assign"] }),
    // S4.12: raises training and session requests on behalf of customers.
    role("project_manager", "Customer success manager", { without: ["case.update.own"] }),
    role("admin", "Administrator"),
  ],
  statusLabels: {
    active: "Open",
    awaiting_customer: "Pending customer",
  },
  // S4.7: engineers never hand work to a colleague themselves; they ask, the shift lead
  // approves and picks the receiver (only-assigners-pick-agents), and the approval note lands
  // on the case as a private note (S4.10).
  // S4.7: nobody assigns directly to a colleague; only the shift lead reassigns.
  directAssignment: { roles: ["shift_lead", "admin"], takeFromQueue: true },
  // S4.6: off queue to clear a backlog, "ONCE APPROVED" by the shift lead.
  offQueue: { needsApproval: true, approverRoles: ["shift_lead", "admin"], maxHours: 4 },
  // Rules 4, 5, 13: the bin is cleared with the shift lead before leave, calls diverted.
  leave: { requires: ["out_of_office", "call_diversion"], approverRoles: ["shift_lead", "admin"] },
  // S4.3: "attend all customer calls on time": reminded a quarter hour before, and a call not
  // logged within ten minutes of its end is raised to the shift lead as missed.
  calls: { reminderMinutes: 15, missedGraceMinutes: 10, missedNotifyRoles: ["shift_lead"] },
  // S4.12: jump on a call that fits in 30 minutes; a longer training is the shift lead's call.
  training: { agentMayAcceptUpToMinutes: 30, approverRoles: ["shift_lead", "admin"] },
  // S4.9: "Connect with the shift lead when you need to create a new ticket"; the asker owns it.
  childCases: { needsApproval: true, approverRoles: ["shift_lead", "admin"] },
  transferKinds: [
    {
      code: "handoff-request",
      name: "Hand-off request to the shift lead",
      description:
        "Put a ticket that needs attention on the hand-off sheet; the shift lead " +
        "approves and reassigns it. A case that keeps changing hands needs the shift lead too.",
      targets: ["queue", "agent"],
      reasons: [
        { code: "needs-attention", label: "Needs attention I cannot give in time" },
        { code: "cannot-attend-call", label: "A customer call I cannot attend on time" },
        { code: "needs-expertise", label: "Needs another engineer's expertise" },
        otherReason(),
      ],
      template: [
        {
          key: "attention_needed",
          label: "What needs attention",
          kind: "textarea",
          required: true,
        },
        {
          key: "validation_done",
          label: "Validation done so far",
          kind: "textarea",
          required: true,
        },
        {
          key: "next_update_due",
          label: "Next update promised to the customer",
          help: "When the customer expects to hear from us.",
          kind: "text",
        },
        {
          key: "scheduled_calls",
          label: "Scheduled customer calls",
          help: "Calls the receiver must attend, with their times.",
          kind: "text",
        },
      ],
      steps: ["notes_updated", "approval"],
      approverRoles: ["shift_lead"],
      guards: ["only-assigners-pick-agents", "receiver-available", "ping-pong"],
      pingPong: { maxHandoffs: 2, periodHours: 72, action: "require_approval" },
    },
    {
      code: "planned-leave",
      name: "Hand-off before planned leave",
      description:
        "Before a day or a week of leave the bin is cleared: each case goes to the " +
        "shift lead's queue or a colleague the shift lead picks, with the handed-off items, the " +
        "validation done so far and the follow-ups, and the team is told. Calls are " +
        "diverted while the owner is away.",
      targets: ["queue", "agent"],
      reasons: [
        { code: "leave-day", label: "Planned leave for a day", isLeave: true },
        { code: "leave-week", label: "Planned leave for a week or more", isLeave: true },
      ],
      template: [
        {
          key: "handed_off_items",
          label: "Items handed off",
          help: "What the receiver takes over on this case.",
          kind: "textarea",
          required: true,
        },
        {
          key: "validation_done",
          label: "Validation done so far",
          kind: "textarea",
          required: true,
        },
        {
          key: "follow_ups",
          label: "Follow-ups",
          help: "Follow-ups done, and those still due with their dates.",
          kind: "textarea",
          required: true,
        },
        backOnField(),
        { key: "call_diversion_set", label: "Call diversion set?", kind: "yesno", required: true },
      ],
      steps: ["notes_updated", "approval", "customer_notified"],
      // Seed 004: engineers own the conversation with their customers and clear their bin
      // themselves before leave, so the customer hears it from them, not from an automatic notice.
      customerNotice: "off",
      approverRoles: ["shift_lead"],
      // Not no-back-to-queue-for-leave: in this team the shift lead takes the bin back (S4.4).
      guards: ["only-assigners-pick-agents", "receiver-available"],
      // S4.5: the notice to the whole team, one line per handed-off case.
      artifacts: {
        channelEntry: "Handed off for planned leave: case {number} ({severity}) {subject}",
      },
    },
  ],
  // S4.7: only the shift lead reassigns, so an owner gone without a handoff is theirs to sort.
  handover: {
    boardWindowMinutes: 60,
    escalation: [{ afterMinutes: 0, role: "shift_lead" }],
  },
  // Updates go out when promised (S4.2): a missed one is raised to the shift lead.
  sla: { breachRoles: ["shift_lead"] },
  defaults: {
    queue: "tickets",
    severity: "normal",
    priority: "normal",
    plan: "starter",
    brand: "support",
    language: "en",
  },
};
