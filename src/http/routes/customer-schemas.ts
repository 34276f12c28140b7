import { z } from "zod";

// What the customer routes answer.

export const contact = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  timeZone: z.string(),
  language: z.string(),
});

export const customer = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  language: z.string(),
  plan: z.string().nullable(),
  region: z.string().nullable(),
  critical: z.boolean().describe("Treated as critical by the business"),
  contacts: z.array(contact),
});

export const customerList = z.object({ items: z.array(customer) });

export type Customer = z.infer<typeof customer>;
export type Contact = z.infer<typeof contact>;
