import { describe, expect, it } from "vitest";
import type { Actor } from "../../src/auth/actor.ts";
import { type Action, type Decision, decide, type Target } from "../../src/auth/authorize.ts";
import { DEFAULT_ROLE_PERMISSIONS, ROLE_IDS, type RoleId } from "../../src/domain/permissions.ts";
import { type Policy, policySchema } from "../../src/domain/policy/schema.ts";
import { presetBySlug } from "../../src/presets/index.ts";

const HOME = "00000000-0000-4000-8000-00000000000a";
const ELSEWHERE = "00000000-0000-4000-8000-00000000000b";
const ME = "00000000-0000-4000-8000-000000000001";
const COLLEAGUE = "00000000-0000-4000-8000-000000000002";

const day = () => [{ start: "09:00", end: "17:00" }];
const policy: Policy = policySchema.parse({
  schemaVersion: 1,
  name: "Matrix",
  regions: [
    {
      code: "EMEA",
      name: "Europe",
      timeZone: "Europe/Berlin",
      businessHours: { mon: day(), tue: day(), wed: day(), thu: day(), fri: day() },
    },
  ],
  queues: [{ code: "l1", name: "Level 1" }],
  brands: [{ code: "main", name: "Main" }],
  severities: [{ code: "b", name: "B" }],
  priorities: [{ code: "normal", name: "Normal" }],
  plans: [{ code: "pro", name: "Pro" }],
  products: [{ code: "db", name: "Database", skill: "db" }],
  languages: [{ code: "en", name: "English" }],
  roles: ROLE_IDS.map((id) => ({ id, name: id, permissions: DEFAULT_ROLE_PERMISSIONS[id] })),
  defaults: {
    queue: "l1",
    severity: "b",
    priority: "normal",
    plan: "pro",
    brand: "main",
    language: "en",
  },
});

const actorWith = (role: RoleId, workspaceId = HOME): Actor => ({
  userId: ME,
  email: "me@example.test",
  name: "Me",
  memberships: [{ workspaceId, workspaceSlug: "home", role }],
  via: "session",
});

type Whose = "own" | "other";

// "Own" is the actor's case (or, for agent actions, the actor themself); "other" a colleague's.
const target = (workspaceId: string, whose: Whose): Target => ({
  workspaceId,
  caseOwners: whose === "own" ? [COLLEAGUE, ME] : [COLLEAGUE, null],
  subjectUserId: whose === "own" ? ME : COLLEAGUE,
  sheetPeople: whose === "own" ? [ME] : [COLLEAGUE, null],
  // A canned reply of one's own, or the workspace's (someone else's own is hidden: tested below).
  replyOwner: whose === "own" ? ME : null,
  // A saved view of one's own, or a shared one (someone else's own is hidden: tested below).
  viewOwner: whose === "own" ? ME : null,
});

const A: Decision = "allow";
const D: Decision = "deny";
type Row = [
  agent: Decision,
  shiftLead: Decision,
  supervisor: Decision,
  triage: Decision,
  projectManager: Decision,
  admin: Decision,
];

