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

  it("lets the history builder date rows only inside its own transaction's setting", async () => {
    const ws = await buildWorkspace(world);
    await buildAgent(world, ws.slug);
    const db = world.database.db;
    const before = await db.select().from(auditEvents);
    const past = new Date("2026-01-05T10:00:00Z");
    // Set in one transaction, the setting is gone in the next: the trigger refuses again.
    await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT set_config('baton.dating_history', 'on', true)`);
      await tx.execute(sql`UPDATE audit_events SET at = ${past.toISOString()}::timestamptz
        WHERE workspace_id = ${ws.id}`);
    });
    await expect(
      db.execute(sql`UPDATE audit_events SET action = 'forged' WHERE workspace_id = ${ws.id}`),
    ).rejects.toThrow();
    // DELETE and TRUNCATE are refused even with it on.
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`SELECT set_config('baton.dating_history', 'on', true)`);
        await tx.execute(sql`DELETE FROM audit_events`);
      }),
    ).rejects.toThrow();
    const after = await db.select().from(auditEvents);
    expect(after.length).toBe(before.length);
    const mine = after.filter((e) => e.workspaceId === ws.id);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.at.getTime() === past.getTime() && e.action !== "forged")).toBe(
      true,
    );
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
