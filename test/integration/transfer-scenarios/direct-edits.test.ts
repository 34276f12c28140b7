import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../../support/db.ts";
import { steadyFollowTheSun } from "../../support/steady-sun.ts";
import {
  buildAgent,
  buildWorkspace,
  type Problem,
  startWorld,
  type World,
} from "../../support/world.ts";
import { API, expectRefusal, getCase, newCase } from "./helpers.ts";

// Across seeds: where a policy says cases move only by transfer, editing the case's owner or
// queue directly is refused, so the edit form is no way around the transfer rules.
describe.each(databaseKinds)("transfer scenarios (%s)", (dbKind) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(dbKind);
  });
  afterAll(() => world.dispose());

  describe("direct edits are no back door", () => {
    it("S1.2 follow-the-sun: an engineer cannot hand a case to a colleague by editing it", async () => {
      const ws = await buildWorkspace(world, "follow-the-sun", steadyFollowTheSun());
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
});
