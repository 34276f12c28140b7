import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { getTransfer } from "../../src/commands/transfers/getTransfer.ts";
import { getTransferOptions } from "../../src/commands/transfers/getTransferOptions.ts";
import { listTransfers } from "../../src/commands/transfers/listTransfers.ts";
import { previewTransfer } from "../../src/commands/transfers/previewTransfer.ts";
import { requestBulkTransfer } from "../../src/commands/transfers/requestBulkTransfer.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import {
  bulkTransferResult,
  transferList,
  getTransferOptions as transferOptionsSchema,
  transferPreview,
  transferView,
} from "../../src/http/routes/transfer-schemas.ts";
import { databaseKinds } from "../support/db.ts";
import { actorOf as actorOfUser, bodyOf, strictly, wire } from "../support/strict-schema.ts";
import {
  buildAgent,
  buildWorkspace,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

const API = "/api/v1";

/** Parses strictly and names the offending path, so a drift says which field it is. */
function conforms(schema: z.ZodType, value: unknown) {
  const result = strictly(schema).safeParse(value);
  expect(result.success ? [] : result.error.issues).toEqual([]);
}

// The web types are the route schemas (web/src/api/types.ts). Fastify drops what a schema does
// not name, so a field added to a command's answer but not to its schema would never reach the
// web: here both what the commands return and what the API sends must match exactly.
describe.each(databaseKinds)("the transfer response contract (%s)", (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world.dispose());

  const actorOf = (agent: TestAgent) => actorOfUser(world.database.db, agent.userId);

  it("holds for the options, preview, request, read, list, decisions and bulk", async () => {
    const db = world.database.db;
    const ws = await buildWorkspace(world, "regional-cse");
    const owner = await buildAgent(world, ws.slug, "agent", { region: "EMEA", name: "Ola Owner" });
    const receiver = await buildAgent(world, ws.slug, "agent", { region: "EMEA" });
    const supervisor = await buildAgent(world, ws.slug, "supervisor", { region: "EMEA" });
    const newCase = async () =>
      bodyOf(
        await owner.api.post<CaseDetail>(`${API}/cases`, {
          workspace: ws.slug,
          subject: "Replication stalls nightly",
          ownerId: owner.userId,
        }),
        201,
      );
    const c = await newCase();
    const ownerActor = await actorOf(owner);

    const options = bodyOf(await owner.api.get(`${API}/cases/${c.number}/transfer-options`), 200);
    conforms(transferOptionsSchema, options);
    const direct = await getTransferOptions(db, ownerActor, c.number);
    conforms(transferOptionsSchema, direct);
    expect(options).toEqual(wire(direct));

    const kindDef = ws.policy.transferKinds.find((k) => k.code === "within-region")!;
    const request = {
      version: c.version,
      kind: "within-region",
      target: { agentId: receiver.userId, autoAssign: false },
      reason: kindDef.reasons[2]!.code,
      fields: Object.fromEntries(kindDef.template.map((f) => [f.key, `${f.label} text`])),
    };
    const preview = bodyOf(
      await owner.api.post(`${API}/cases/${c.number}/transfers?preview=true`, request),
      200,
    );
    conforms(transferPreview, preview);
    const previewed = await previewTransfer(db, ownerActor, c.number, {
      ...request,
      confirmations: {},
      pin: false,
      comment: "",
    });
    conforms(transferPreview, previewed);
    expect(preview).toEqual(wire(previewed));

    const created = bodyOf(
      await owner.api.post<{ id: string; version: number }>(
        `${API}/cases/${c.number}/transfers`,
        request,
      ),
      201,
    );
    conforms(transferView, created);
    const read = bodyOf(await owner.api.get(`${API}/transfers/${created.id}`), 200);
    conforms(transferView, read);
    const got = await getTransfer(db, ownerActor, created.id);
    conforms(transferView, got);
    expect(read).toEqual(got);
    expect(created).toEqual(got);

    const list = bodyOf(await owner.api.get(`${API}/transfers?workspace=${ws.slug}`), 200);
    conforms(transferList, list);
    const listed = await listTransfers(db, ownerActor, { workspace: ws.slug, limit: 50 });
    conforms(transferList, listed);
    expect(list).toEqual(listed);

    const approved = bodyOf(
      await supervisor.api.post<{ version: number }>(`${API}/transfers/${created.id}/approve`, {
        version: created.version,
        note: "Agreed",
      }),
      200,
    );
    conforms(transferView, approved);
    const accepted = bodyOf(
      await receiver.api.post<{ version: number }>(`${API}/transfers/${created.id}/accept`, {
        version: approved.version,
      }),
      200,
    );
    conforms(transferView, accepted);
    const told = bodyOf(
      await owner.api.post(`${API}/transfers/${created.id}/steps/customer_notified`, {
        version: accepted.version,
        how: "phone",
        note: "Told them by phone",
      }),
      200,
    );
    conforms(transferView, told);
    conforms(transferView, await getTransfer(db, ownerActor, created.id));

    const [a, b] = [await newCase(), await newCase()];
    const bulk = {
      kind: "within-region",
      target: { agentId: receiver.userId, autoAssign: false },
      reason: request.reason,
      fields: request.fields,
      confirmations: {},
      pin: false,
      comment: "",
    };
    const viaApi = bodyOf(
      await supervisor.api.post(`${API}/transfers/bulk`, {
        ...bulk,
        cases: [{ number: a.number, version: a.version }],
      }),
      200,
    );
    conforms(bulkTransferResult, viaApi);
    const viaCommand = await requestBulkTransfer(db, await actorOf(supervisor), {
      ...bulk,
      cases: [
        { number: b.number, version: b.version },
        { number: b.number, version: b.version },
      ],
    });
    conforms(bulkTransferResult, viaCommand);
    expect(viaCommand.failed).toBe(1);
  });

  it("notices a field the schema does not name, at any depth", async () => {
    const ws = await buildWorkspace(world, "helpdesk-transfer");
    const agent = await buildAgent(world, ws.slug, "agent");
    const c = bodyOf(
      await agent.api.post<CaseDetail>(`${API}/cases`, { workspace: ws.slug, subject: "Drift" }),
      201,
    );
    const view = bodyOf(
      await agent.api.post<{ target: object; steps: object[] }>(
        `${API}/cases/${c.number}/transfers`,
        {
          version: c.version,
          kind: "transfer",
          target: { queue: "l2-support" },
          reason: "escalate-to-l2",
        },
      ),
      201,
    );
    const strict = strictly(transferView);
    expect(strict.safeParse(view).success).toBe(true);
    expect(strict.safeParse({ ...view, extra: 1 }).success).toBe(false);
    expect(strict.safeParse({ ...view, target: { ...view.target, extra: 1 } }).success).toBe(false);
    expect(strict.safeParse({ ...view, steps: [{ ...view.steps[0], extra: 1 }] }).success).toBe(
      false,
    );
    // Artifacts are open by design: a kind may render texts of its own.
    expect(strict.safeParse({ ...view, artifacts: { mine: "text" } }).success).toBe(true);
  });
});
