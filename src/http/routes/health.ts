import { sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { VERSION } from "../../config.ts";

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/health",
    {
      schema: {
        operationId: "getHealth",
        tags: ["system"],
        summary: "Is the server up, and which database does it use",
        security: [],
        response: {
          200: z.object({
            status: z.literal("ok"),
            database: z.enum(["pglite", "postgres"]),
            version: z.string(),
          }),
        },
      },
    },
    async () => {
      const { database } = app.baton;
      await database.db.execute(sql`select 1`);
      return { status: "ok" as const, database: database.kind, version: VERSION };
    },
  );
};
