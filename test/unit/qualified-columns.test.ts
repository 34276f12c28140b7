import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import * as schema from "../../src/db/schema.ts";
import { caseWorkspaceWebhooks } from "../../src/db/workspace-webhooks.ts";
import { latestPolicyId } from "../../src/loaders/workspaces.ts";

const db = drizzle.mock({ schema }) as unknown as Db;

// Drizzle writes an UPDATE's own columns bare in RETURNING, so a subquery that refers to the
// updated row must name its table: a bare `workspace_id` inside a subquery on a table that has
// one is that table's column, and the comparison is always true.
describe("subqueries that refer to the row outside them", () => {
  it("name the case's workspace with its table when a case update returns the webhooks", () => {
    const text = db
      .update(schema.cases)
      .set({ version: sql`${schema.cases.version} + 1` })
      .returning({ webhooks: caseWorkspaceWebhooks })
      .toSQL().sql;
    expect(text).toContain(`s.workspace_id = "cases"."workspace_id"`);
  });

  it("name the workspace's id with its table when a workspace update returns its policy", () => {
    const text = db
      .update(schema.workspaces)
      .set({ name: "x" })
      .returning({ policyId: latestPolicyId(schema.workspaces.id) })
      .toSQL().sql;
    expect(text).toContain(`p.workspace_id = "workspaces"."id"`);
  });
});
