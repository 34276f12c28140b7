import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  AuditItem,
  CaseDetail,
  Page,
  TimelineItem,
} from "../../src/http/routes/case-schemas.ts";
import { databaseKinds } from "../support/db.ts";
import { steadyFollowTheSun } from "../support/steady-sun.ts";
import { buildAgent, buildWorkspace, startWorld, type World } from "../support/world.ts";

interface Transfer {
  id: string;
  state: string;
  version: number;
  nextStep: string | null;
  actions: string[];
  artifacts: Record<string, string | null>;
  steps: { step: string; by: { id: string } | null; how?: string }[];
}

describe.each(databaseKinds)("transfers (%s)", (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world.dispose());

  it("walks regional-cse within-region through S0.3's steps in order", async () => {
    const ws = await buildWorkspace(world, "regional-cse");
    const owner = await buildAgent(world, ws.slug, "agent", { region: "EMEA" });
    const receiver = await buildAgent(world, ws.slug, "agent", { region: "EMEA" });
    const supervisor = await buildAgent(world, ws.slug, "supervisor", { region: "EMEA" });
    const { body: c } = await owner.api.post<CaseDetail>("/api/v1/cases", {
      workspace: ws.slug,
      subject: "Replication stalls nightly",
      ownerId: owner.userId,
    });
    const kindDef = ws.policy.transferKinds.find((k) => k.code === "within-region")!;
    const fields = Object.fromEntries(kindDef.template.map((f) => [f.key, `${f.label} text`]));
    const request = {
      version: c.version,
      kind: "within-region",
      target: { agentId: receiver.userId },
      reason: kindDef.reasons[2]!.code,
      fields,
    };
    const preview = await owner.api.post<{
      note: string;
      blocked: boolean;
      requiredSteps: string[];
    }>(`/api/v1/cases/${c.number}/transfers?preview=true`, request);
    expect(preview.status).toBe(200);
    expect(preview.body.blocked).toBe(false);
    expect(preview.body.requiredSteps).toEqual([
      "notes_updated",
      "approval",
      "receiver_acceptance",
      "customer_notified",
    ]);
    const created = await owner.api.post<Transfer>(`/api/v1/cases/${c.number}/transfers`, request);
    expect(created.status).toBe(201);
    expect(created.body.state).toBe("awaiting_approval");

    // The receiver cannot jump ahead of the supervisor (S0.3 order).
    const early = await receiver.api.post(`/api/v1/transfers/${created.body.id}/accept`, {
      version: created.body.version,
    });
    expect(early.status).toBe(422);
    const notMine = await owner.api.post(`/api/v1/transfers/${created.body.id}/approve`, {
      version: created.body.version,
    });
    expect(notMine.status).toBe(403);

    const approved = await supervisor.api.post<Transfer>(
      `/api/v1/transfers/${created.body.id}/approve`,
      { version: created.body.version, note: "Agreed: SME needed" },
    );
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe("awaiting_acceptance");
    const accepted = await receiver.api.post<Transfer>(
      `/api/v1/transfers/${created.body.id}/accept`,
      { version: approved.body.version },
    );
    expect(accepted.body.state).toBe("awaiting_steps");
    expect(accepted.body.nextStep).toBe("customer_notified");

    // Not reassigned until every step is done.
    const midway = await owner.api.get<CaseDetail>(`/api/v1/cases/${c.number}`);
    expect(midway.body.owner?.id).toBe(owner.userId);

    const told = await owner.api.post<Transfer>(
      `/api/v1/transfers/${created.body.id}/steps/customer_notified`,
      { version: accepted.body.version, how: "phone" },
    );
    expect(told.status).toBe(200);
    expect(told.body.state).toBe("completed");
    const after = await owner.api.get<CaseDetail>(`/api/v1/cases/${c.number}`);
    expect(after.body.owner?.id).toBe(receiver.userId);
    expect(after.body.handoffCount).toBe(1);
    expect(after.body.status).toBe("active");

    const timeline = await owner.api.get<Page<TimelineItem>>(`/api/v1/cases/${c.number}/timeline`);
    const bodies = timeline.body.items.map((i) => i.body);
    expect(bodies.some((b) => b.startsWith("HANDOVER"))).toBe(true);
    expect(bodies).toContain("Approved: Agreed: SME needed");
  });

  it("refuses a second concurrent transfer of the same case with 409", async () => {
    const ws = await buildWorkspace(world, "helpdesk-transfer");
    const owner = await buildAgent(world, ws.slug, "agent");
    const lead = await buildAgent(world, ws.slug, "supervisor");
    const { body: c } = await owner.api.post<CaseDetail>("/api/v1/cases", {
      workspace: ws.slug,
      subject: "Invoice question",
      ownerId: owner.userId,
      queue: "l1-support",
    });
    const body = { version: c.version, kind: "transfer", target: { queue: "l2-support" } };
    const kindDef = ws.policy.transferKinds.find((k) => k.code === "transfer")!;
    const reason = kindDef.reasons.find((r) => !r.requiresText)!.code;
    const results = await Promise.all([
      owner.api.post(`/api/v1/cases/${c.number}/transfers`, { ...body, reason }),
      lead.api.post(`/api/v1/cases/${c.number}/transfers`, { ...body, reason }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const after = await owner.api.get<CaseDetail>(`/api/v1/cases/${c.number}`);
    expect(after.body.queue).toBe("l2-support");
    expect(after.body.owner).toBeNull();
    expect(after.body.handoffCount).toBe(1);
  });

  it("names the guard when it refuses (S1.5 confirm the next shift is needed)", async () => {
    const ws = await buildWorkspace(world, "follow-the-sun", steadyFollowTheSun());
    const owner = await buildAgent(world, ws.slug, "agent", { region: "APAC" });
    const { body: c } = await owner.api.post<CaseDetail>("/api/v1/cases", {
      workspace: ws.slug,
      subject: "Cluster down",
      ownerId: owner.userId,
      queue: "in-depth",
      plan: "premier",
      is24x7: true,
    });
    const kindDef = ws.policy.transferKinds.find((k) => k.code === "fts-24x7")!;
    const fields = Object.fromEntries(
      kindDef.template.map((f) => [f.key, f.kind === "yesno" ? "Yes" : (f.choices?.[0] ?? "text")]),
    );
    const request = {
      version: c.version,
      kind: "fts-24x7",
      target: { queue: "in-depth", region: "EMEA" },
      reason: kindDef.reasons.find((r) => !r.isLeave && !r.requiresText)!.code,
      fields,
    };
    const refused = await owner.api.post(`/api/v1/cases/${c.number}/transfers`, request);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("confirm-next-shift-needed");
    expect(refused.body.detail).toMatch(/lower the severity or clear 24x7/);
    const done = await owner.api.post<Transfer>(`/api/v1/cases/${c.number}/transfers`, {
      ...request,
      confirmations: { customerNeedsNextShift: true },
    });
    expect(done.status).toBe(201);
    expect(done.body.state).toBe("completed");
    // No product, so no skill: the subject ends with the region, not an empty "Skill:" (issue 11).
    expect(done.body.artifacts.dispatchSubject).toBe(
      `Data Platform Dispatch, please reassign Prem Sev B ${c.number} to EMEA SE`,
    );
    expect(done.body.artifacts.channelEntry).toBe(
      `Case ${c.number} (Prem Sev B) needs an SE in EMEA: Cluster down`,
    );
    const after = await owner.api.get<CaseDetail>(`/api/v1/cases/${c.number}`);
    expect(after.body.internalTitle).toMatch(/^Need EMEA SE/);
    expect(after.body.owner).toBeNull();
  });

  it("accepts only a yes/no field's Yes or No and a choice field's choices, on preview too (issue 11)", async () => {
    const ws = await buildWorkspace(world, "follow-the-sun", steadyFollowTheSun());
    const owner = await buildAgent(world, ws.slug, "agent", { region: "APAC" });
    const { body: c } = await owner.api.post<CaseDetail>("/api/v1/cases", {
      workspace: ws.slug,
      subject: "Checklist answers",
      ownerId: owner.userId,
      queue: "in-depth",
      plan: "premier",
      is24x7: true,
    });
    const kindDef = ws.policy.transferKinds.find((k) => k.code === "fts-24x7")!;
    const fields = Object.fromEntries(
      kindDef.template.map((f) => [f.key, f.kind === "yesno" ? "Yes" : (f.choices?.[0] ?? "text")]),
    );
    const request = {
      version: c.version,
      kind: "fts-24x7",
      target: { queue: "in-depth", region: "EMEA" },
      reason: kindDef.reasons.find((r) => !r.isLeave && !r.requiresText)!.code,
      fields: { ...fields, pending_on: "Nobody", customer_reachable: "Maybe" },
      confirmations: { customerNeedsNextShift: true },
    };
    const expected = [
      {
        field: "fields.customer_reachable",
        message: '"Maybe" is not an answer to "Customer reachable?"; answer "Yes" or "No"',
      },
      {
        field: "fields.pending_on",
        message:
          '"Nobody" is not an answer to "Now the issue is pending on"; answer "Product group", "Support", "Customer"',
      },
    ];
    for (const url of [
      `/api/v1/cases/${c.number}/transfers?preview=true`,
      `/api/v1/cases/${c.number}/transfers`,
    ]) {
      const refused = await owner.api.post(url, request);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe("invalid_answer");
      expect(
        [...(refused.body.errors ?? [])].sort((a, b) => a.field.localeCompare(b.field)),
      ).toEqual(expected);
    }
    // Nothing was stored: the case is as it was and has no transfer.
    const same = await owner.api.get<CaseDetail>(`/api/v1/cases/${c.number}`);
    expect(same.body.version).toBe(c.version);
    const list = await owner.api.get<{ items: unknown[] }>(`/api/v1/transfers?case=${c.number}`);
    expect(list.body.items).toEqual([]);

    // The offered answers in any letter case are taken, and kept as offered.
    const done = await owner.api.post<Transfer>(`/api/v1/cases/${c.number}/transfers`, {
      ...request,
      fields: { ...fields, pending_on: "customer", customer_reachable: " no " },
    });
    expect(done.status).toBe(201);
    const timeline = await owner.api.get<Page<TimelineItem>>(`/api/v1/cases/${c.number}/timeline`);
    const note = timeline.body.items.find((i) => i.body.startsWith("HANDOVER"))!.body;
    expect(note).toContain("Customer reachable?: No");
    expect(note).toContain("Now the issue is pending on: Customer");
  });

  it("fills the case's steps to reproduce and product from the transfer to triage, entered once (issue 11)", async () => {
    const ws = await buildWorkspace(world, "ps-escalation");
    const consultant = await buildAgent(world, ws.slug, "agent", { name: "Con Sultant" });
    const { body: c } = await consultant.api.post<CaseDetail>("/api/v1/cases", {
      workspace: ws.slug,
      subject: "Export to CSV drops the last row",
      queue: "support-l1",
      secondaryOwnerId: consultant.userId,
    });
    expect(c.stepsToReproduce).toBe("");
    expect(c.product).toBeNull();
    const steps = "1. Open a report\n2. Export to CSV\n3. Count the rows";
    const request = {
      version: c.version,
      kind: "to-triage",
      target: { queue: "triage" },
      reason: "product-defect",
      fields: {
        steps_to_reproduce: steps,
        product: "reporting and analytics",
        expected_result: "All rows",
        actual_result: "Last row missing",
      },
    };
    const preview = await consultant.api.post<{ blocked: boolean; guards: unknown[] }>(
      `/api/v1/cases/${c.number}/transfers?preview=true`,
      request,
    );
    expect(preview.status).toBe(200);
    expect(preview.body.blocked).toBe(false);
    const unchanged = await consultant.api.get<CaseDetail>(`/api/v1/cases/${c.number}`);
    expect(unchanged.body.stepsToReproduce).toBe("");

    const done = await consultant.api.post<Transfer>(
      `/api/v1/cases/${c.number}/transfers`,
      request,
    );
    expect(done.status).toBe(201);
    expect(done.body.state).toBe("completed");
    const after = await consultant.api.get<CaseDetail>(`/api/v1/cases/${c.number}`);
    expect(after.body.stepsToReproduce).toBe(steps);
    expect(after.body.product).toBe("reporting");
    expect(after.body.queue).toBe("triage");

    const audit = await consultant.api.get<Page<AuditItem>>(`/api/v1/cases/${c.number}/audit`);
    const edit = audit.body.items.find((e) => e.action === "case.updated")!;
    expect(edit.data).toMatchObject({
      changes: {
        stepsToReproduce: { from: "", to: steps },
        product: { from: null, to: "reporting" },
      },
      source: "transfer",
    });
    expect(edit.actor?.name).toBe("Con Sultant");
    // The fields were filled before the transfer, in the same request.
    const order = audit.body.items.map((e) => e.action);
    expect(order.indexOf("case.updated")).toBeLessThan(order.indexOf("transfer.requested"));

    // A product the workspace does not have fills nothing: the guard asks for it, and the steps
    // given with it are not stored either.
    const { body: other } = await consultant.api.post<CaseDetail>("/api/v1/cases", {
      workspace: ws.slug,
      subject: "Another export bug",
      queue: "support-l1",
      secondaryOwnerId: consultant.userId,
    });
    const refused = await consultant.api.post(`/api/v1/cases/${other.number}/transfers`, {
      ...request,
      version: other.version,
      fields: { ...request.fields, product: "Spreadsheets" },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("triage-ready");
    expect(refused.body.detail).toBe(
      "Before triage, fill in the product from the bug submission template.",
    );
    const stillBare = await consultant.api.get<CaseDetail>(`/api/v1/cases/${other.number}`);
    expect(stillBare.body.version).toBe(other.version);
    expect(stillBare.body.stepsToReproduce).toBe("");
  });

  it("S3.3 moves the case to a new brand, and refuses a brand the workspace lacks", async () => {
    const ws = await buildWorkspace(world, "helpdesk-transfer");
    const owner = await buildAgent(world, ws.slug, "agent");
    const { body: c } = await owner.api.post<CaseDetail>("/api/v1/cases", {
      workspace: ws.slug,
      subject: "Wrong storefront",
      ownerId: owner.userId,
    });
    const kindDef = ws.policy.transferKinds.find((k) => k.code === "transfer")!;
    const reason = kindDef.reasons.find((r) => !r.requiresText)!.code;
    const otherBrand = ws.policy.brands.find((b) => b.code !== c.brand)!.code;
    const bad = await owner.api.post(`/api/v1/cases/${c.number}/transfers`, {
      version: c.version,
      kind: "transfer",
      target: { queue: "l2-support" },
      reason,
      newBrand: "no-such-brand",
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.map((e) => e.field)).toContain("newBrand");
    const done = await owner.api.post<Transfer>(`/api/v1/cases/${c.number}/transfers`, {
      version: c.version,
      kind: "transfer",
      target: { queue: "l2-support" },
      reason,
      newBrand: otherBrand,
    });
    expect(done.status).toBe(201);
    const after = await owner.api.get<CaseDetail>(`/api/v1/cases/${c.number}`);
    expect(after.body.brand).toBe(otherBrand);
  });
});
