import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fireClockAlarms } from "../../src/commands/clocks/fireClockAlarms.ts";
import type {
  AuditItem,
  CaseDetail,
  Page,
  TimelineItem,
} from "../../src/http/routes/case-schemas.ts";
import { presets } from "../../src/presets/index.ts";
import { databaseKinds } from "../support/db.ts";
import { ok } from "../support/ok.ts";
import { buildAgent, buildWorkspace, startWorld, type World } from "../support/world.ts";

// The English sentences Baton writes for the timeline and the audit come with a code and values,
// so the web app can say them in its reader's language (docs/api.md).

const MIN = 60_000;

describe.each(databaseKinds)("sentences as codes and values (%s)", (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world.dispose());

  it("codes a transfer's system line and its audit summary, with the policy's names", async () => {
    const ws = await buildWorkspace(world, "helpdesk-transfer");
    const owner = await buildAgent(world, ws.slug, "agent", { name: "Sam Owner" });
    const c = ok(
      await owner.api.post<CaseDetail>("/api/v1/cases", {
        workspace: ws.slug,
        subject: "Invoice question",
        ownerId: owner.userId,
        queue: "l1-support",
      }),
      201,
    );
    const kindDef = ws.policy.transferKinds.find((k) => k.code === "transfer")!;
    ok(
      await owner.api.post(`/api/v1/cases/${c.number}/transfers`, {
        version: c.version,
        kind: "transfer",
        target: { queue: "l2-support" },
        reason: kindDef.reasons.find((r) => !r.requiresText)!.code,
      }),
      201,
    );
    const timeline = ok(
      await owner.api.get<Page<TimelineItem>>(`/api/v1/cases/${c.number}/timeline`),
      200,
    );
    const line = timeline.items.find((i) => i.data?.event === "transfer.completed");
    expect(line?.body).toMatch(/^Transferred \(.+\) to queue Level 2 support/);
    expect(line?.line).toEqual({
      code: "transferredToQueue",
      values: { kind: kindDef.name, queue: "Level 2 support" },
    });
    // Kept beside the data, not inside it.
    expect(line?.data).not.toHaveProperty("line");
    // A line told by its changes, and a note, carry none.
    expect(timeline.items.find((i) => i.kind !== "system")?.line ?? null).toBeNull();

    const audit = ok(await owner.api.get<Page<AuditItem>>(`/api/v1/cases/${c.number}/audit`), 200);
    const completed = audit.items.find((e) => e.action === "transfer.completed");
    expect(completed?.summary).toBe(
      `Transfer completed (${kindDef.name}): Sam Owner → queue Level 2 support`,
    );
    expect(completed?.because).toEqual({
      code: "transferCompleted",
      values: { kind: kindDef.name, fromOwner: "Sam Owner", toQueue: "Level 2 support" },
    });
    expect(audit.items.find((e) => e.action === "case.created")?.because).toEqual({
      code: "caseCreated",
      values: { owner: "Sam Owner", queue: "Level 1 support" },
    });
  });

  it("codes a clock's warning and breach, the due time as an instant, and the workspace's audit", async () => {
    const ws = await buildWorkspace(world, "regional-cse", {
      ...presets["regional-cse"],
      sla: {
        targets: [
          {
            severity: "critical",
            firstResponseMinutes: 60,
            nextUpdateMinutes: 120,
            resolutionMinutes: 1440,
          },
        ],
        calendar: "24x7",
        warnBeforeMinutes: 15,
        idleLimitMinutes: 600,
        breachRoles: ["shift_lead"],
      },
    });
    const agent = await buildAgent(world, ws.slug, "agent", { name: "Ana Owner" });
    await buildAgent(world, ws.slug, "shift_lead", { name: "Lee Lead" });
    const admin = await buildAgent(world, ws.slug, "admin", { name: "Ada Admin" });
    const c = ok(
      await agent.api.post<CaseDetail>("/api/v1/cases", {
        workspace: ws.slug,
        subject: "Payments failing",
        severity: "critical",
        ownerId: agent.userId,
      }),
      201,
    );
    const opened = Date.parse(c.createdAt);
    await fireClockAlarms(world.database.db, new Date(opened + 46 * MIN));
    await fireClockAlarms(world.database.db, new Date(opened + 61 * MIN));
    const timeline = ok(
      await agent.api.get<Page<TimelineItem>>(`/api/v1/cases/${c.number}/timeline`),
      200,
    );
    const lines = timeline.items.filter((i) => i.line?.code.startsWith("clock"));
    const dueAt = new Date(opened + 60 * MIN).toISOString();
    expect(lines.map((i) => i.line)).toEqual([
      {
        code: "clockWarning",
        values: { clock: "first_response", dueAt, minutes: 15, owner: "Ana Owner" },
      },
      {
        code: "clockBreached",
        values: {
          clock: "first_response",
          dueAt,
          owner: "Ana Owner",
          raisedTo: expect.stringMatching(/^Lee Lead \(.+\)$/),
        },
      },
    ]);
    const audit = ok(await agent.api.get<Page<AuditItem>>(`/api/v1/cases/${c.number}/audit`), 200);
    expect(audit.items.find((e) => e.action === "case.sla_breached")?.because).toEqual({
      code: "slaBreached",
      values: { clock: "first_response", dueAt },
    });
    // The workspace's trail: an action without a sentence of its own is coded by its name.
    const trail = ok(
      await admin.api.get<Page<AuditItem>>(`/api/v1/workspaces/${ws.slug}/audit`),
      200,
    );
    const added = trail.items.find((e) => e.action === "membership.added");
    expect(added?.summary).toBe("Membership added");
    expect(added?.because).toEqual({ code: "event", values: { action: "membership.added" } });
  });
});