// Written out by hand from the intended defaults, not derived from DEFAULT_ROLE_PERMISSIONS:
// a change there that alters who may do what must change this table too.
// Keyed by Action, so a new action does not compile until its row is written.
const EXPECTED: Record<Action, Record<Whose, Row>> = {
  // Columns: agent, shift_lead, supervisor, triage, project_manager, admin.
  "case.read": { own: [A, A, A, A, A, A], other: [A, A, A, A, A, A] },
  "case.create": { own: [A, A, A, A, A, A], other: [A, A, A, A, A, A] },
  "case.update": { own: [A, A, A, A, A, A], other: [D, A, A, A, D, A] },
  "case.assign": { own: [A, A, A, A, D, A], other: [A, A, A, A, D, A] },
  "case.transfer": { own: [A, A, A, A, A, A], other: [A, A, A, A, A, A] },
  "case.note": { own: [A, A, A, A, A, A], other: [A, A, A, A, A, A] },
  "case.audit.read": { own: [A, A, A, A, A, A], other: [A, A, A, A, A, A] },
  "agent.list": { own: [A, A, A, A, A, A], other: [A, A, A, A, A, A] },
  "agent.availability.set": { own: [A, A, A, A, A, A], other: [D, A, A, D, D, A] },
  "policy.read": { own: [A, A, A, A, A, A], other: [A, A, A, A, A, A] },
  "policy.manage": { own: [D, D, D, D, D, A], other: [D, D, D, D, D, A] },
  "policy.history": { own: [D, D, D, D, D, A], other: [D, D, D, D, D, A] },
  "workspace.audit.read": { own: [D, D, D, D, D, A], other: [D, D, D, D, D, A] },
  "template.read": { own: [A, A, A, A, A, A], other: [A, A, A, A, A, A] },
  "template.manage": { own: [D, D, D, D, D, A], other: [D, D, D, D, D, A] },
  // Issue 17: canned replies are used by whoever adds notes; one's own are one's own to keep,
  // the workspace's are the admins' to word.
  "canned_reply.read": { own: [A, A, A, A, A, A], other: [A, A, A, A, A, A] },
  "canned_reply.manage": { own: [A, A, A, A, A, A], other: [D, D, D, D, D, A] },
  // Issue 17: anyone keeps views of their own; sharing one, or changing a shared one, is for
  // those who may change anyone's case.
  "view.read": { own: [A, A, A, A, A, A], other: [A, A, A, A, A, A] },
  "view.manage": { own: [A, A, A, A, A, A], other: [D, A, A, A, D, A] },
  "user.manage": { own: [D, D, D, D, D, A], other: [D, D, D, D, D, A] },
  "inbound.review": { own: [D, D, D, D, D, A], other: [D, D, D, D, D, A] },
  // S4.5: own cases by anyone who may change them; others' by leads, dispatch/triage and admins.
  "team.handoff": { own: [A, A, A, A, A, A], other: [D, A, A, A, D, A] },
  // S4.8: the sheet is everyone's to read, add to and claim from; releasing, finishing or
  // changing someone else's entry is for leads (and triage, who may change any case).
  "sheet.read": { own: [A, A, A, A, A, A], other: [A, A, A, A, A, A] },
  "sheet.add": { own: [A, A, A, A, A, A], other: [A, A, A, A, A, A] },
  "sheet.claim": { own: [A, A, A, A, A, A], other: [A, A, A, A, A, A] },
  "sheet.release": { own: [A, A, A, A, A, A], other: [D, A, A, A, D, A] },
  "sheet.complete": { own: [A, A, A, A, A, A], other: [D, A, A, A, D, A] },
  "sheet.edit": { own: [A, A, A, A, A, A], other: [D, A, A, A, D, A] },
  // S2.6: reports (project volume) are for leads, supervisors, project managers and admins.
  "report.read": { own: [D, A, A, D, A, A], other: [D, A, A, D, A, A] },
  // Issue 18: everyone who works cases reads analytics; analyticsScope decides whose handoffs.
  "analytics.read": { own: [A, A, A, A, A, A], other: [A, A, A, A, A, A] },
  // S2.1, S2.4: everyone sees the projects; leads, project managers and admins run them.
  // S2.5: development's stages are moved by triage (who hand cases on to it) and admins.
  "case.development": { own: [D, D, D, A, D, A], other: [D, D, D, A, D, A] },
  "project.read": { own: [A, A, A, A, A, A], other: [A, A, A, A, A, A] },
  "project.manage": { own: [D, A, A, D, A, A], other: [D, A, A, D, A, A] },
};

const ORDER: readonly RoleId[] = [
  "agent",
  "shift_lead",
  "supervisor",
  "triage",
  "project_manager",
  "admin",
];

