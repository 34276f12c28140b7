import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createCustomer, createCustomerInput } from "../../commands/customers/createCustomer.ts";
import { listCustomers } from "../../commands/customers/listCustomers.ts";
import { lineText, slug } from "../../domain/text.ts";
import { requireActor } from "../context.ts";
import { customer, customerList } from "./customer-schemas.ts";

const tags = ["customers"];
const params = z.strictObject({ workspace: slug });

export const customerRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;

  app.get(
    "/workspaces/:workspace/customers",
    {
      schema: {
        operationId: "listCustomers",
        tags,
        summary: "Customers and their contacts, by name",
        params,
        querystring: z.strictObject({
          q: lineText(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: customerList },
      },
    },
    async (request) => ({
      items: await listCustomers(
        db(),
        requireActor(request),
        request.params.workspace,
        request.query,
      ),
    }),
  );

  app.post(
    "/workspaces/:workspace/customers",
    {
      schema: {
        operationId: "createCustomer",
        tags,
        summary: "Create a customer with contacts (time zone, language)",
        params,
        body: createCustomerInput,
        response: { 201: customer },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createCustomer(db(), requireActor(request), request.params.workspace, request.body),
        ),
  );
};
