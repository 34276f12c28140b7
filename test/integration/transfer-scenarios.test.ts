import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TransferView } from "../../src/commands/transfers/read.ts";
import type { TransferPreview } from "../../src/commands/transfers/request.ts";
import { createWorkspace } from "../../src/commands/workspaces.ts";
import { cases } from "../../src/db/schema.ts";
import type { Policy } from "../../src/domain/policy/schema.ts";
import type {
  AuditItem,
  CaseDetail,
  CaseSummary,
  Page,
  TimelineItem,
} from "../../src/http/routes/case-schemas.ts";
import { sweep } from "../../src/jobs/sweeper.ts";
import { presets } from "../../src/presets/index.ts";
import { databaseKinds } from "../support/db.ts";
import {
  buildAgent,
  buildWorkspace,
  type Problem,
  type Reply,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// One scenario per seed: the people in each procedure carry a case through Baton's API exactly
// as the seed describes, and every shortcut the seed forbids is refused with the guard's id.

type Kind = Policy["transferKinds"][number];
type Workspace = Awaited<ReturnType<typeof buildWorkspace>>;

interface Options {
  caseNumber: number;
  version: number;
  handoffCount: number;
  openTransferId: string | null;
  kinds: {
    code: string;
    available: boolean;
    unavailableBecause: string | null;
    asks24x7Confirmation: boolean;
    template: { key: string; value: string }[];
    blockers: { targetType: string; guards: { id: string; outcome: string }[] }[];
  }[];
}

interface AgentView {
  id: string;
  version: number;
  availability: { status: string };
}

interface BulkResult {
  succeeded: number;
  failed: number;
  results: {
    number: number;
    ok: boolean;
    state: string | null;
    error: { code: string; detail: string } | null;
  }[];
}

const API = "/api/v1";
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const kindOf = (policy: Policy, code: string): Kind => {
  const kind = policy.transferKinds.find((k) => k.code === code);
  if (!kind) throw new Error(`no kind ${code}`);
  return kind;
};

/** Every template field filled the way a careful engineer would. */
function filled(kind: Kind, overrides: Record<string, string> = {}): Record<string, string> {
  const values: Record<string, string> = {};
  for (const f of kind.template) {
    values[f.key] =
      f.kind === "yesno"
        ? "Yes"
        : f.kind === "choice"
          ? (f.choices?.[0] ?? "")
          : `${f.label} — written for the next engineer`;
  }
  return { ...values, ...overrides };
}

/** A refusal is problem+json whose code names the rule (a guard's id where a guard refused). */
function expectRefusal(reply: Reply<unknown>, status: number, code: string, detail?: RegExp) {
  const body = reply.body as Partial<Problem> | undefined;
  expect({ status: reply.status, code: body?.code }).toEqual({ status, code });
  if (detail) expect(body?.detail).toMatch(detail);
}

function expectOk<T>(reply: Reply<T>, status = 200): T {
  if (reply.status !== status)
    throw new Error(`expected ${status}, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body;
}

async function newCase(agent: TestAgent, ws: Workspace, body: Record<string, unknown> = {}) {
  return expectOk(
    await agent.api.post<CaseDetail>(`${API}/cases`, {
      workspace: ws.slug,
      subject: `Case ${randomBytes(3).toString("hex")}`,
      ...body,
    }),
    201,
  );
}

const getCase = async (agent: TestAgent, n: number) =>
  expectOk(await agent.api.get<CaseDetail>(`${API}/cases/${n}`));

const getTransfer = async (agent: TestAgent, id: string) =>
  expectOk(await agent.api.get<TransferView>(`${API}/transfers/${id}`));

const request = (agent: TestAgent, n: number, body: Record<string, unknown>) =>
  agent.api.post<TransferView>(`${API}/cases/${n}/transfers`, body);

const preview = (agent: TestAgent, n: number, body: Record<string, unknown>) =>
  agent.api.post<TransferPreview>(`${API}/cases/${n}/transfers?preview=true`, body);

const act = (
  agent: TestAgent,
  t: { id: string; version: number },
  action: "approve" | "reject" | "accept" | "decline" | "withdraw",
  extra: Record<string, unknown> = {},
) =>
  agent.api.post<TransferView>(`${API}/transfers/${t.id}/${action}`, {
    version: t.version,
    ...extra,
  });

const step = (
  agent: TestAgent,
  t: { id: string; version: number },
  name: "notes_updated" | "customer_notified",
  extra: Record<string, unknown> = {},
) =>
  agent.api.post<TransferView>(`${API}/transfers/${t.id}/steps/${name}`, {
    version: t.version,
    ...extra,
  });

async function auditOf(agent: TestAgent, n: number): Promise<AuditItem[]> {
  return expectOk(await agent.api.get<Page<AuditItem>>(`${API}/cases/${n}/audit?limit=500`)).items;
}

const transferAudit = async (agent: TestAgent, n: number, transferId?: string) =>
  (await auditOf(agent, n)).filter(
    (e) =>
      e.action.startsWith("transfer.") && (transferId === undefined || e.subjectId === transferId),
  );

async function timelineOf(agent: TestAgent, n: number): Promise<TimelineItem[]> {
  return expectOk(await agent.api.get<Page<TimelineItem>>(`${API}/cases/${n}/timeline?limit=500`))
    .items;
}

const options = async (agent: TestAgent, n: number) =>
  expectOk(await agent.api.get<Options>(`${API}/cases/${n}/transfer-options`));

async function setAvailability(
  by: TestAgent,
  ws: Workspace,
  userId: string,
  body: { status: "available" | "off_queue" | "on_leave"; leaveFrom?: string; leaveUntil?: string },
) {
  const list = expectOk(
    await by.api.get<{ items: AgentView[] }>(`${API}/workspaces/${ws.slug}/agents`),
  );
  const agent = list.items.find((a) => a.id === userId);
  if (!agent) throw new Error("agent not listed");
  return expectOk(
    await by.api.put<AgentView>(`${API}/workspaces/${ws.slug}/agents/${userId}/availability`, {
      version: agent.version,
      ...body,
    }),
  );
}

const onLeaveNow = () => ({
  status: "on_leave" as const,
  leaveFrom: new Date(Date.now() - HOUR).toISOString(),
  leaveUntil: new Date(Date.now() + 7 * 24 * HOUR).toISOString(),
});

describe.each(databaseKinds)("transfer scenarios (%s)", (dbKind) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(dbKind);
  });
  afterAll(() => world.dispose());

  const backdate = (n: number, changes: Partial<typeof cases.$inferInsert>) =>
    world.database.db.update(cases).set(changes).where(eq(cases.number, n));

  // ---------------------------------------------------------------------------------------
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
      expect(accepted.state).toBe("draft");
      expect(accepted.nextStep).toBe("customer_notified");
      expect(accepted.actions).toContain("step:customer_notified");

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
      expect(agreed.state).toBe("draft");
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

  // ---------------------------------------------------------------------------------------
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
      ws = await buildWorkspace(world, "follow-the-sun");
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

  // ---------------------------------------------------------------------------------------
  describe("direct edits are no back door", () => {
    it("S1.2 follow-the-sun: an engineer cannot hand a case to a colleague by editing it", async () => {
      const ws = await buildWorkspace(world, "follow-the-sun");
      const owner = await buildAgent(world, ws.slug, "agent", { region: "APAC" });
      const colleague = await buildAgent(world, ws.slug, "agent", { region: "APAC" });
      const c = await newCase(owner, ws, { ownerId: owner.userId, queue: "in-depth" });
      expectRefusal(
        await owner.api.patch(`${API}/cases/${c.number}`, {
          version: c.version,
          ownerId: colleague.userId,
        }),
        422,
        "transfer_required",
        /only technical advisor or support manager or dispatcher or administrator may reassign directly/,
      );
      expectRefusal(
        await owner.api.patch(`${API}/cases/${c.number}`, { version: c.version, queue: "arr" }),
        422,
        "transfer_required",
      );
      expect((await getCase(owner, c.number)).version).toBe(c.version);
    });

    it("S2.5 ps-escalation: nobody sets the development queue by editing, not even triage", async () => {
      const ws = await buildWorkspace(world, "ps-escalation");
      const triage = await buildAgent(world, ws.slug, "triage", { queues: ["triage"] });
      const admin = await buildAgent(world, ws.slug, "admin");
      const c = await newCase(triage, ws, { queue: "triage", ownerId: triage.userId });
      for (const who of [triage, admin]) {
        const reply = await who.api.patch(`${API}/cases/${c.number}`, {
          version: c.version,
          queue: "development",
        });
        expectRefusal(reply, 422, "transfer_required", /only through triage/);
        expect((reply.body as Problem).errors?.[0]?.field).toBe("queue");
      }
      expect((await getCase(triage, c.number)).queue).toBe("triage");
    });
  });

  describe("seed 002: professional services to development, through triage", () => {
    let ws: Workspace;
    let consultant: TestAgent;
    let triage: TestAgent;
    let toTriage: Kind;
    let toDev: Kind;

    beforeAll(async () => {
      ws = await buildWorkspace(world, "ps-escalation");
      consultant = await buildAgent(world, ws.slug, "agent");
      triage = await buildAgent(world, ws.slug, "triage", { queues: ["triage"] });
      toTriage = kindOf(ws.policy, "to-triage");
      toDev = kindOf(ws.policy, "triage-to-development");
    });

    it("S2.5 development only via triage, triage-ready (development-only-via-triage, triage-ready)", async () => {
      // S2.2: the consultant opens the case in Support L1 as its secondary owner.
      const c = await newCase(consultant, ws, {
        queue: "support-l1",
        secondaryOwnerId: consultant.userId,
        impact: "Project go-live blocked",
        priority: "high",
        description: "Export to CSV drops the last row.",
      });
      // No bypass: straight to development is refused, whatever the reason.
      expectRefusal(
        await request(consultant, c.number, {
          version: c.version,
          kind: "to-queue",
          target: { queue: "development" },
          reason: "wrong-queue",
        }),
        422,
        "development-only-via-triage",
        /only through triage/,
      );
      expectRefusal(
        await request(consultant, c.number, {
          version: c.version,
          kind: "triage-to-development",
          target: { queue: "development" },
          reason: "confirmed-defect",
          fields: filled(toDev),
        }),
        422,
        "kind_not_applicable",
      );
      // Triage needs the Steps to Reproduce and the product on the case first.
      const readyFields = filled(toTriage);
      for (const kindCode of ["to-triage", "to-queue"])
        expectRefusal(
          await request(consultant, c.number, {
            version: c.version,
            kind: kindCode,
            target: { queue: "triage" },
            reason: kindCode === "to-triage" ? "product-defect" : "wrong-queue",
            ...(kindCode === "to-triage" ? { fields: readyFields } : {}),
          }),
          422,
          "triage-ready",
          // Steps given in the transfer fill the case's (issue 11); free text is no product.
          kindCode === "to-triage"
            ? /fill in the product from/
            : /the product and the steps to reproduce/,
        );
      const ready = expectOk(
        await consultant.api.patch<CaseDetail>(`${API}/cases/${c.number}`, {
          version: c.version,
          product: "reporting",
          stepsToReproduce: "1. Open a report\n2. Export to CSV\n3. Count the rows",
        }),
      );
      const shown = expectOk(
        await preview(consultant, c.number, {
          version: ready.version,
          kind: "to-triage",
          target: { queue: "triage" },
          reason: "product-defect",
        }),
      );
      expect(shown.fields.steps_to_reproduce).toContain("Export to CSV");
      expect(shown.fields.product).toBe("reporting");
      expect(shown.missingFields.map((m) => m.field).sort()).toEqual([
        "fields.actual_result",
        "fields.expected_result",
      ]);
      const inTriage = expectOk(
        await request(consultant, c.number, {
          version: ready.version,
          kind: "to-triage",
          target: { queue: "triage" },
          reason: "product-defect",
          fields: { expected_result: "All rows", actual_result: "Last row missing" },
        }),
        201,
      );
      expect(inTriage.state).toBe("completed");
      const atTriage = await getCase(triage, c.number);
      expect(atTriage.queue).toBe("triage");
      expect(atTriage.owner).toBeNull();

      // Even from triage, the generic kind is no shortcut: only triage's own hand-off.
      expectRefusal(
        await request(triage, c.number, {
          version: atTriage.version,
          kind: "to-queue",
          target: { queue: "development" },
          reason: "wrong-queue",
        }),
        422,
        "development-only-via-triage",
      );
      // Triage readies it, approves its own hand-off, tells the customer, then it moves.
      const handoff = expectOk(
        await request(triage, c.number, {
          version: atTriage.version,
          kind: "triage-to-development",
          target: { queue: "development" },
          reason: "confirmed-defect",
          fields: filled(toDev, { triage_findings: "Reproduced on 7.2; off-by-one in the pager" }),
        }),
        201,
      );
      expect(handoff.requiredSteps).toEqual(["notes_updated", "approval", "customer_notified"]);
      expect(handoff.state).toBe("draft");
      expect(handoff.nextStep).toBe("customer_notified");
      expect((await getCase(triage, c.number)).queue).toBe("triage");
      const done = expectOk(await step(triage, handoff, "customer_notified", { how: "email" }));
      expect(done.state).toBe("completed");
      const atDev = await getCase(consultant, c.number);
      expect(atDev.queue).toBe("development");
      expect(atDev.handoffCount).toBe(2);
      expect((await transferAudit(consultant, c.number)).map((e) => e.action)).toEqual([
        "transfer.requested",
        "transfer.completed",
        "transfer.requested",
        "transfer.step_done",
        "transfer.completed",
      ]);
    });

    it("S2.5 a consultant's request to development waits for triage's approval", async () => {
      const c = await newCase(consultant, ws, {
        queue: "triage",
        secondaryOwnerId: consultant.userId,
        product: "core",
        stepsToReproduce: "1. Log in\n2. Open the dashboard",
      });
      const created = expectOk(
        await request(consultant, c.number, {
          version: c.version,
          kind: "triage-to-development",
          target: { queue: "development" },
          reason: "needs-investigation",
          fields: filled(toDev),
        }),
        201,
      );
      expect(created.state).toBe("awaiting_approval");
      expectRefusal(await act(consultant, created, "approve"), 403, "forbidden");
      const approved = expectOk(await act(triage, created, "approve", { note: "Confirmed" }));
      expect(approved.state).toBe("draft");
      expectOk(await step(consultant, approved, "customer_notified", { how: "email" }));
      expect((await getCase(consultant, c.number)).queue).toBe("development");
    });
  });

  // ---------------------------------------------------------------------------------------
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
      const policy = structuredClone(presets["helpdesk-transfer"]);
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

  // ---------------------------------------------------------------------------------------
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
      expect(approved.state).toBe("draft");
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
