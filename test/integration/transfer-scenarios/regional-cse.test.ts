import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseDetail } from "../../../src/http/routes/case-schemas.ts";
import { sweep } from "../../../src/jobs/sweeper.ts";
import type { TransferView } from "../../../src/presenters/transfer-view.ts";
import { databaseKinds } from "../../support/db.ts";
import {
  buildAgent,
  buildWorkspace,
  type Problem,
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
  onLeaveNow,
  options,
  preview,
  request,
  setAvailability,
  step,
  timelineOf,
  transferAudit,
  type Workspace,
} from "./helpers.ts";

// Seed 000, regional CSE transfers: the people in the procedure carry a case through Baton's API
// exactly as the seed describes, and every shortcut the seed forbids is refused with the guard's id.
describe.each(databaseKinds)("transfer scenarios (%s)", (dbKind) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(dbKind);
  });
  afterAll(() => world.dispose());

  describe("seed 000: regional CSE transfer procedure", () => {
    let ws: Workspace;
    let owner: TestAgent;
    let receiver: TestAgent;
    let colleague: TestAgent;
    let supervisor: TestAgent;
    let placeholder: TestAgent;
    let apac: TestAgent;
    let within: Kind;
    let between: Kind;

    beforeAll(async () => {
      ws = await buildWorkspace(world, "regional-cse");
      owner = await buildAgent(world, ws.slug, "agent", { region: "EMEA", queues: ["cse-emea"] });
      receiver = await buildAgent(world, ws.slug, "agent", { region: "EMEA" });
      colleague = await buildAgent(world, ws.slug, "agent", { region: "EMEA" });
      supervisor = await buildAgent(world, ws.slug, "supervisor", { region: "EMEA" });
      placeholder = await buildAgent(world, ws.slug, "supervisor", { region: "EMEA" });
      apac = await buildAgent(world, ws.slug, "agent", { region: "APAC" });
      within = kindOf(ws.policy, "within-region");
      between = kindOf(ws.policy, "between-regions");
    });

    const ownedCase = (body: Record<string, unknown> = {}) =>
      newCase(owner, ws, {
        ownerId: owner.userId,
        queue: "cse-emea",
        region: "EMEA",
        severity: "high",
        description: "Nightly replication stalls after the storage upgrade.",
        ...body,
      });

    const withinTo = (c: { version: number }, agentId: string, extra = {}) => ({
      version: c.version,
      kind: "within-region",
      target: { agentId },
      reason: "needs-subject-matter-expert",
      fields: filled(within),
      ...extra,
    });

    /** The S0.3 must-dos for a within-region transfer, each by the person the seed names. */
    async function handOver(n: number, from: TestAgent, to: TestAgent) {
      const c = await getCase(from, n);
      const created = expectOk(await request(from, n, withinTo(c, to.userId)), 201);
      const approved = expectOk(await act(supervisor, created, "approve"));
      const accepted = expectOk(await act(to, approved, "accept"));
      const told = expectOk(await step(from, accepted, "customer_notified", { how: "email" }));
      expect(told.state).toBe("completed");
      return created;
    }

    it("S0.1 reason must fit the kind (reason-fits-kind); S0.1/S0.2 within a region or between regions", async () => {
      const c = await ownedCase();
      // S0.1: between-regions reasons do not fit a transfer within the region, and back.
      expectRefusal(
        await request(
          owner,
          c.number,
          withinTo(c, receiver.userId, { reason: "continual-support" }),
        ),
        422,
        "reason-fits-kind",
        /extended-time-off, out-with-urgent-case, needs-subject-matter-expert/,
      );
      expectRefusal(
        await request(owner, c.number, {
          version: c.version,
          kind: "between-regions",
          target: { agentId: apac.userId },
          reason: "extended-time-off",
          fields: filled(between),
        }),
        422,
        "reason-fits-kind",
      );
      // S0.1: within the region means the receiver is in the owner's region.
      expectRefusal(
        await request(owner, c.number, withinTo(c, apac.userId)),
        422,
        "invalid_target",
        /stays within EMEA/,
      );
      // Within a region goes to a named engineer, never to a queue.
      expectRefusal(
        await request(owner, c.number, { ...withinTo(c, ""), target: { queue: "cse-emea" } }),
        422,
        "target_not_allowed",
      );
      // S0.2: between regions means another region, engineer or region queue.
      for (const target of [{ agentId: receiver.userId }, { queue: "cse-emea" }])
        expectRefusal(
          await request(owner, c.number, {
            version: c.version,
            kind: "between-regions",
            target,
            reason: "customer-time-zone",
            fields: filled(between),
          }),
          422,
          "invalid_target",
          /another region than EMEA/,
        );
      // Nothing was stored by any refusal.
      expect((await options(owner, c.number)).openTransferId).toBeNull();
      expect(await transferAudit(owner, c.number)).toEqual([]);
    });

    it("S0.4 handover template: PASS TO, REASON, ISSUE, STEPS TRIED, NEXT STEPS, NEXT CUSTOMER CONTACT", async () => {
      const customer = expectOk(
        await owner.api.post<{ id: string }>(`${API}/workspaces/${ws.slug}/customers`, {
          name: "Kansai Freight",
          timeZone: "Asia/Tokyo",
          language: "ja",
        }),
        201,
      );
      const c = await ownedCase({ customerId: customer.id });
      const bare = { ...withinTo(c, receiver.userId), fields: {} };
      const shown = expectOk(await preview(owner, c.number, bare));
      // Pre-filled where Baton knows the answer: the region, the issue, the customer's zone.
      expect(shown.fields.pass_to).toBe("EMEA");
      expect(shown.fields.issue).toBe("Nightly replication stalls after the storage upgrade.");
      expect(shown.fields.next_customer_contact).toContain("Asia/Tokyo");
      expect(shown.missingFields.map((m) => m.field).sort()).toEqual([
        "fields.next_steps",
        "fields.reason",
        "fields.steps_tried",
      ]);
      expect(shown.blocked).toBe(true);
      expectRefusal(await request(owner, c.number, bare), 422, "template_incomplete", /REASON/);

      const full = {
        ...bare,
        fields: {
          reason: "Needs a storage SME; German speaker preferred",
          steps_tried: "Collected replication logs; reverted the driver",
          next_steps: "Web meeting with the customer's DBA",
        },
      };
      const ready = expectOk(await preview(owner, c.number, full));
      expect(ready.blocked).toBe(false);
      expect(ready.note).toMatch(/^HANDOVER — Transfer within the region/);
      for (const part of [
        "PASS TO: EMEA",
        "REASON:\nNeeds a storage SME; German speaker preferred",
        "ISSUE:\nNightly replication stalls",
        "STEPS TRIED:\nCollected replication logs",
        "NEXT STEPS:\nWeb meeting",
        "NEXT CUSTOMER CONTACT:\nCustomer's time zone: Asia/Tokyo",
      ])
        expect(ready.note).toContain(part);
      // A preview stores nothing.
      expect((await options(owner, c.number)).openTransferId).toBeNull();
      const created = expectOk(await request(owner, c.number, full), 201);
      const note = (await timelineOf(owner, c.number)).find((i) => i.body === ready.note);
      expect(note?.visibility).toBe("private");
      expect(created.fields.next_steps).toBe("Web meeting with the customer's DBA");
    });

    it("S0.3 steps in order: notes, supervisor, receiver, customer, reassign", async () => {
      const c = await ownedCase();
      const created = expectOk(await request(owner, c.number, withinTo(c, receiver.userId)), 201);
      expect(created.state).toBe("awaiting_approval");
      expect(created.requiredSteps).toEqual([
        "notes_updated",
        "approval",
        "receiver_acceptance",
        "customer_notified",
      ]);
      expect(created.steps.map((s) => [s.step, s.by?.id])).toEqual([
        ["notes_updated", owner.userId],
      ]);

      // Nobody skips ahead of the supervisor: not the receiver, not the customer call.
      expectRefusal(
        await act(receiver, created, "accept"),
        422,
        "transfer_state",
        /awaiting approval; that action needs it awaiting acceptance/,
      );
      expectRefusal(
        await step(owner, created, "customer_notified", { how: "phone" }),
        422,
        "step_out_of_order",
        /approval/,
      );
      // S0.3.2: it is the supervisor who agrees, not the owner or the receiver.
      expectRefusal(await act(owner, created, "approve"), 403, "forbidden");
      expectRefusal(await act(receiver, created, "approve"), 403, "forbidden");
      const inbox = expectOk(
        await supervisor.api.get<{ items: TransferView[] }>(`${API}/transfers?waiting=me`),
      );
      expect(inbox.items.map((t) => t.id)).toContain(created.id);
      expect(
        expectOk(
          await receiver.api.get<{ items: TransferView[] }>(`${API}/transfers?waiting=me`),
        ).items.map((t) => t.id),
      ).not.toContain(created.id);

      const approved = expectOk(
        await act(supervisor, created, "approve", { note: "SME needed; receiver has capacity" }),
      );
      expect(approved.state).toBe("awaiting_acceptance");
      expect(approved.expiresAt).not.toBeNull();
      // A stale version is a conflict, not a second approval.
      expectRefusal(await act(supervisor, created, "approve"), 409, "version_conflict");
      expectRefusal(
        await step(owner, approved, "customer_notified", { how: "phone" }),
        422,
        "step_out_of_order",
        /receiver acceptance/,
      );
      expect(
        expectOk(
          await receiver.api.get<{ items: TransferView[] }>(`${API}/transfers?waiting=me`),
        ).items.map((t) => t.id),
      ).toContain(created.id);
      // Only the named receiver agrees for themselves.
      expectRefusal(await act(colleague, approved, "accept"), 403, "forbidden");
      const accepted = expectOk(await act(receiver, approved, "accept"));
      expect(accepted.state).toBe("awaiting_steps");
      expect(accepted.nextStep).toBe("customer_notified");
      // The receiver is not the one who tells the customer: the owner (who asked) is offered it.
      expect(accepted.actions).not.toContain("step:customer_notified");
      const ownersView = expectOk(
        await owner.api.get<TransferView>(`${API}/transfers/${accepted.id}`),
      );
      expect(ownersView.actions).toEqual(["withdraw", "step:customer_notified"]);
      expectRefusal(
        await step(receiver, accepted, "customer_notified", { how: "phone" }),
        403,
        "forbidden",
      );

      // Not reassigned until every must-do is done.
      const midway = await getCase(owner, c.number);
      expect(midway.owner?.id).toBe(owner.userId);
      expect(midway.handoffCount).toBe(0);

      // S0.3.4: the customer was told, and how and when are recorded.
      expectRefusal(await step(owner, accepted, "customer_notified", {}), 422, "how_required");
      expectRefusal(
        await step(owner, accepted, "customer_notified", {
          how: "phone",
          at: new Date(Date.now() + 2 * HOUR).toISOString(),
        }),
        422,
        "in_future",
      );
      // Told before the receiver agreed would break S0.3's order, even after the fact.
      expectRefusal(
        await step(owner, accepted, "customer_notified", {
          how: "phone",
          at: new Date(Date.now() - 10 * MINUTE).toISOString(),
        }),
        422,
        "out_of_order",
        /before the previous step \(receiver acceptance/,
      );
      const toldAt = new Date().toISOString();
      const done = expectOk(
        await step(owner, accepted, "customer_notified", { how: "phone", at: toldAt }),
      );
      // S0.3.5: the reassignment happens with the last step.
      expect(done.state).toBe("completed");
      expect(done.completedAt).not.toBeNull();
      expect(done.steps.map((s) => [s.step, s.by?.id, s.how ?? null])).toEqual([
        ["notes_updated", owner.userId, null],
        ["approval", supervisor.userId, null],
        ["receiver_acceptance", receiver.userId, null],
        ["customer_notified", owner.userId, "phone"],
      ]);
      expect(done.steps[3]?.at).toBe(toldAt);
      for (const s of done.steps) expect(Number.isNaN(Date.parse(s.at))).toBe(false);

      const after = await getCase(owner, c.number);
      expect(after.owner?.id).toBe(receiver.userId);
      expect(after.queue).toBe("cse-emea");
      expect(after.handoffCount).toBe(1);
      expect((await options(receiver, c.number)).handoffCount).toBe(1);

      // Every step is in the audit log, in order, by who did it.
      const audit = await transferAudit(owner, c.number, created.id);
      expect(audit.map((e) => [e.action, e.actor?.id])).toEqual([
        ["transfer.requested", owner.userId],
        ["transfer.approved", supervisor.userId],
        ["transfer.accepted", receiver.userId],
        ["transfer.step_done", owner.userId],
        ["transfer.completed", owner.userId],
      ]);
      expect(audit[3]?.data).toMatchObject({ step: "customer_notified", how: "phone", at: toldAt });
      expect(audit[4]?.data).toMatchObject({
        from: { ownerId: owner.userId },
        to: { ownerId: receiver.userId, queue: "cse-emea" },
      });
      const bodies = (await timelineOf(owner, c.number)).map((i) => i.body);
      expect(bodies).toContain("Approved: SME needed; receiver has capacity");
      expect(bodies.some((b) => b.startsWith("Transferred (Transfer within the region)"))).toBe(
        true,
      );
      // A finished transfer takes no more actions.
      expectRefusal(await act(owner, done, "withdraw"), 422, "transfer_state");
    });

    it("S0.3 no shortcut: an engineer cannot reassign by editing the owner; the supervisor may", async () => {
      const c = await ownedCase();
      const edit = await owner.api.patch(`${API}/cases/${c.number}`, {
        version: c.version,
        ownerId: supervisor.userId,
      });
      expectRefusal(edit, 422, "transfer_required", /changes hands through a transfer/);
      expect((edit.body as Problem).errors?.[0]?.field).toBe("ownerId");
      const shown = await getCase(owner, c.number);
      expect(shown.owner?.id).toBe(owner.userId);
      expect(shown.reassign).toMatchObject({ direct: false, takeFromQueue: false });
      expect((await getCase(supervisor, c.number)).reassign.direct).toBe(true);
      const placed = expectOk(
        await supervisor.api.patch<CaseDetail>(`${API}/cases/${c.number}`, {
          version: c.version,
          ownerId: colleague.userId,
        }),
      );
      expect(placed.owner?.id).toBe(colleague.userId);
      // Taking an unowned case from the queue is not a hand-off.
      const queued = await newCase(owner, ws, { queue: "cse-emea", region: "EMEA" });
      expect((await getCase(receiver, queued.number)).reassign.takeFromQueue).toBe(true);
      const taken = expectOk(
        await receiver.api.patch<CaseDetail>(`${API}/cases/${queued.number}`, {
          version: queued.version,
          ownerId: receiver.userId,
        }),
      );
      expect(taken.owner?.id).toBe(receiver.userId);
      expectRefusal(
        await owner.api.patch(`${API}/cases/${queued.number}`, {
          version: taken.version,
          ownerId: owner.userId,
        }),
        422,
        "transfer_required",
      );
    });

    it("S0.5 never to a supervisor who has not agreed (receiver-must-agree)", async () => {
      const c = await ownedCase();
      const created = expectOk(
        await request(
          owner,
          c.number,
          withinTo(c, placeholder.userId, { reason: "out-with-urgent-case" }),
        ),
        201,
      );
      // The placeholder supervisor's own approval is not their agreement to take the case.
      expect(created.requiredSteps).toContain("receiver_acceptance");
      const approved = expectOk(await act(placeholder, created, "approve"));
      expect(approved.state).toBe("awaiting_acceptance");
      expect(approved.steps.map((s) => s.step)).not.toContain("receiver_acceptance");
      expectRefusal(
        await step(owner, approved, "customer_notified", { how: "email" }),
        422,
        "step_out_of_order",
      );
      expect((await getCase(owner, c.number)).owner?.id).toBe(owner.userId);
      const agreed = expectOk(
        await act(placeholder, approved, "accept", { note: "Holding it until Ana is back" }),
      );
      expect(agreed.state).toBe("awaiting_steps");
      expectOk(await step(owner, agreed, "customer_notified", { how: "email" }));
      const after = await getCase(owner, c.number);
      expect(after.owner?.id).toBe(placeholder.userId);

      // A supervisor who does not agree declines, and the case stays with its owner.
      const c2 = await ownedCase();
      const t2 = expectOk(await request(owner, c2.number, withinTo(c2, placeholder.userId)), 201);
      const a2 = expectOk(await act(supervisor, t2, "approve"));
      expectRefusal(await act(placeholder, a2, "decline"), 422, "note_required");
      const declined = expectOk(
        await act(placeholder, a2, "decline", { note: "I cannot hold it this week" }),
      );
      expect(declined.state).toBe("declined");
      const kept = await getCase(owner, c2.number);
      expect(kept.owner?.id).toBe(owner.userId);
      expect(kept.handoffCount).toBe(0);
      expect((await timelineOf(owner, c2.number)).map((i) => i.body)).toContain(
        "Transfer declined: I cannot hold it this week",
      );
      expect((await transferAudit(owner, c2.number)).map((e) => e.action)).toEqual([
        "transfer.requested",
        "transfer.approved",
        "transfer.declined",
      ]);
    });

    it("S0.5 nobody to take over: the supervisor finds someone (approve with assignTo), who still agrees", async () => {
      const c = await ownedCase();
      const created = expectOk(
        await request(owner, c.number, {
          version: c.version,
          kind: "between-regions",
          target: { queue: "cse-apac" },
          reason: "customer-time-zone",
          fields: filled(between),
        }),
        201,
      );
      expect(created.requiredSteps).toEqual(["notes_updated", "approval", "customer_notified"]);
      // S0.2: the supervisor's pick must be in another region, and available.
      expectRefusal(
        await act(supervisor, created, "approve", { assignTo: colleague.userId }),
        422,
        "invalid_target",
      );
      const picked = expectOk(await act(supervisor, created, "approve", { assignTo: apac.userId }));
      expect(picked.state).toBe("awaiting_acceptance");
      expect(picked.target.agent?.id).toBe(apac.userId);
      expect(picked.requiredSteps).toEqual([
        "notes_updated",
        "approval",
        "receiver_acceptance",
        "customer_notified",
      ]);
      const accepted = expectOk(await act(apac, picked, "accept"));
      expectOk(await step(owner, accepted, "customer_notified", { how: "email" }));
      const after = await getCase(owner, c.number);
      expect(after.owner?.id).toBe(apac.userId);
      expect(after.queue).toBe("cse-apac");
      expect(after.region).toBe("APAC");
    });

    it("acceptance timeout sends the transfer back to the supervisor (sweep with a future now)", async () => {
      const c = await ownedCase();
      const created = expectOk(await request(owner, c.number, withinTo(c, receiver.userId)), 201);
      const approved = expectOk(await act(supervisor, created, "approve"));
      expect(approved.state).toBe("awaiting_acceptance");
      const due = Date.parse(approved.expiresAt ?? "");
      expect(due - Date.now()).toBeGreaterThan(235 * MINUTE);
      expect(due - Date.now()).toBeLessThanOrEqual(240 * MINUTE);

      // Not yet due: nothing happens.
      await sweep(world.database.db, new Date(due - MINUTE));
      expect((await getTransfer(owner, created.id)).state).toBe("awaiting_acceptance");

      await sweep(world.database.db, new Date(due + MINUTE));
      const back = await getTransfer(supervisor, created.id);
      expect(back.state).toBe("awaiting_approval");
      expect(back.target.agent).toBeNull();
      expect(back.steps.map((s) => s.step)).toEqual(["notes_updated"]);
      expect(back.actions).toEqual(expect.arrayContaining(["approve", "reject"]));
      const kept = await getCase(owner, c.number);
      expect(kept.owner?.id).toBe(owner.userId);
      expect(kept.handoffCount).toBe(0);
      const expired = (await transferAudit(owner, c.number, created.id)).find(
        (e) => e.action === "transfer.expired",
      );
      expect(expired?.actor).toBeNull();
      expect(expired?.data.outcome).toBe("back_to_approver");
      // The receiver who did not answer can no longer accept.
      expectRefusal(await act(receiver, back, "accept"), 403, "forbidden");

      // Within the region goes to a person: the supervisor names one.
      expectRefusal(await act(supervisor, back, "approve"), 422, "target_not_allowed");
      const picked = expectOk(
        await act(supervisor, back, "approve", { assignTo: colleague.userId }),
      );
      expect(picked.state).toBe("awaiting_acceptance");
      const accepted = expectOk(await act(colleague, picked, "accept"));
      expectOk(await step(owner, accepted, "customer_notified", { how: "chat" }));
      const after = await getCase(owner, c.number);
      expect(after.owner?.id).toBe(colleague.userId);
      expect(after.handoffCount).toBe(1);
    });

    it("ping-pong: a warning once the case has changed hands as often as the policy allows", async () => {
      const c = await ownedCase();
      const first = await handOver(c.number, owner, receiver);
      expect(first.warnings.map((w) => w.id)).not.toContain("ping-pong");
      await handOver(c.number, receiver, owner);
      await handOver(c.number, owner, receiver);
      expect((await getCase(owner, c.number)).handoffCount).toBe(3);
      expect((await options(owner, c.number)).handoffCount).toBe(3);
      const again = await getCase(receiver, c.number);
      const fourth = expectOk(
        await request(receiver, again.number, withinTo(again, owner.userId)),
        201,
      );
      const warning = fourth.warnings.find((w) => w.id === "ping-pong");
      expect(warning?.outcome).toBe("warn");
      expect(warning?.message).toMatch(/changed hands 3 times in the last 168 hours/);
      // A warning does not block and adds no step.
      expect(fourth.state).toBe("awaiting_approval");
      expect(fourth.requiredSteps).toEqual(within.steps);
      const requested = (await transferAudit(owner, c.number, fourth.id))[0];
      expect(requested?.data.warnings).toEqual(["ping-pong"]);
    });

    it("receiver-available refuses an agent on leave or off queue, and the supervisor's pick too", async () => {
      const away = await buildAgent(world, ws.slug, "agent", { region: "EMEA" });
      const busy = await buildAgent(world, ws.slug, "agent", { region: "EMEA" });
      await setAvailability(away, ws, away.userId, onLeaveNow());
      await setAvailability(busy, ws, busy.userId, { status: "off_queue" });
      const c = await ownedCase();
      expectRefusal(
        await request(owner, c.number, withinTo(c, away.userId)),
        422,
        "receiver-available",
        /on leave/,
      );
      expectRefusal(
        await request(owner, c.number, withinTo(c, busy.userId)),
        422,
        "receiver-available",
        /off queue/,
      );
      const shown = expectOk(await preview(owner, c.number, withinTo(c, busy.userId)));
      expect(shown.blocked).toBe(true);
      expect(shown.guards.map((g) => g.id)).toContain("receiver-available");
      // Nor can the supervisor pick them.
      const created = expectOk(await request(owner, c.number, withinTo(c, receiver.userId)), 201);
      expectRefusal(
        await act(supervisor, created, "approve", { assignTo: busy.userId }),
        422,
        "receiver-available",
      );
      // Back from leave, they can take cases again.
      await setAvailability(away, ws, away.userId, { status: "available" });
      expectOk(await act(owner, created, "withdraw"));
      const again = await getCase(owner, c.number);
      expectOk(await request(owner, c.number, withinTo(again, away.userId)), 201);
    });

    it("withdraw and reject leave the case with its owner", async () => {
      const c = await ownedCase();
      const created = expectOk(await request(owner, c.number, withinTo(c, receiver.userId)), 201);
      // One transfer at a time; the refusal says which one is under way and where it stands.
      const twice = await request(owner, c.number, withinTo(c, colleague.userId));
      expectRefusal(twice, 409, "version_conflict", /already has a transfer under way/);
      expect(twice.body).toMatchObject({ openTransferId: created.id, state: "awaiting_approval" });
      expect((await options(owner, c.number)).kinds.every((k) => !k.available)).toBe(true);
      expectRefusal(await act(receiver, created, "withdraw"), 403, "forbidden");
      const withdrawn = expectOk(
        await act(owner, created, "withdraw", { note: "Customer asked me to keep it" }),
      );
      expect(withdrawn.state).toBe("withdrawn");
      expectRefusal(await act(supervisor, withdrawn, "approve"), 422, "transfer_state");

      const again = await getCase(owner, c.number);
      expect(again.owner?.id).toBe(owner.userId);
      const second = expectOk(
        await request(owner, c.number, withinTo(again, colleague.userId)),
        201,
      );
      expectRefusal(await act(colleague, second, "reject"), 403, "forbidden");
      const rejected = expectOk(
        await act(supervisor, second, "reject", { note: "Keep it: you are the SME here" }),
      );
      expect(rejected.state).toBe("rejected");
      expect(rejected.decidedBy?.id).toBe(supervisor.userId);
      expect(rejected.decisionNote).toBe("Keep it: you are the SME here");
      const after = await getCase(owner, c.number);
      expect(after.owner?.id).toBe(owner.userId);
      expect(after.handoffCount).toBe(0);
      const notes = (await timelineOf(owner, c.number)).filter((i) => i.kind === "note");
      const rejectNote = notes.find(
        (n) => n.body === "Transfer rejected: Keep it: you are the SME here",
      );
      expect(rejectNote?.visibility).toBe("private");
      expect(notes.map((n) => n.body)).toContain(
        "Transfer withdrawn: Customer asked me to keep it",
      );
      expect((await transferAudit(owner, c.number)).map((e) => e.action)).toEqual([
        "transfer.requested",
        "transfer.withdrawn",
        "transfer.requested",
        "transfer.rejected",
      ]);
    });

    it("a second request racing the supervisor's approval: the approval stands, the request gets 409", async () => {
      // Several cases, so that on PostgreSQL the two transactions really overlap.
      for (let i = 0; i < 25; i++) {
        const c = await ownedCase();
        const created = expectOk(await request(owner, c.number, withinTo(c, receiver.userId)), 201);
        const [again, approved] = await Promise.all([
          request(owner, c.number, withinTo(c, colleague.userId)),
          act(supervisor, created, "approve", { note: "Go ahead" }),
        ]);
        expect([again.status, approved.status]).toEqual([409, 200]);
        expect(again.body).toMatchObject({ openTransferId: created.id });
        const t = await getTransfer(owner, created.id);
        expect(t.state).toBe("awaiting_acceptance");
        expect((await options(owner, c.number)).openTransferId).toBe(created.id);
      }
    });

    it("two supervisors approving at once: exactly one succeeds, the other gets 409", async () => {
      const c = await ownedCase();
      const created = expectOk(await request(owner, c.number, withinTo(c, receiver.userId)), 201);
      const [a, b] = await Promise.all([
        act(supervisor, created, "approve"),
        act(placeholder, created, "approve"),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      // The loser learns the transfer's current state and version.
      const t = await getTransfer(owner, created.id);
      const loser = a.status === 409 ? a : b;
      expect(loser.body).toMatchObject({ state: t.state, currentVersion: t.version });
      expect(t.steps.filter((s) => s.step === "approval")).toHaveLength(1);
      expect(
        (await transferAudit(owner, c.number, created.id)).filter(
          (e) => e.action === "transfer.approved",
        ),
      ).toHaveLength(1);
    });
  });
});
