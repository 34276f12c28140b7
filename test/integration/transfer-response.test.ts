import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkspace } from "../../src/commands/workspaces/createWorkspace.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import type { TransferView } from "../../src/presenters/transfer-view.ts";
import { presets } from "../../src/presets/index.ts";
import { databaseKinds } from "../support/db.ts";
import {
  buildAgent,
  buildWorkspace,
  type Reply,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

const API = "/api/v1";

function expectOk<T>(reply: Reply<T>, status = 200): T {
  if (reply.status !== status)
    throw new Error(`expected ${status}, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body;
}

// The 201 of a transfer request is built from what the request read and wrote, not read back
// after the commit (docs/performance.md); it must be exactly what reading it back shows.
describe.each(databaseKinds)("the 201 of a transfer request (%s)", (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world.dispose());

  const newCase = async (agent: TestAgent, workspace: string, body: Record<string, unknown>) =>
    expectOk(
      await agent.api.post<CaseDetail>(`${API}/cases`, {
        workspace,
        subject: `Case ${randomBytes(3).toString("hex")}`,
        ...body,
      }),
      201,
    );

  async function requestAndReadBack(agent: TestAgent, n: number, body: Record<string, unknown>) {
    const created = await agent.api.post<TransferView>(`${API}/cases/${n}/transfers`, body);
    const view = expectOk(created, 201);
    expect(created.headers.location).toBe(`${API}/transfers/${view.id}`);
    expect(view).toEqual(
      expectOk(await agent.api.get<TransferView>(`${API}/transfers/${view.id}`)),
    );
    return view;
  }

  it("matches for completed transfers to a queue, to an agent and to another workspace", async () => {
    const ws = await buildWorkspace(world, "helpdesk-transfer");
    const l1 = await buildAgent(world, ws.slug, "agent", { name: "Lena One" });
    const l2 = await buildAgent(world, ws.slug, "agent", { name: "Lars Two" });
    const toQueue = await newCase(l1, ws.slug, { ownerId: l1.userId, queue: "l1-support" });
    const queued = await requestAndReadBack(l1, toQueue.number, {
      version: toQueue.version,
      kind: "transfer",
      target: { queue: "l2-support" },
      reason: "escalate-to-l2",
      comment: "Needs a level 2 look",
    });
    expect(queued.state).toBe("completed");
    expect(queued.from.owner).toEqual({ id: l1.userId, name: "Lena One" });

    const toAgent = await newCase(l1, ws.slug, { ownerId: l1.userId, severity: "high" });
    const assigned = await requestAndReadBack(l1, toAgent.number, {
      version: toAgent.version,
      kind: "transfer",
      target: { agentId: l2.userId },
      reason: "escalate-to-l2",
      pin: true,
    });
    expect(assigned.target.agent).toEqual({ id: l2.userId, name: "Lars Two" });

    // The receiving workspace knows no "high" severity, so the case arrives as its default.
    const policy = structuredClone(presets["helpdesk-transfer"]);
    policy.severities = policy.severities?.filter((s) => s.code !== "high");
    const other = await createWorkspace(
      world.database.db,
      { slug: `helpdesk-other-${randomBytes(3).toString("hex")}`, name: "Other", policy },
      null,
    );
    const toWorkspace = await newCase(l1, ws.slug, { severity: "high" });
    const moved = await requestAndReadBack(l1, toWorkspace.number, {
      version: toWorkspace.version,
      kind: "transfer",
      target: { workspace: other.slug, queue: "l2-support" },
      reason: "wrong-department",
    });
    expect(moved.caseSeverity).toBe("normal");
    // Whoever the level-1 queue's round robin gave it to, if anyone was on shift.
    expect(moved.from.owner).toEqual(toWorkspace.owner);
  });

  it("matches for a transfer left waiting on its next step", async () => {
    const ws = await buildWorkspace(world, "regional-cse");
    const owner = await buildAgent(world, ws.slug, "agent", { region: "EMEA" });
    const receiver = await buildAgent(world, ws.slug, "agent", { region: "EMEA" });
    const c = await newCase(owner, ws.slug, { ownerId: owner.userId });
    const kindDef = ws.policy.transferKinds.find((k) => k.code === "within-region")!;
    const waiting = await requestAndReadBack(owner, c.number, {
      version: c.version,
      kind: "within-region",
      target: { agentId: receiver.userId },
      reason: kindDef.reasons[2]!.code,
      fields: Object.fromEntries(kindDef.template.map((f) => [f.key, `${f.label} text`])),
    });
    expect(waiting.state).toBe("awaiting_approval");
    expect(waiting.actions).toContain("withdraw");
  });
});