const cells = (Object.keys(EXPECTED) as Action[]).flatMap((action) =>
  (["own", "other"] as const).flatMap((whose) =>
    ORDER.map((role, i) => ({ role, action, whose, expected: EXPECTED[action][whose][i] })),
  ),
);

describe("authorization matrix under the default role permissions", () => {
  it("covers every role and every action", () => {
    expect([...ORDER].sort()).toEqual([...ROLE_IDS].sort());
    expect(cells).toHaveLength(ROLE_IDS.length * Object.keys(EXPECTED).length * 2);
  });

  it.each(cells)("$role $action on $whose: $expected in their workspace", (c) => {
    expect(decide(actorWith(c.role), c.action, target(HOME, c.whose), policy)).toBe(c.expected);
  });

  it.each(cells)("$role $action on $whose: hidden in another workspace", (c) => {
    expect(decide(actorWith(c.role), c.action, target(ELSEWHERE, c.whose), policy)).toBe("hidden");
  });

  it("uses the role of the target's workspace when the actor belongs to several", () => {
    const actor: Actor = {
      ...actorWith("admin"),
      memberships: [
        { workspaceId: HOME, workspaceSlug: "home", role: "admin" },
        { workspaceId: ELSEWHERE, workspaceSlug: "elsewhere", role: "agent" },
      ],
    };
    expect(decide(actor, "user.manage", target(HOME, "own"), policy)).toBe("allow");
    expect(decide(actor, "user.manage", target(ELSEWHERE, "own"), policy)).toBe("deny");
    expect(decide(actor, "case.update", target(ELSEWHERE, "other"), policy)).toBe("deny");
  });

  it("counts a case in a queue (no owner) as someone else's", () => {
    const queued: Target = { workspaceId: HOME, caseOwners: [null, undefined] };
    expect(decide(actorWith("agent"), "case.update", queued, policy)).toBe("deny");
    expect(decide(actorWith("triage"), "case.update", queued, policy)).toBe("allow");
  });

  it("hides a colleague's own canned reply from everybody else, admins too", () => {
    const theirs: Target = { workspaceId: HOME, replyOwner: COLLEAGUE };
    for (const role of ORDER)
      for (const action of ["canned_reply.read", "canned_reply.manage"] as const)
        expect(decide(actorWith(role), action, theirs, policy)).toBe("hidden");
  });

  it("hides a colleague's own saved view from everyone, admins too", () => {
    const theirs: Target = { workspaceId: HOME, viewOwner: COLLEAGUE };
    for (const role of ORDER)
      for (const action of ["view.read", "view.manage"] as const)
        expect(decide(actorWith(role), action, theirs, policy)).toBe("hidden");
  });

  it("denies everything to a role the policy does not list", () => {
    const withoutAgents: Policy = {
      ...policy,
      roles: policy.roles.filter((r) => r.id !== "agent"),
    };
    expect(decide(actorWith("agent"), "case.read", target(HOME, "own"), withoutAgents)).toBe(
      "deny",
    );
  });
});

describe("shift-lead preset (S4.7: only the shift lead reassigns)", () => {
  const shiftLead = presetBySlug("shift-lead");
  if (!shiftLead) throw new Error("the shift-lead preset is missing");
  const rule: [RoleId, Action, Whose, Decision][] = [
    ["agent", "case.assign", "own", D],
    ["agent", "case.assign", "other", D],
    ["agent", "agent.availability.set", "other", D],
    ["agent", "agent.availability.set", "own", A],
    ["shift_lead", "case.assign", "own", A],
    ["shift_lead", "case.assign", "other", A],
    ["shift_lead", "agent.availability.set", "other", A],
    ["shift_lead", "agent.availability.set", "own", A],
  ];

  it.each(rule)("%s %s on %s: %s", (role, action, whose, expected) => {
    expect(decide(actorWith(role), action, target(HOME, whose), shiftLead)).toBe(expected);
    expect(decide(actorWith(role), action, target(ELSEWHERE, whose), shiftLead)).toBe("hidden");
  });
});
