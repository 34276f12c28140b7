import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkspace } from "../../../src/commands/workspaces/createWorkspace.ts";
import { cases } from "../../../src/db/schema.ts";
import type { CaseDetail } from "../../../src/http/routes/case-schemas.ts";
import { sweep } from "../../../src/jobs/sweeper.ts";
import type { TransferView } from "../../../src/presenters/transfer-view.ts";
import { presets } from "../../../src/presets/index.ts";
import { databaseKinds } from "../../support/db.ts";
import { steadyFollowTheSun } from "../../support/steady-sun.ts";
import {
  buildAgent,
  buildWorkspace,
  startWorld,
  type TestAgent,
  type World,
} from "../../support/world.ts";
import {
  API,
  act,
  expectOk,
  expectRefusal,
  filled,
  getCase,
  getTransfer,
  HOUR,
  type Kind,
  kindOf,
  MINUTE,
  newCase,
  options,
  preview,
  request,
  timelineOf,
  transferAudit,
  type Workspace,
} from "./helpers.ts";

// Seed 001, follow-the-sun for 24x7 cases: the people in the procedure carry a case through
// Baton's API exactly as the seed describes, and every shortcut the seed forbids is refused with the
// guard's id.
describe.each(databaseKinds)("transfer scenarios (%s)", (dbKind) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(dbKind);
  });
  afterAll(() => world.dispose());

  const backdate = (n: number, changes: Partial<typeof cases.$inferInsert>) =>
    world.database.db.update(cases).set(changes).where(eq(cases.number, n));

  describe("seed 001: follow-the-sun for 24x7 cases (in-depth queue only)", () => {
    let ws: Workspace;
    let owner: TestAgent;
    let colleague: TestAgent;
    let colleague2: TestAgent;
    let ta: TestAgent;
    let dispatcher: TestAgent;
    let emea: TestAgent;
    let fts: Kind;
    let local: Kind;
    let leave: Kind;

    beforeAll(async () => {
      ws = await buildWorkspace(world, "follow-the-sun", steadyFollowTheSun());
      owner = await buildAgent(world, ws.slug, "agent", { region: "APAC", queues: ["in-depth"] });
      colleague = await buildAgent(world, ws.slug, "agent", { region: "APAC" });
      colleague2 = await buildAgent(world, ws.slug, "agent", { region: "APAC" });
      ta = await buildAgent(world, ws.slug, "shift_lead", { region: "APAC" });
      dispatcher = await buildAgent(world, ws.slug, "triage", { region: "US" });
      emea = await buildAgent(world, ws.slug, "agent", { region: "EMEA" });
      fts = kindOf(ws.policy, "fts-24x7");
      local = kindOf(ws.policy, "local-region");
      leave = kindOf(ws.policy, "planned-leave");
    });

    const caseOf = (body: Record<string, unknown> = {}) =>
      newCase(owner, ws, {
        ownerId: owner.userId,
        queue: "in-depth",
        plan: "premier",
        severity: "A",
        product: "spark",
        is24x7: true,
        internalTitle: "Cluster down",
        ...body,
      });

    const ftsTo = (c: { version: number }, region: string, extra = {}) => ({
      version: c.version,
      kind: "fts-24x7",
      target: { queue: "in-depth", region },
      reason: "next-shift",
      fields: filled(fts),
      confirmations: { customerNeedsNextShift: true },
      ...extra,
    });

    const leaveTo = (c: { version: number }, agentId: string) => ({
      version: c.version,
      kind: "planned-leave",
      target: { agentId },
      reason: "planned-leave",
      fields: filled(leave, { back_on: "2026-09-14" }),
    });

    it("S1.1 only in-depth (not ARR), and 24x7 or not decides the kind", async () => {
      const arr = await caseOf({ queue: "arr" });
      expectRefusal(
        await request(owner, arr.number, ftsTo(arr, "EMEA")),
        422,
        "kind_not_applicable",
        /in-depth/,
      );
      const arrOptions = await options(owner, arr.number);
      for (const k of arrOptions.kinds) {
        expect(k.available).toBe(false);
        expect(k.unavailableBecause).toMatch(/applies only to cases in in-depth/);
      }
      const c = await caseOf();
      const opts = await options(owner, c.number);
      const byCode = new Map(opts.kinds.map((k) => [k.code, k]));
      expect(byCode.get("fts-24x7")?.available).toBe(true);
      expect(byCode.get("fts-24x7")?.asks24x7Confirmation).toBe(true);
      expect(byCode.get("local-region")?.available).toBe(false);
      expect(byCode.get("local-region")?.unavailableBecause).toMatch(/without 24x7/);
      expectRefusal(
        await request(owner, c.number, {
          version: c.version,
          kind: "local-region",
          target: { queue: "in-depth", region: "US" },
          reason: "customer-region",
          fields: filled(local),
        }),
        422,
        "kind_not_applicable",
      );
    });

    it("S1.2 title prefix, dispatch subject, channel entry; S1.4 template pre-filled; back to the queue for dispatch", async () => {
      const c = await caseOf({ partnerTicket: "PT-4471", incidentId: "ICM-88120" });
      expectOk(
        await owner.api.post(`${API}/cases/${c.number}/notes`, {
          body: "Head node restarted; collecting executor logs.",
          visibility: "private",
        }),
        201,
      );
      const bare = ftsTo(c, "EMEA", { fields: {} });
      const shown = expectOk(await preview(owner, c.number, bare));
      expect(shown.fields.summary).toContain("Head node restarted; collecting executor logs.");
      expect(shown.fields.partner_ticket).toBe("PT-4471");
      expect(shown.fields.incident_id).toBe("ICM-88120");
      expect(shown.missingFields.map((m) => m.field)).toEqual(
        expect.arrayContaining([
          "fields.next_vendor_action",
          "fields.customer_reachable",
          "fields.waiting_for_rca",
          "fields.accepts_english",
          "fields.pending_on",
        ]),
      );
      expect(shown.artifacts).toEqual({
        titlePrefix: "Need EMEA SE",
        internalTitle: "Need EMEA SE — Cluster down",
        dispatchSubject: `Data Platform Dispatch, please reassign Prem Sev A ${c.number} to EMEA SE - Skill: spark`,
        channelEntry: `Case ${c.number} (Prem Sev A, spark) needs an SE in EMEA: ${c.subject}`,
      });
      expect(shown.requiredSteps).toEqual(["notes_updated"]);

      // The next region, never the owner's own; and a region must be named for the prefix.
      expectRefusal(
        await request(owner, c.number, ftsTo(c, "APAC")),
        422,
        "invalid_target",
        /another region than APAC/,
      );
      expectRefusal(
        await request(owner, c.number, { ...ftsTo(c, "EMEA"), target: { queue: "in-depth" } }),
        422,
        "invalid_target",
        /name the region/,
      );
      expectRefusal(
        await request(owner, c.number, { ...ftsTo(c, "EMEA"), target: { queue: "arr" } }),
        422,
        "target_not_allowed",
      );

      // What Baton pre-filled stays; the engineer writes the rest.
      const { summary, partner_ticket, incident_id, ...written } = filled(fts);
      expect([summary, partner_ticket, incident_id].every(Boolean)).toBe(true);
      const done = expectOk(
        await request(owner, c.number, ftsTo(c, "EMEA", { fields: written })),
        201,
      );
      expect(done.state).toBe("completed");
      expect(done.fields.partner_ticket).toBe("PT-4471");
      expect(done.artifacts.dispatchSubject).toBe(shown.artifacts.dispatchSubject);
      expect(done.artifacts.channelEntry).toBe(shown.artifacts.channelEntry);
      const back = await getCase(owner, c.number);
      expect(back.owner).toBeNull();
      expect(back.queue).toBe("in-depth");
      expect(back.region).toBe("EMEA");
      expect(back.internalTitle).toBe("Need EMEA SE — Cluster down");
      expect(back.handoffCount).toBe(1);
      const note = (await timelineOf(owner, c.number)).find((i) => i.body.startsWith("HANDOVER"));
      expect(note?.visibility).toBe("private");
      expect(note?.body).toContain("SUMMARY:\nHead node restarted");
      expect(note?.body).toContain("Customer reachable?: Yes");
      expect(note?.body).toContain("Partner ticket: PT-4471");
      expect(note?.body).toContain("Incident ID: ICM-88120");

      // The dispatch desk assigns the new owner from the queue.
      const assigned = expectOk(
        await dispatcher.api.patch<CaseDetail>(`${API}/cases/${c.number}`, {
          version: back.version,
          ownerId: emea.userId,
        }),
      );
      expect(assigned.owner?.id).toBe(emea.userId);
      // The next hand-off replaces the prefix rather than stacking it.
      const onward = expectOk(await request(emea, c.number, ftsTo(assigned, "US")), 201);
      expect(onward.state).toBe("completed");
      expect((await getCase(owner, c.number)).internalTitle).toBe("Need US SE — Cluster down");
    });

    it("S1.5 confirm next shift (confirm-next-shift-needed), else lower the severity or clear 24x7 and keep the case", async () => {
      const c = await caseOf();
      for (const confirmations of [{}, { customerNeedsNextShift: false }])
        expectRefusal(
          await request(owner, c.number, ftsTo(c, "EMEA", { confirmations })),
          422,
          "confirm-next-shift-needed",
          /lower the severity or clear 24x7 and keep the case/,
        );
      const shown = expectOk(
        await preview(owner, c.number, ftsTo(c, "EMEA", { confirmations: {} })),
      );
      expect(shown.blocked).toBe(true);
      expect(shown.guards.find((g) => g.id === "confirm-next-shift-needed")?.outcome).toBe("block");
      // The owner clears 24x7 and keeps it: the 24x7 handover no longer applies.
      const kept = expectOk(
        await owner.api.patch<CaseDetail>(`${API}/cases/${c.number}`, {
          version: c.version,
          is24x7: false,
          severity: "B",
        }),
      );
      expectRefusal(
        await request(owner, c.number, ftsTo(kept, "EMEA")),
        422,
        "kind_not_applicable",
        /only to 24x7 cases/,
      );
      expect((await getCase(owner, c.number)).owner?.id).toBe(owner.userId);
      expect(await transferAudit(owner, c.number)).toEqual([]);
    });

    it("S1.5 idle warning (idle-warning): transfer early, never after idling", async () => {
      const c = await caseOf();
      await backdate(c.number, { idleSince: new Date(Date.now() - 5 * HOUR) });
      const shown = expectOk(await preview(owner, c.number, ftsTo(c, "EMEA")));
      expect(shown.blocked).toBe(false);
      expect(shown.guards.find((g) => g.id === "idle-warning")).toMatchObject({
        outcome: "warn",
        message: expect.stringMatching(/idle for 5 hours/),
      });
      const done = expectOk(await request(owner, c.number, ftsTo(c, "EMEA")), 201);
      expect(done.state).toBe("completed");
      expect(done.warnings.map((w) => w.id)).toEqual(["idle-warning"]);
      const fresh = await caseOf();
      const quick = expectOk(await request(owner, fresh.number, ftsTo(fresh, "EMEA")), 201);
      expect(quick.warnings).toEqual([]);
    });

    it("S1.3 non-24x7 case to the local region: note, prefix, channel entry, back to queue, no meeting", async () => {
      const c = await caseOf({ is24x7: false, plan: "pro", severity: "B", product: "kafka" });
      const body = {
        version: c.version,
        kind: "local-region",
        target: { queue: "in-depth", region: "US" },
        reason: "other",
        fields: filled(local),
      };
      expectRefusal(await request(owner, c.number, body), 422, "reason_text_required");
      // The prefix and the dispatch subject name the region, so one must be given.
      expectRefusal(
        await request(owner, c.number, {
          ...body,
          reasonText: "Customer moved to Seattle",
          target: { queue: "in-depth" },
        }),
        422,
        "invalid_target",
        /region/,
      );
      const done = expectOk(
        await request(owner, c.number, { ...body, reasonText: "Customer moved to Seattle" }),
        201,
      );
      expect(done.state).toBe("completed");
      expect(done.requiredSteps).toEqual(["notes_updated"]);
      expect(done.artifacts.dispatchSubject).toBe(
        `Data Platform Dispatch, please reassign Pro Sev B ${c.number} to US SE - Skill: kafka`,
      );
      expect(done.artifacts.channelEntry).toMatch(/needs an SE in US/);
      const after = await getCase(owner, c.number);
      expect(after.owner).toBeNull();
      expect(after.internalTitle).toBe("Need US SE — Cluster down");
    });

    it("S1.6 no back to queue when solution delivered / for leave (not-awaiting-customer-confirmation, no-back-to-queue-for-leave): an in-region backup instead", async () => {
      const c = await caseOf();
      const delivered = expectOk(
        await owner.api.patch<CaseDetail>(`${API}/cases/${c.number}`, {
          version: c.version,
          status: "solution_delivered",
        }),
      );
      expectRefusal(
        await request(owner, c.number, ftsTo(delivered, "EMEA")),
        422,
        "not-awaiting-customer-confirmation",
        /only the customer's confirmation is awaited/,
      );
      const blockers = (await options(owner, c.number)).kinds
        .find((k) => k.code === "fts-24x7")
        ?.blockers.flatMap((b) => b.guards.map((g) => g.id));
      expect(blockers).toContain("not-awaiting-customer-confirmation");

      const active = expectOk(
        await owner.api.patch<CaseDetail>(`${API}/cases/${c.number}`, {
          version: delivered.version,
          status: "active",
        }),
      );
      expectRefusal(
        await request(owner, c.number, ftsTo(active, "EMEA", { reason: "owner-on-leave" })),
        422,
        "no-back-to-queue-for-leave",
        /ask a colleague in your region to back you up/,
      );
      expectRefusal(
        await request(owner, c.number, {
          version: active.version,
          kind: "local-region",
          target: { queue: "in-depth", region: "EMEA" },
          reason: "owner-on-leave",
          fields: filled(local),
        }),
        422,
        "kind_not_applicable",
      );

      // The backup is a colleague in the owner's region who agrees first.
      expectRefusal(
        await request(owner, c.number, leaveTo(active, emea.userId)),
        422,
        "invalid_target",
        /stays within APAC/,
      );
      const created = expectOk(
        await request(owner, c.number, leaveTo(active, colleague.userId)),
        201,
      );
      expect(created.requiredSteps).toEqual(["notes_updated", "receiver_acceptance"]);
      expect(created.state).toBe("awaiting_acceptance");
      expect(created.fields.back_on).toBe("2026-09-14");
      const accepted = expectOk(await act(colleague, created, "accept"));
      expect(accepted.state).toBe("completed");
      const after = await getCase(owner, c.number);
      expect(after.owner?.id).toBe(colleague.userId);
      expect(after.queue).toBe("in-depth");
    });

    it("S1.6 decline needs TA approval (decline-needs-approval)", async () => {
      const c = await caseOf();
      const created = expectOk(await request(owner, c.number, leaveTo(c, colleague.userId)), 201);
      expectRefusal(
        await act(colleague, created, "decline", { note: "Too busy" }),
        422,
        "decline-needs-approval",
        /approval/,
      );
      expectRefusal(await act(ta, created, "decline"), 422, "note_required");
      const declined = expectOk(
        await act(ta, created, "decline", { note: "Colleague is on a critical situation" }),
      );
      expect(declined.state).toBe("declined");
      expect(declined.decidedBy?.id).toBe(ta.userId);
      expect((await getCase(owner, c.number)).owner?.id).toBe(owner.userId);
      const audit = await transferAudit(owner, c.number, created.id);
      expect(audit.map((e) => [e.action, e.actor?.id])).toEqual([
        ["transfer.requested", owner.userId],
        ["transfer.declined", ta.userId],
      ]);
    });

    it("acceptance timeout: back to the TA, who picks another colleague", async () => {
      const c = await caseOf();
      const created = expectOk(await request(owner, c.number, leaveTo(c, colleague.userId)), 201);
      const due = Date.parse(created.expiresAt ?? "");
      expect(due - Date.now()).toBeGreaterThan(235 * MINUTE);
      await sweep(world.database.db, new Date(due + MINUTE));
      const back = await getTransfer(ta, created.id);
      expect(back.state).toBe("awaiting_approval");
      expect(back.requiredSteps).toContain("approval");
      const inbox = expectOk(
        await ta.api.get<{ items: TransferView[] }>(`${API}/transfers?waiting=me`),
      );
      expect(inbox.items.map((t) => t.id)).toContain(created.id);
      expectRefusal(await act(owner, back, "approve"), 403, "forbidden");
      const picked = expectOk(await act(ta, back, "approve", { assignTo: colleague2.userId }));
      expect(picked.state).toBe("awaiting_acceptance");
      expectOk(await act(colleague2, picked, "accept"));
      const after = await getCase(owner, c.number);
      expect(after.owner?.id).toBe(colleague2.userId);
      expect(after.handoffCount).toBe(1);
      expect((await transferAudit(owner, c.number, created.id)).map((e) => e.action)).toEqual([
        "transfer.requested",
        "transfer.expired",
        "transfer.approved",
        "transfer.accepted",
        "transfer.completed",
      ]);
    });

    it("acceptance timeout without an approver: back to the queue", async () => {
      // A copy of the policy whose leave backup has no approver: a silent colleague sends the
      // case back to the in-depth queue instead.
      const policy = structuredClone(presets["follow-the-sun"]);
      const kinds = policy.transferKinds ?? [];
      const leaveKind = kinds.find((k) => k.code === "planned-leave");
      if (!leaveKind) throw new Error("planned-leave missing");
      leaveKind.approverRoles = [];
      leaveKind.guards = ["receiver-must-agree", "receiver-available"];
      leaveKind.acceptance = { timeoutMinutes: 30, onTimeout: "back_to_queue" };
      const slug = `fts-queue-${randomBytes(4).toString("hex")}`;
      const made = await createWorkspace(
        world.database.db,
        { slug, name: "FTS queue timeout", policy },
        null,
      );
      const wsq: Workspace = { id: made.id, slug, policy: made.policy };
      const o = await buildAgent(world, slug, "agent", { region: "APAC" });
      const r = await buildAgent(world, slug, "agent", { region: "APAC" });
      const c = await newCase(o, wsq, {
        ownerId: o.userId,
        queue: "in-depth",
        internalTitle: "Slow queries",
      });
      const created = expectOk(await request(o, c.number, leaveTo(c, r.userId)), 201);
      await sweep(world.database.db, new Date(Date.parse(created.expiresAt ?? "") + MINUTE));
      const t = await getTransfer(o, created.id);
      expect(t.state).toBe("expired");
      const after = await getCase(o, c.number);
      expect(after.owner).toBeNull();
      expect(after.queue).toBe("in-depth");
      expect(after.handoffCount).toBe(1);
      const audit = await transferAudit(o, c.number, created.id);
      expect(audit.map((e) => e.action)).toEqual([
        "transfer.requested",
        "transfer.completed",
        "transfer.expired",
      ]);
      expect(audit[2]?.data.outcome).toBe("back_to_queue");
    });
  });
});
