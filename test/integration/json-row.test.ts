import { asc, eq, getTableColumns, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowAsJson } from "../../src/db/json-row.ts";
import { cases } from "../../src/db/schema.ts";
import { seedDemo } from "../../src/demo/seed.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/db.ts";

// A case row read as one JSON value (src/db/json-row.ts) must be the row Drizzle reads column by
// column, for every column type the table has: the transfer's lock and every case load use it.

describe.each(databaseKinds)("a row as one JSON value (%s)", (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDemo(database.db);
    // One case with every column the demo leaves empty filled in, and fractions of a
    // millisecond and negative zones' midnight in its times.
    const [first, second] = await database.db
      .select({ id: cases.id })
      .from(cases)
      .orderBy(asc(cases.number))
      .limit(2);
    if (!first || !second) throw new Error("the demo has fewer than two cases");
    await database.db.execute(sql`update cases set
        parent_case_id = ${first.id}, partner_ticket = 'P-1', tracker_url = 'https://t.example/1',
        incident_id = 'INC-1', sub_product = 'sub', plan = 'gold', product = 'p', region = 'emea',
        pinned = true, pinned_until = '2026-12-06 23:59:59.999999+00',
        first_response_due_at = '2026-12-06 10:00:00.123456+00',
        next_update_due_at = '2026-12-07 00:00:00-05', next_contact_at = '2026-12-08 12:00:00+00',
        first_responded_at = '2026-12-06 09:00:00+00', last_public_reply_at = '2026-12-06 09:30:00+00',
        resolution_due_at = '2026-12-09 00:00:00+00', customer_waiting_since = '2026-12-06 08:00:00+00',
        sla_paused_at = '2026-12-06 11:00:00+00', return_due_at = '2026-12-10 00:00:00+00',
        sla_due_at = '2026-12-06 10:00:00.123456+00', sla_alarm_at = '2026-12-06 09:45:00+00',
        paused_response_minutes = 12.75, paused_update_minutes = 0.5, paused_resolution_minutes = 1e-3,
        secondary_owner_id = owner_id, created_by = owner_id, handoff_count = 7
      where id = ${second.id}`);
  });

  afterAll(async () => {
    await database.dispose();
  });

  it("reads every case exactly as a select of its columns does", async () => {
    const plain = await database.db.select().from(cases).orderBy(asc(cases.number));
    const json = await database.db
      .select({ row: rowAsJson(cases) })
      .from(cases)
      .orderBy(asc(cases.number));
    expect(plain.length).toBeGreaterThan(10);
    expect(json.map((r) => r.row)).toEqual(plain);
    // Every column is compared with a value somewhere, not only with null.
    const empty = Object.keys(getTableColumns(cases)).filter((key) =>
      plain.every((row) => row[key as keyof typeof row] === null),
    );
    expect(empty).toEqual([]);
  });

  it("keeps a Date a Date, a number a number, and the key order of the table", async () => {
    const [filled] = await database.db
      .select({ row: rowAsJson(cases) })
      .from(cases)
      .where(eq(cases.handoffCount, 7));
    const row = filled?.row;
    expect(Object.keys(row ?? {})).toEqual(Object.keys(getTableColumns(cases)));
    expect(row?.firstResponseDueAt).toEqual(new Date("2026-12-06T10:00:00.123Z"));
    expect(row?.nextUpdateDueAt).toEqual(new Date("2026-12-07T05:00:00.000Z"));
    expect(row?.pausedResponseMinutes).toBe(12.75);
    expect(row?.pausedResolutionMinutes).toBe(0.001);
    expect(typeof row?.number).toBe("number");
    expect(row?.pinned).toBe(true);
  });
});
