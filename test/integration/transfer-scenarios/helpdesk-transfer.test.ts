import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkspace } from "../../../src/commands/workspaces/createWorkspace.ts";
import { cases } from "../../../src/db/schema.ts";
import type { CaseDetail, CaseSummary, Page } from "../../../src/http/routes/case-schemas.ts";
import { sweep } from "../../../src/jobs/sweeper.ts";
import { presets } from "../../../src/presets/index.ts";
import { byHand } from "../../support/by-hand.ts";
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
  auditOf,
  type BulkResult,
  expectOk,
  expectRefusal,
  getCase,
  getTransfer,
  HOUR,
  MINUTE,
  newCase,
  onLeaveNow,
  options,
  request,
  setAvailability,
  timelineOf,
  type Workspace,
} from "./helpers.ts";

// Seed 003, the help desk ticket transfer dialog: the people in the procedure carry a ticket
// through Baton's API exactly as the seed describes, and every shortcut the seed forbids is refused
// with the guard's id.
describe.each(databaseKinds)("transfer scenarios (%s)", (dbKind) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(dbKind);
  });
  afterAll(() => world.dispose());

  const backdate = (n: number, changes: Partial<typeof cases.$inferInsert>) =>
    world.database.db.update(cases).set(changes).where(eq(cases.number, n));

  describe("seed 003: help desk ticket transfer dialog", () => {
    let ws: Workspace;
    let l1: TestAgent;
    let l2: TestAgent;
    let l2b: TestAgent;
    let accountManager: TestAgent;

    beforeAll(async () => {
      ws = await buildWorkspace(world, "helpdesk-transfer");
      l1 = await buildAgent(world, ws.slug, "agent", { queues: ["l1-support"] });
      l2 = await buildAgent(world, ws.slug, "agent", { queues: ["l2-support"] });
      l2b = await buildAgent(world, ws.slug, "agent", { queues: ["l2-support"] });
      accountManager = await buildAgent(world, ws.slug, "project_manager");
    });

    const ticket = (body: Record<string, unknown> = {}) =>
      newCase(l1, ws, { ownerId: l1.userId, queue: "l1-support", ...body });

    it("S3.1 to another agent or group; S3.2 who may transfer is a role permission", async () => {
      const c = await ticket();
      expectRefusal(
        await request(accountManager, c.number, {
          version: c.version,
          kind: "transfer",
          target: { queue: "l2-support" },
          reason: "escalate-to-l2",
        }),
        403,
        "forbidden",
        /may not transfer cases/,
      );
      const amOptions = await options(accountManager, c.number);
      expect(
        amOptions.kinds.every((k) => k.unavailableBecause === "your role may not transfer cases"),
      ).toBe(true);
      expectRefusal(
        await request(l1, c.number, {
          version: c.version,
          kind: "escalate-to-l2",
          target: { queue: "billing" },
          reason: "needs-level-2",
        }),
        422,
        "target_not_allowed",
      );
      const escalated = expectOk(
        await request(l1, c.number, {
          version: c.version,
          kind: "escalate-to-l2",
          target: { queue: "l2-support" },
          reason: "needs-level-2",
        }),
        201,
      );
      expect(escalated.state).toBe("completed");
      const inL2 = await getCase(l1, c.number);
      expect(inL2.queue).toBe("l2-support");
      expect(inL2.owner).toBeNull();
      expect(inL2.status).toBe("active");
      // Auto-assign comes later; meanwhile the ticket waits in the group. An L2 agent takes it
      // by a transfer to a named agent (sales to support works the same way).
      const toAgent = expectOk(
        await request(l2, c.number, {
          version: inL2.version,
          kind: "transfer",
          target: { agentId: l2b.userId },
          reason: "other",
          reasonText: "Billing-side DNS expertise",
        }),
        201,
      );
      expect(toAgent.state).toBe("completed");
      const after = await getCase(l1, c.number);
      expect(after.owner?.id).toBe(l2b.userId);
      expect(after.handoffCount).toBe(2);
    });

    it("S3.3 pin, new priority, new status, comment", async () => {
      const c = await ticket();
      expectRefusal(
        await request(l1, c.number, {
          version: c.version,
          kind: "transfer",
          target: { queue: "l2-support" },
          reason: "escalate-to-l2",
          pin: true,
        }),
        422,
        "invalid_target",
        /pin/,
      );
      expectRefusal(
        await request(l1, c.number, {
          version: c.version,
          kind: "transfer",
          target: { agentId: l2.userId },
          reason: "escalate-to-l2",
          newPriority: "blocker",
        }),
        422,
        "invalid_target",
        /unknown priority/,
      );
      const pinUntil = new Date(Date.now() + 2 * 24 * HOUR).toISOString();
      const done = expectOk(
        await request(l1, c.number, {
          version: c.version,
          kind: "transfer",
          target: { agentId: l2.userId },
          reason: "escalate-to-l2",
          newPriority: "urgent",
          newStatus: "awaiting_customer",
          pin: true,
          pinUntil,
          comment: "Tried DNS flush and a new MX record",
          fields: { comment: "Customer on the enterprise plan" },
        }),
        201,
      );
      expect(done.state).toBe("completed");
      expect(done.comment).toBe("Tried DNS flush and a new MX record");
      const after = await getCase(l1, c.number);
      expect(after.owner?.id).toBe(l2.userId);
      expect(after.priority).toBe("urgent");
      expect(after.status).toBe("awaiting_customer");
      expect(after.pinned).toBe(true);
      expect(after.pinnedUntil).toBe(pinUntil);
      const note = (await timelineOf(l1, c.number)).find((i) => i.body.startsWith("HANDOVER"));
      expect(note?.body).toContain("Tried DNS flush and a new MX record");
      expect(note?.body).toContain("Customer on the enterprise plan");
      // Status usually becomes Active when none is chosen.
      const c2 = await ticket();
      await l1.api.patch(`${API}/cases/${c2.number}`, {
        version: c2.version,
        status: "awaiting_customer",
      });
      const v2 = await getCase(l1, c2.number);
      expectOk(
        await request(l1, c2.number, {
          version: v2.version,
          kind: "transfer",
          target: { queue: "sales" },
          reason: "wrong-department",
        }),
        201,
      );
      const after2 = await getCase(l1, c2.number);
      expect(after2.status).toBe("active");
      expect(after2.pinned).toBe(false);
      expect(after2.priority).toBe("normal");
    });

    it("S3.3 instance: cross-workspace helpdesk-transfer to another helpdesk-transfer workspace", async () => {
      const other = await buildWorkspace(world, "helpdesk-transfer");
      const there = await buildAgent(world, other.slug, "agent", { queues: ["l2-support"] });
      const closed = await buildWorkspace(world, "regional-cse");
      const customer = expectOk(
        await l1.api.post<{ id: string; contacts: { id: string }[] }>(
          `${API}/workspaces/${ws.slug}/customers`,
          {
            name: "Harbour Shop",
            timeZone: "Europe/Lisbon",
            language: "pt",
            contacts: [{ name: "Rita", email: "rita@harbour.example" }],
          },
        ),
        201,
      );
      const c = await ticket({
        customerId: customer.id,
        contactId: customer.contacts[0]?.id,
        product: "storefront",
        brand: "store",
      });
      expectRefusal(
        await request(l1, c.number, {
          version: c.version,
          kind: "transfer",
          target: { workspace: closed.slug },
          reason: "wrong-department",
        }),
        422,
        "cross_workspace_not_allowed",
      );
      expectRefusal(
        await request(l1, c.number, {
          version: c.version,
          kind: "transfer",
          target: { workspace: ws.slug },
          reason: "wrong-department",
        }),
        422,
        "unknown_reference",
      );
      // S3.2 with S3.3: escalate-to-l2 cannot leave the installation.
      expectRefusal(
        await request(l1, c.number, {
          version: c.version,
          kind: "escalate-to-l2",
          target: { workspace: other.slug },
          reason: "needs-level-2",
        }),
        422,
        "target_not_allowed",
      );
      const moved = expectOk(
        await request(l1, c.number, {
          version: c.version,
          kind: "transfer",
          target: { workspace: other.slug, queue: "l2-support" },
          reason: "wrong-department",
          newPriority: "high",
          comment: "Their store team owns this",
        }),
        201,
      );
      expect(moved.state).toBe("completed");
      // The case now lives in the other installation, with its customer copied there.
      expectRefusal(await l1.api.get(`${API}/cases/${c.number}`), 404, "not_found");
      const arrived = await getCase(there, c.number);
      expect(arrived.workspace).toBe(other.slug);
      expect(arrived.queue).toBe("l2-support");
      expect(arrived.owner).toBeNull();
      expect(arrived.priority).toBe("high");
      expect(arrived.brand).toBe("store");
      expect(arrived.product).toBe("storefront");
      expect(arrived.customer?.name).toBe("Harbour Shop");
      expect(arrived.customer?.id).not.toBe(customer.id);
      expect(arrived.contact?.name).toBe("Rita");
      expect(arrived.handoffCount).toBe(1);
      // The sender still sees the transfer they made.
      expect((await getTransfer(l1, moved.id)).state).toBe("completed");
    });

    it("S3.4 bulk from a queue view, each case on its own", async () => {
      const a = await ticket();
      const b = await ticket();
      const stale = await ticket();
      const elsewhere = await ticket({ queue: "sales" });
      const shut = await ticket();
      expectOk(
        await l1.api.patch(`${API}/cases/${stale.number}`, {
          version: stale.version,
          severity: "high",
        }),
      );
      expectOk(
        await l1.api.patch(`${API}/cases/${shut.number}`, {
          version: shut.version,
          status: "closed",
        }),
      );
      const view = expectOk(
        await l1.api.get<Page<CaseSummary>>(
          `${API}/cases?workspace=${ws.slug}&queue=l1-support&limit=200`,
        ),
      );
      const listed = new Map(view.items.map((i) => [i.number, i.version]));
      for (const n of [a.number, b.number, shut.number]) expect(listed.has(n)).toBe(true);
      const result = expectOk(
        await l1.api.post<BulkResult>(`${API}/transfers/bulk`, {
          cases: [
            { number: a.number, version: listed.get(a.number) },
            { number: stale.number, version: stale.version },
            { number: elsewhere.number, version: elsewhere.version },
            { number: shut.number, version: listed.get(shut.number) },
            { number: 9_999_999_999, version: 1 },
            { number: b.number, version: listed.get(b.number) },
          ],
          kind: "escalate-to-l2",
          target: { queue: "l2-support" },
          reason: "needs-level-2",
          comment: "Outage follow-ups, escalated together",
        }),
      );
      expect(result.succeeded).toBe(2);
      expect(result.failed).toBe(4);
      expect(result.results.map((r) => [r.number, r.ok, r.state, r.error?.code ?? null])).toEqual([
        [a.number, true, "completed", null],
        [stale.number, false, null, "version_conflict"],
        [elsewhere.number, false, null, "kind_not_applicable"],
        [shut.number, false, null, "case_closed"],
        [9_999_999_999, false, null, "not_found"],
        [b.number, true, "completed", null],
      ]);
      for (const r of result.results) if (!r.ok) expect(r.error?.detail.length).toBeGreaterThan(0);
      expect((await getCase(l1, a.number)).queue).toBe("l2-support");
      expect((await getCase(l1, b.number)).queue).toBe("l2-support");
      expect((await getCase(l1, stale.number)).queue).toBe("l1-support");
      expect((await getCase(l1, elsewhere.number)).queue).toBe("sales");
      expect((await getCase(l1, shut.number)).handoffCount).toBe(0);
    });

    it("S3.5 response clock reset, idle clock not", async () => {
      const c = await ticket({ severity: "urgent" });
      const idleSince = new Date(Date.now() - 3 * HOUR);
      const oldDue = new Date(Date.now() - 2 * HOUR);
      await backdate(c.number, { idleSince, firstResponseDueAt: oldDue });
      const before = await getCase(l1, c.number);
      expect(before.sla.firstResponseDueAt).toBe(oldDue.toISOString());
      const t0 = Date.now();
      expectOk(
        await request(l1, c.number, {
          version: before.version,
          kind: "transfer",
          target: { agentId: l2.userId },
          reason: "escalate-to-l2",
        }),
        201,
      );
      const t1 = Date.now();
      const after = await getCase(l1, c.number);
      // The receiver's response clock starts at the transfer (urgent: 60 minutes)...
      const due = Date.parse(after.sla.firstResponseDueAt ?? "");
      expect(due).toBeGreaterThanOrEqual(t0 + 60 * MINUTE);
      expect(due).toBeLessThanOrEqual(t1 + 60 * MINUTE);
      // ...while the idle clock keeps running from before.
      expect(after.sla.idleSince).toBe(idleSince.toISOString());
    });

    it("pin released when the pinned agent goes on leave, and when the pin expires", async () => {
      const c = await ticket();
      expectOk(
        await request(l1, c.number, {
          version: c.version,
          kind: "transfer",
          target: { agentId: l2b.userId },
          reason: "escalate-to-l2",
          pin: true,
        }),
        201,
      );
      expect((await getCase(l1, c.number)).pinned).toBe(true);
      await setAvailability(l2b, ws, l2b.userId, onLeaveNow());
      const released = await getCase(l1, c.number);
      expect(released.pinned).toBe(false);
      expect(released.owner?.id).toBe(l2b.userId);
      const unpinned = (await auditOf(l1, c.number)).at(-1);
      expect(unpinned?.action).toBe("case.updated");
      expect(unpinned?.data.why).toBe("the pinned agent went on leave");
      // While away they receive nothing (receiver-available).
      const c2 = await ticket();
      expectRefusal(
        await request(l1, c2.number, {
          version: c2.version,
          kind: "transfer",
          target: { agentId: l2b.userId },
          reason: "escalate-to-l2",
        }),
        422,
        "receiver-available",
      );
      await setAvailability(l2b, ws, l2b.userId, { status: "available" });

      const pinUntil = new Date(Date.now() + HOUR);
      expectOk(
        await request(l1, c2.number, {
          version: c2.version,
          kind: "transfer",
          target: { agentId: l2.userId },
          reason: "escalate-to-l2",
          pin: true,
          pinUntil: pinUntil.toISOString(),
        }),
        201,
      );
      await sweep(world.database.db, new Date(pinUntil.getTime() - MINUTE));
      expect((await getCase(l1, c2.number)).pinned).toBe(true);
      await sweep(world.database.db, new Date(pinUntil.getTime() + MINUTE));
      const expired = await getCase(l1, c2.number);
      expect(expired.pinned).toBe(false);
      expect(expired.owner?.id).toBe(l2.userId);
    });

    it("leave booked ahead keeps the pin until the leave begins", async () => {
      const away = await buildAgent(world, ws.slug, "agent", { queues: ["l2-support"] });
      const c = await ticket();
      expectOk(
        await request(l1, c.number, {
          version: c.version,
          kind: "transfer",
          target: { agentId: away.userId },
          reason: "escalate-to-l2",
          pin: true,
        }),
        201,
      );
      const leaveFrom = Date.now() + 3 * 24 * HOUR;
      await setAvailability(away, ws, away.userId, {
        status: "on_leave",
        leaveFrom: new Date(leaveFrom).toISOString(),
        leaveUntil: new Date(leaveFrom + 7 * 24 * HOUR).toISOString(),
      });
      expect((await getCase(l1, c.number)).pinned).toBe(true);
      await sweep(world.database.db, new Date(leaveFrom - MINUTE));
      expect((await getCase(l1, c.number)).pinned).toBe(true);
      await sweep(world.database.db, new Date(leaveFrom + MINUTE));
      const released = await getCase(l1, c.number);
      expect(released.pinned).toBe(false);
      expect(released.owner?.id).toBe(away.userId);
      expect((await auditOf(l1, c.number)).at(-1)?.data.why).toBe("the pinned agent's leave began");
    });

    it("receiver-available refuses an agent on leave and names their backup", async () => {
      const away = await buildAgent(world, ws.slug, "agent", { queues: ["l2-support"] });
      const backup = await buildAgent(world, ws.slug, "agent", {
        name: "Bea Backup",
        queues: ["l2-support"],
      });
      await setAvailability(away, ws, away.userId, {
        ...onLeaveNow(),
        backupUserId: backup.userId,
      });
      const c = await ticket();
      expectRefusal(
        await request(l1, c.number, {
          version: c.version,
          kind: "escalate-to-l2",
          target: { agentId: away.userId },
          reason: "needs-level-2",
        }),
        422,
        "receiver-available",
        /^The receiver is on leave; Bea Backup backs them up: hand it to them instead\.$/,
      );
      expect((await getCase(l1, c.number)).owner?.id).toBe(l1.userId);
    });

    it("receiver-available refuses an agent off queue", async () => {
      const off = await buildAgent(world, ws.slug, "agent", { queues: ["l2-support"] });
      await setAvailability(off, ws, off.userId, { status: "off_queue" });
      const c = await ticket();
      expectRefusal(
        await request(l1, c.number, {
          version: c.version,
          kind: "escalate-to-l2",
          target: { agentId: off.userId },
          reason: "needs-level-2",
        }),
        422,
        "receiver-available",
        /off queue/,
      );
      expect((await getCase(l1, c.number)).owner?.id).toBe(l1.userId);
    });

    it("ping-pong require-approval: a case that keeps changing hands waits for a lead", async () => {
      // The help desk policy with a ping-pong limit that needs a team lead's approval.
      const policy = structuredClone(presets["helpdesk-transfer"]);
      const transferKind = (policy.transferKinds ?? []).find((k) => k.code === "transfer");
      if (!transferKind) throw new Error("transfer kind missing");
      transferKind.pingPong = { maxHandoffs: 2, periodHours: 24, action: "require_approval" };
      // Without approver roles such a transfer would wait for an approval nobody may give.
      await expect(
        createWorkspace(
          world.database.db,
          { slug: `hd-noapprover-${randomBytes(4).toString("hex")}`, name: "x", policy },
          null,
        ),
      ).rejects.toMatchObject({
        code: "invalid_policy",
        issues: [expect.objectContaining({ field: expect.stringMatching(/approverRoles$/) })],
      });
      transferKind.approverRoles = ["shift_lead"];
      const slug = `hd-pingpong-${randomBytes(4).toString("hex")}`;
      const made = await createWorkspace(
        world.database.db,
        { slug, name: "Ping-pong desk", policy },
        null,
      );
      const wsp: Workspace = { id: made.id, slug, policy: made.policy };
      const a = await buildAgent(world, slug, "agent");
      const b = await buildAgent(world, slug, "agent");
      const lead = await buildAgent(world, slug, "shift_lead");
      const c = await newCase(a, wsp, { ownerId: a.userId });
      const pass = async (from: TestAgent, to: TestAgent) => {
        const now = await getCase(from, c.number);
        return expectOk(
          await request(from, c.number, {
            version: now.version,
            kind: "transfer",
            target: { agentId: to.userId },
            reason: "escalate-to-l2",
          }),
          201,
        );
      };
      expect((await pass(a, b)).state).toBe("completed");
      expect((await pass(b, a)).state).toBe("completed");
      const third = await pass(a, b);
      expect(third.state).toBe("awaiting_approval");
      expect(third.requiredSteps).toEqual(["approval"]);
      expect(third.warnings.find((w) => w.id === "ping-pong")).toMatchObject({
        outcome: "require_approval",
        message: expect.stringMatching(/changed hands 2 times.*must approve/),
      });
      expect((await getCase(a, c.number)).owner?.id).toBe(a.userId);
      expectRefusal(await act(b, third, "approve"), 403, "forbidden");
      const approved = expectOk(
        await act(lead, third, "approve", { note: "Last move; b keeps it" }),
      );
      expect(approved.state).toBe("completed");
      const after = await getCase(a, c.number);
      expect(after.owner?.id).toBe(b.userId);
      expect(after.handoffCount).toBe(3);

      // Four eyes: a lead who asks for the next move does not approve it themselves.
      const lead2 = await buildAgent(world, slug, "shift_lead");
      const byLead = expectOk(
        await request(lead, c.number, {
          version: after.version,
          kind: "transfer",
          target: { agentId: a.userId },
          reason: "escalate-to-l2",
        }),
        201,
      );
      expect(byLead.state).toBe("awaiting_approval");
      expect(byLead.steps.map((s) => s.step)).not.toContain("approval");
      expect(byLead.actions).not.toContain("approve");
      expectRefusal(await act(lead, byLead, "approve"), 403, "forbidden");
      expectRefusal(await act(lead, byLead, "reject"), 403, "forbidden");
      expect(expectOk(await act(lead2, byLead, "approve")).state).toBe("completed");
    });

    it("S3.2 managers exclude a group from transferring, whatever its members' roles allow", async () => {
      const policy = structuredClone(presets["helpdesk-transfer"]);
      policy.transferExcludedGroups = ["nowhere"];
      await expect(
        createWorkspace(
          world.database.db,
          { slug: `hd-badgroup-${randomBytes(4).toString("hex")}`, name: "x", policy },
          null,
        ),
      ).rejects.toMatchObject({
        code: "invalid_policy",
        issues: [expect.objectContaining({ field: "policy.transferExcludedGroups.0" })],
      });
      policy.transferExcludedGroups = ["sales"];
      const slug = `hd-groups-${randomBytes(4).toString("hex")}`;
      const made = await createWorkspace(world.database.db, { slug, name: "Groups", policy }, null);
      const wsp: Workspace = { id: made.id, slug, policy: made.policy };
      const seller = await buildAgent(world, slug, "agent", { queues: ["sales"] });
      const support = await buildAgent(world, slug, "agent", { queues: ["l1-support"] });
      const c = await newCase(seller, wsp, { ownerId: seller.userId, queue: "sales" });
      expectRefusal(
        await request(seller, c.number, {
          version: c.version,
          kind: "transfer",
          target: { queue: "l1-support" },
          reason: "escalate-to-l2",
        }),
        403,
        "forbidden",
        /group sales may not transfer cases/,
      );
      const shown = await options(seller, c.number);
      expect(shown.kinds.every((k) => !k.available)).toBe(true);
      expect(shown.kinds[0]?.unavailableBecause).toBe("your group sales may not transfer cases");
      expect((await getCase(seller, c.number)).allowed).not.toContain("case.transfer");
      expect((await getCase(support, c.number)).allowed).toContain("case.transfer");
      expect((await options(support, c.number)).kinds.some((k) => k.available)).toBe(true);
    });

    it("ping-pong counts a receiver's timeout that sent the case back to the queue", async () => {
      // Queues assigned by hand: the sweep that expires the offer would otherwise route the case.
      const policy = byHand(presets["helpdesk-transfer"]);
      const kind = (policy.transferKinds ?? []).find((k) => k.code === "transfer");
      if (!kind) throw new Error("transfer kind missing");
      kind.pingPong = { maxHandoffs: 1, periodHours: 24, action: "warn" };
      kind.steps = ["receiver_acceptance"];
      kind.acceptance = { timeoutMinutes: 30, onTimeout: "back_to_queue" };
      const slug = `hd-timeout-${randomBytes(4).toString("hex")}`;
      const made = await createWorkspace(
        world.database.db,
        { slug, name: "Timeouts", policy },
        null,
      );
      const wsp: Workspace = { id: made.id, slug, policy: made.policy };
      const a = await buildAgent(world, slug, "agent", { queues: ["l1-support", "l2-support"] });
      const b = await buildAgent(world, slug, "agent", { queues: ["l1-support", "l2-support"] });
      const c = await newCase(a, wsp, { ownerId: a.userId, queue: "l1-support" });
      const sent = expectOk(
        await request(a, c.number, {
          version: c.version,
          kind: "transfer",
          target: { agentId: b.userId },
          reason: "escalate-to-l2",
        }),
        201,
      );
      expect(sent.state).toBe("awaiting_acceptance");
      expect(sent.warnings.map((w) => w.id)).not.toContain("ping-pong");
      await sweep(world.database.db, new Date(Date.parse(sent.expiresAt ?? "") + MINUTE));
      const back = await getCase(a, c.number);
      expect(back.owner).toBeNull();
      const taken = expectOk(
        await a.api.patch<CaseDetail>(`${API}/cases/${c.number}`, {
          version: back.version,
          ownerId: a.userId,
        }),
      );
      const again = expectOk(
        await request(a, c.number, {
          version: taken.version,
          kind: "transfer",
          target: { agentId: b.userId },
          reason: "escalate-to-l2",
        }),
        201,
      );
      expect(again.warnings.map((w) => w.id)).toContain("ping-pong");
    });
  });
});
