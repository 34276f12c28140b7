import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseDetail } from "../../../src/http/routes/case-schemas.ts";
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
  preview,
  request,
  step,
  transferAudit,
  type Workspace,
} from "./helpers.ts";

// Seed 002, professional services to development through triage: the people in the procedure
// carry a case through Baton's API exactly as the seed describes, and every shortcut the seed
// forbids is refused with the guard's id.
describe.each(databaseKinds)("transfer scenarios (%s)", (dbKind) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(dbKind);
  });
  afterAll(() => world.dispose());

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
      expect(handoff.state).toBe("awaiting_steps");
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
      expect(approved.state).toBe("awaiting_steps");
      expectOk(await step(consultant, approved, "customer_notified", { how: "email" }));
      expect((await getCase(consultant, c.number)).queue).toBe("development");
    });
  });
});
