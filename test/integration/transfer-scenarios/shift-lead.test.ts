import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TransferView } from "../../../src/presenters/transfer-view.ts";
import { databaseKinds } from "../../support/db.ts";
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
  type Kind,
  kindOf,
  newCase,
  onLeaveNow,
  request,
  setAvailability,
  step,
  timelineOf,
  transferAudit,
  type Workspace,
} from "./helpers.ts";

// Seed 004, shift-lead controlled hand-offs and leave: the people in the procedure carry a case
// through Baton's API exactly as the seed describes, and every shortcut the seed forbids is refused
// with the guard's id.
describe.each(databaseKinds)("transfer scenarios (%s)", (dbKind) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(dbKind);
  });
  afterAll(() => world.dispose());

  describe("seed 004: shift-lead-controlled handoffs and leave", () => {
    let ws: Workspace;
    let engineer: TestAgent;
    let colleague: TestAgent;
    let lead: TestAgent;
    let manager: TestAgent;
    let handoff: Kind;
    let leave: Kind;

    beforeAll(async () => {
      ws = await buildWorkspace(world, "shift-lead");
      engineer = await buildAgent(world, ws.slug, "agent", { region: "IST" });
      colleague = await buildAgent(world, ws.slug, "agent", { region: "IST" });
      lead = await buildAgent(world, ws.slug, "shift_lead", { region: "IST" });
      manager = await buildAgent(world, ws.slug, "supervisor", { region: "IST" });
      handoff = kindOf(ws.policy, "handoff-request");
      leave = kindOf(ws.policy, "planned-leave");
    });

    const mine = (body: Record<string, unknown> = {}) =>
      newCase(engineer, ws, { ownerId: engineer.userId, queue: "tickets", ...body });

    const handoffTo = (c: { version: number }, target: Record<string, string>) => ({
      version: c.version,
      kind: "handoff-request",
      target,
      reason: "cannot-attend-call",
      fields: filled(handoff),
    });

    it("S4.7 only the shift lead reassigns (approve with assignTo; only-assigners-pick-agents); S4.10 approver's note lands as a private note", async () => {
      const c = await mine();
      // Nobody assigns to a colleague directly: not by editing the case, not by a transfer.
      expectRefusal(
        await engineer.api.patch(`${API}/cases/${c.number}`, {
          version: c.version,
          ownerId: colleague.userId,
        }),
        403,
        "forbidden",
      );
      expectRefusal(
        await request(engineer, c.number, handoffTo(c, { agentId: colleague.userId })),
        422,
        "only-assigners-pick-agents",
        /Only the shift lead assigns/,
      );
      const created = expectOk(
        await request(engineer, c.number, handoffTo(c, { queue: "tickets" })),
        201,
      );
      expect(created.state).toBe("awaiting_approval");
      expect(created.requiredSteps).toEqual(["notes_updated", "approval"]);
      // Neither the manager nor a colleague approves: the shift lead does.
      expectRefusal(await act(manager, created, "approve"), 403, "forbidden");
      expectRefusal(await act(colleague, created, "approve"), 403, "forbidden");
      const inbox = expectOk(
        await lead.api.get<{ items: TransferView[] }>(
          `${API}/transfers?waiting=me&state=awaiting_approval`,
        ),
      );
      expect(inbox.items.map((t) => t.id)).toContain(created.id);
      expect(
        expectOk(
          await manager.api.get<{ items: TransferView[] }>(`${API}/transfers?waiting=me`),
        ).items.map((t) => t.id),
      ).not.toContain(created.id);

      const approved = expectOk(
        await act(lead, created, "approve", {
          assignTo: colleague.userId,
          note: "Approved: colleague covers the 15:00 call",
        }),
      );
      expect(approved.state).toBe("completed");
      expect(approved.decidedBy?.id).toBe(lead.userId);
      expect(approved.target.agent?.id).toBe(colleague.userId);
      const after = await getCase(engineer, c.number);
      expect(after.owner?.id).toBe(colleague.userId);
      expect(after.handoffCount).toBe(1);
      // S4.10: the shift lead's note is on the case, private.
      const note = (await timelineOf(engineer, c.number)).find(
        (i) =>
          i.kind === "note" && i.body === "Approved: Approved: colleague covers the 15:00 call",
      );
      expect(note?.visibility).toBe("private");
      expect(note?.author?.id).toBe(lead.userId);
      const audit = await transferAudit(engineer, c.number, created.id);
      expect(audit.map((e) => [e.action, e.actor?.id])).toEqual([
        ["transfer.requested", engineer.userId],
        ["transfer.approved", lead.userId],
        ["transfer.completed", lead.userId],
      ]);
      expect(audit[1]?.data).toMatchObject({ assignTo: colleague.userId });

      // The shift lead reassigns directly: their own request needs no one else.
      const direct = expectOk(
        await request(lead, c.number, handoffTo(after, { agentId: engineer.userId })),
        201,
      );
      expect(direct.state).toBe("completed");
      expect((await getCase(lead, c.number)).owner?.id).toBe(engineer.userId);
    });

    it("S4.7 the shift lead's pick must be available; reject carries the lead's note", async () => {
      const away = await buildAgent(world, ws.slug, "agent", { region: "IST" });
      await setAvailability(lead, ws, away.userId, onLeaveNow());
      const c = await mine();
      const created = expectOk(
        await request(engineer, c.number, handoffTo(c, { queue: "tickets" })),
        201,
      );
      expectRefusal(
        await act(lead, created, "approve", { assignTo: away.userId }),
        422,
        "receiver-available",
      );
      expectRefusal(
        await act(lead, created, "approve", { assignTo: engineer.userId }),
        422,
        "invalid_target",
        /already owns/,
      );
      const rejected = expectOk(
        await act(lead, created, "reject", { note: "Attend the call yourself; it is 20 minutes" }),
      );
      expect(rejected.state).toBe("rejected");
      const note = (await timelineOf(engineer, c.number)).find((i) =>
        i.body.startsWith("Transfer rejected:"),
      );
      expect(note?.visibility).toBe("private");
      expect((await getCase(engineer, c.number)).owner?.id).toBe(engineer.userId);
    });

    it("ping-pong require-approval: after two hand-offs the third waits for the shift lead", async () => {
      const c = await mine();
      const t1 = expectOk(
        await request(lead, c.number, handoffTo(c, { agentId: colleague.userId })),
        201,
      );
      expect(t1.state).toBe("completed");
      const v1 = await getCase(lead, c.number);
      const t2 = expectOk(
        await request(lead, c.number, handoffTo(v1, { agentId: engineer.userId })),
        201,
      );
      expect(t2.warnings).toEqual([]);
      const v2 = await getCase(engineer, c.number);
      expect(v2.handoffCount).toBe(2);
      const third = expectOk(
        await request(engineer, c.number, handoffTo(v2, { queue: "tickets" })),
        201,
      );
      expect(third.state).toBe("awaiting_approval");
      expect(third.warnings.find((w) => w.id === "ping-pong")?.outcome).toBe("require_approval");
      const approved = expectOk(await act(lead, third, "approve", { assignTo: colleague.userId }));
      expect(approved.state).toBe("completed");
      expect((await getCase(engineer, c.number)).handoffCount).toBe(3);
    });

    it("S4.4/S4.5 planned leave: the bin goes to the shift lead, who picks a colleague; the team is told", async () => {
      const c = await mine({ severity: "high", subject: "Invoice totals wrong after upgrade" });
      const body = {
        version: c.version,
        kind: "planned-leave",
        target: { queue: "tickets" },
        reason: "leave-week",
        fields: filled(leave, { back_on: "2026-10-05", call_diversion_set: "Yes" }),
      };
      expectRefusal(
        await request(engineer, c.number, { ...body, target: { agentId: colleague.userId } }),
        422,
        "only-assigners-pick-agents",
      );
      const created = expectOk(await request(engineer, c.number, body), 201);
      expect(created.state).toBe("awaiting_approval");
      expect(created.artifacts.channelEntry).toBe(
        `Handed off for planned leave: case ${c.number} (High) Invoice totals wrong after upgrade`,
      );
      const approved = expectOk(
        await act(lead, created, "approve", { assignTo: colleague.userId, note: "Covered" }),
      );
      expect(approved.state).toBe("awaiting_steps");
      expect(approved.nextStep).toBe("customer_notified");
      expect((await getCase(engineer, c.number)).owner?.id).toBe(engineer.userId);
      const done = expectOk(await step(engineer, approved, "customer_notified", { how: "email" }));
      expect(done.state).toBe("completed");
      const after = await getCase(engineer, c.number);
      expect(after.owner?.id).toBe(colleague.userId);
      expect((await transferAudit(engineer, c.number, created.id)).map((e) => e.action)).toEqual([
        "transfer.requested",
        "transfer.approved",
        "transfer.step_done",
        "transfer.completed",
      ]);
    });
  });
});
