// Bulk work on a list's selection (issue 17): status, priority, severity, owner, queue and close,
// each case succeeding or failing on its own as it would one by one.
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases } from "../../src/db/schema.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import { databaseKinds } from "../support/db.ts";
import { ok } from "../support/ok.ts";
import {
  buildAgent,
  buildWorkspace,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

const API = "/api/v1";

interface BulkResult {
  succeeded: number;
  failed: number;
  results: { number: number; ok: boolean; error: { code: string; detail: string } | null }[];
}

describe.each(databaseKinds)("bulk case changes (%s)", (kind) => {
  let world: World;
  let ws: Awaited<ReturnType<typeof buildWorkspace>>;
  let ana: TestAgent;
  let ben: TestAgent;
  let lead: TestAgent;
  const newCase = async (by: TestAgent, subject: string) =>
    ok(await by.api.post<CaseDetail>(`${API}/cases`, { workspace: ws.slug, subject }), 201);
  const rowsOf = (numbers: number[]) =>
    world.database.db
      .select({
        number: cases.number,
        status: cases.status,
        priority: cases.priority,
        ownerId: cases.ownerId,
        version: cases.version,
      })
      .from(cases)
      .where(inArray(cases.number, numbers))
      .orderBy(cases.number);

  beforeAll(async () => {
    world = await startWorld(kind);
    ws = await buildWorkspace(world, "shift-lead");
    ana = await buildAgent(world, ws.slug, "agent", { name: "Ana Agent" });
    ben = await buildAgent(world, ws.slug, "agent", { name: "Ben Agent" });
    lead = await buildAgent(world, ws.slug, "shift_lead", { name: "Lee Lead" });
  });
  afterAll(() => world?.dispose());

  it("closes ten cases at once; a stale version fails alone with a conflict", async () => {
    const made = [];
    for (let i = 0; i < 10; i++) made.push(await newCase(ana, `Printer ${i} offline`));
    const stale = made[3]!;
    ok(
      await lead.api.patch(`${API}/cases/${stale.number}`, {
        version: stale.version,
        priority: "high",
      }),
      200,
    );
    const answer = ok(
      await lead.api.post<BulkResult>(`${API}/cases/bulk`, {
        cases: made.map((c) => ({ number: c.number, version: c.version })),
        change: { status: "closed" },
      }),
      200,
    );
    expect(answer.succeeded).toBe(9);
    expect(answer.failed).toBe(1);
    expect(answer.results.find((r) => !r.ok)).toMatchObject({
      number: stale.number,
      error: { code: "version_conflict" },
    });
    const rows = await rowsOf(made.map((c) => c.number));
    expect(rows.filter((r) => r.status === "closed").map((r) => r.number)).toEqual(
      made.filter((c) => c !== stale).map((c) => c.number),
    );
    expect(rows.find((r) => r.number === stale.number)?.status).not.toBe("closed");
  });

  it("changes priority where the role may, and refuses an agent's reassignment case by case", async () => {
    // New cases wait in the queue; the lead gives each its owner.
    const ownedBy = async (agent: TestAgent, subject: string) => {
      const made = await newCase(agent, subject);
      return ok(
        await lead.api.patch<CaseDetail>(`${API}/cases/${made.number}`, {
          version: made.version,
          ownerId: agent.userId,
        }),
        200,
      );
    };
    const mine = await ownedBy(ana, "Scanner jams");
    const bens = await ownedBy(ben, "Scanner skews");
    const changed = ok(
      await ana.api.post<BulkResult>(`${API}/cases/bulk`, {
        cases: [mine, bens].map((c) => ({ number: c.number, version: c.version })),
        change: { priority: "low" },
      }),
      200,
    );
    // Ana may change her own case; Ben's needs a lead's right.
    expect(changed.results.map((r) => [r.number, r.ok])).toEqual([
      [mine.number, true],
      [bens.number, false],
    ]);
    expect(changed.results[1]?.error?.code).toBe("forbidden");
    const [after] = await rowsOf([mine.number]);
    // In the shift-lead preset only shift leads assign directly (seed 004).
    const reassign = ok(
      await ana.api.post<BulkResult>(`${API}/cases/bulk`, {
        cases: [{ number: mine.number, version: after!.version }],
        change: { ownerId: ben.userId },
      }),
      200,
    );
    expect(reassign.failed).toBe(1);
    const byLead = ok(
      await lead.api.post<BulkResult>(`${API}/cases/bulk`, {
        cases: [{ number: mine.number, version: after!.version }],
        change: { ownerId: ben.userId },
      }),
      200,
    );
    expect(byLead.succeeded).toBe(1);
    const [moved] = await rowsOf([mine.number]);
    expect(moved?.ownerId).toBe(ben.userId);
  });

  it("answers a case of another workspace as missing, like one it cannot see", async () => {
    const other = await buildWorkspace(world, "regional-cse");
    const stranger = await buildAgent(world, other.slug, "agent");
    const theirs = ok(
      await stranger.api.post<CaseDetail>(`${API}/cases`, { workspace: other.slug, subject: "x" }),
      201,
    );
    const answer = ok(
      await lead.api.post<BulkResult>(`${API}/cases/bulk`, {
        cases: [{ number: theirs.number, version: theirs.version }],
        change: { status: "closed" },
      }),
      200,
    );
    expect(answer.results[0]).toMatchObject({ ok: false, error: { code: "not_found" } });
    const [row] = await world.database.db
      .select({ status: cases.status })
      .from(cases)
      .where(eq(cases.number, theirs.number));
    expect(row?.status).not.toBe("closed");
  });

  it("refuses bad input naming the field, and changes nothing", async () => {
    const kase = await newCase(ana, "Toner low");
    const one = [{ number: kase.number, version: kase.version }];
    const cases400 = [
      [{ cases: one, change: {} }, "change"],
      [{ cases: one, change: { status: "bogus" } }, "change.status"],
      [{ cases: [], change: { status: "closed" } }, "cases"],
      [{ cases: [...one, ...one], change: { status: "closed" } }, "cases"],
      [{ cases: one, change: { status: "closed", subject: "x" } }, "change.subject"],
    ] as const;
    for (const [body, field] of cases400) {
      const answer = await lead.api.post<{ errors?: { field: string }[] }>(
        `${API}/cases/bulk`,
        body,
      );
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.map((e) => e.field)).toContain(field);
    }
    const [row] = await rowsOf([kase.number]);
    expect(row?.version).toBe(kase.version);
  });
});
