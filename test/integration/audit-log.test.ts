import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../src/db/schema.ts";
import { databaseKinds } from "../support/db.ts";
import { buildAgent, buildWorkspace, startWorld, type World } from "../support/world.ts";

describe.each(databaseKinds)("audit log is append-only (%s)", (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world.dispose());

  it("refuses UPDATE, DELETE and TRUNCATE in the database itself", async () => {
    const ws = await buildWorkspace(world);
    await buildAgent(world, ws.slug);
    const db = world.database.db;
    const before = await db.select().from(auditEvents);
    expect(before.length).toBeGreaterThan(0);
    await expect(db.execute(sql`UPDATE audit_events SET action = 'forged'`)).rejects.toThrow();
    await expect(db.execute(sql`DELETE FROM audit_events`)).rejects.toThrow();
    await expect(db.execute(sql`TRUNCATE audit_events`)).rejects.toThrow();
    const after = await db.select().from(auditEvents);
    expect(after).toEqual(before);
  });

  it("rolls the audit event back with the change it describes", async () => {
    const ws = await buildWorkspace(world);
    const db = world.database.db;
    const count = async () => (await db.select().from(auditEvents)).length;
    const before = await count();
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(auditEvents).values({
          action: "case.updated",
          actorId: null,
          workspaceId: ws.id,
          subjectType: "case",
          subjectId: "1",
          data: {},
        });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await count()).toBe(before);
  });
});
