import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { contacts, customers } from "../../db/schema.ts";
import { unknownRefs } from "../../domain/cases.ts";
import { code, ianaZone, lineText, requiredLine } from "../../domain/text.ts";
import { refuse } from "../../loaders/case-refs.ts";
import { customerWorkspace, readCustomers } from "../../loaders/customers.ts";
import { emit } from "../../writes/emit.ts";

export const language = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "must be a BCP 47 language tag such as en or pt-BR");

export const contactInput = z.strictObject({
  name: requiredLine(200),
  email: z.email().max(320).optional(),
  phone: lineText(40, 0)
    .regex(/^[+0-9 ().-]*$/, "may hold digits, spaces and + ( ) . - only")
    .optional(),
  timeZone: ianaZone.optional().describe("Defaults to the customer's"),
  language: language.optional().describe("Defaults to the customer's"),
});

export const createCustomerInput = z.strictObject({
  name: requiredLine(200),
  timeZone: ianaZone,
  language,
  plan: code.optional(),
  region: code.optional(),
  critical: z
    .boolean()
    .optional()
    .describe("A customer the business treats as critical: the shift lead weighs it"),
  contacts: z.array(contactInput).max(50).default([]),
});

export type CreateCustomerInput = z.infer<typeof createCustomerInput>;

export async function createCustomer(
  db: Db,
  actor: Actor,
  slug: string,
  input: CreateCustomerInput,
) {
  const ws = await customerWorkspace(db, actor, slug);
  authorize(actor, "case.create", { workspaceId: ws.id }, ws.policy, "Workspace");
  const issues = unknownRefs(ws.policy, { plan: input.plan, region: input.region });
  if (issues.length) refuse(issues);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(customers)
      .values({
        workspaceId: ws.id,
        name: input.name,
        timeZone: input.timeZone,
        language: input.language,
        plan: input.plan ?? null,
        region: input.region ?? null,
        critical: input.critical ?? false,
      })
      .returning({ id: customers.id });
    if (!row) throw new Error("customer insert returned nothing");
    if (input.contacts.length)
      await tx.insert(contacts).values(
        input.contacts.map((c) => ({
          customerId: row.id,
          name: c.name,
          email: c.email ?? null,
          phone: c.phone || null,
          timeZone: c.timeZone ?? input.timeZone,
          language: c.language ?? input.language,
        })),
      );
    await emit(tx, {
      name: "customer.created",
      actorId: actor.userId,
      workspaceId: ws.id,
      subjectId: row.id,
      data: { name: input.name, contacts: input.contacts.length },
    });
    return row.id;
  });
  const [created] = await readCustomers(db, ws.id, { ids: [id] });
  if (!created) throw new Error("customer vanished");
  return created;
}
