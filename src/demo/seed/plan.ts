import type { Policy } from "../../domain/policy/schema.ts";
import { type PresetSlug, presets } from "../../presets/index.ts";
import type { Person, RegionCode } from "./data/people.ts";
import { WORKSPACE_NAMES } from "./data/texts.ts";
import { linkChildTickets, planCases } from "./plan-cases.ts";
import { planCustomers } from "./plan-customers.ts";
import { planProjects } from "./plan-projects.ts";
import { planStaff } from "./plan-staff.ts";
import { DAY, type Plan, type WorkspaceContext } from "./plan-types.ts";
import { makeRng } from "./random.ts";

// Planning: the whole workspace is decided in memory first (who works there, which customers,
// which cases with which notes), then written in a few statements. The steps draw from one
// generator in a fixed order, so the demo comes out the same on every run.

/**
 * Presets name no mailboxes; the demo gives each dispatch desk one at the demo organisation's
 * domain, so a hand-off's reassignment request shows in the local mailbox (docs/notifications.md).
 */
function withDispatchMailbox(policy: Policy, domain: string): Policy {
  return {
    ...policy,
    transferKinds: policy.transferKinds.map((k) =>
      k.artifacts.dispatchSubject && !k.artifacts.dispatchMailbox
        ? { ...k, artifacts: { ...k.artifacts, dispatchMailbox: `dispatch@${domain}` } }
        : k,
    ),
  };
}

export function planWorkspace(
  slug: PresetSlug,
  wsIndex: number,
  peopleByRegion: Record<RegionCode, Person[]>,
  now: number,
): Plan {
  const policy = presets[slug];
  const domain = `${slug}.example`;
  const ctx: WorkspaceContext = {
    slug,
    policy,
    rng: makeRng(`baton-demo:${slug}`),
    now,
    domain,
    policyRoles: new Set<string>(policy.roles.map((role) => role.id)),
    policyLanguages: new Set(policy.languages.map((l) => l.code)),
    policyRegions: new Set(policy.regions.map((reg) => reg.code)),
    skills: [...new Set(policy.products.map((prod) => prod.skill))],
    regionalQueues: policy.queues.filter((q) => q.region),
    sharedQueues: policy.queues.filter((q) => !q.region),
    triageQueue: policy.queues.find((q) => q.code.includes("triage"))?.code,
  };
  const staff = planStaff(ctx, wsIndex, peopleByRegion);
  const clients = planCustomers(ctx);
  const planned = planCases(ctx, staff.members, clients.customers, clients.contactsOf);
  // S4.9: a few child tickets for a second issue, owned by whoever created them.
  if (slug === "shift-lead") linkChildTickets(planned);
  const work = planProjects(
    ctx,
    staff.members,
    clients.customers.map((c) => c.id as string),
  );

  return {
    slug,
    name: WORKSPACE_NAMES[slug],
    policy: withDispatchMailbox(policy, domain),
    foundedAt: new Date(now - 150 * DAY),
    members: staff.members,
    users: staff.users,
    memberships: staff.memberships,
    customers: clients.customers,
    contacts: clients.contacts,
    cases: planned,
    availability: staff.availability,
    logins: staff.logins,
    projects: work.projects,
    tasks: work.tasks,
  };
}
