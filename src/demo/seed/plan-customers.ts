import { CUSTOMERS } from "./data/customers.ts";
import { ZONE_REGION } from "./data/people.ts";
import { type ContactRow, type CustomerRow, DAY, type WorkspaceContext } from "./plan-types.ts";

// Which invented customers a demo workspace serves: those whose language the policy offers, a
// few English-speaking and a few foreign-language ones, each with its contacts.

export function planCustomers(ctx: WorkspaceContext) {
  const { policy, rng, now, policyLanguages, policyRegions } = ctx;
  const fitting = CUSTOMERS.filter((cu) => policyLanguages.has(cu.lang));
  const english = fitting.filter((cu) => cu.lang === "en");
  const foreign = fitting.filter((cu) => cu.lang !== "en");
  const chosen = [...rng.shuffle(english).slice(0, 7), ...rng.shuffle(foreign).slice(0, 8)];
  const planCodes = policy.plans.map((pl) => pl.code);
  const customersOut: Omit<CustomerRow, "workspaceId">[] = [];
  const contactsOut: ContactRow[] = [];
  const contactsOf = new Map<string, { id: string; name: string }[]>();
  for (const spec of chosen) {
    const id = rng.uuid();
    const region = ZONE_REGION[spec.tz];
    const createdAt = new Date(now - rng.between(45, 140) * DAY);
    customersOut.push({
      id,
      name: spec.name,
      timeZone: spec.tz,
      language: spec.lang,
      plan: rng.weighted(planCodes.map((code, k) => [code, k === 0 ? 3 : 2] as const)),
      region: region && policyRegions.has(region) ? region : null,
      critical: spec.critical ?? false,
      createdAt,
    });
    const list: { id: string; name: string }[] = [];
    for (const ct of spec.contacts) {
      const contactId = rng.uuid();
      const lang = ct.lang && policyLanguages.has(ct.lang) ? ct.lang : spec.lang;
      contactsOut.push({
        id: contactId,
        customerId: id,
        name: ct.name,
        email: `${ct.local}@${spec.domain}`,
        phone: ct.phone,
        timeZone: ct.tz ?? spec.tz,
        language: lang,
        createdAt,
      });
      list.push({ id: contactId, name: ct.name });
    }
    contactsOf.set(id, list);
  }

  return { customers: customersOut, contacts: contactsOut, contactsOf };
}
