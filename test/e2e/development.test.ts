// Issue 14 in the browser (seed 002, S2.5, development both ways): a case the consultant opened
// goes through triage to development; triage moves development's stage on the case page; the
// consultant, who stays the customer's owner, sees development's status on the case and links
// the tracker issue.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createCase, me, openCase } from "./browser-api.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

const WS = "ps-escalation";

describe.skipIf(!hasChromium)("development in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(() => stage?.dispose());

  it("triage hands a case on to development; the owner sees development's stage on the case", async () => {
    const consultant = await stage.signIn(await stage.person(), `agent@${WS}.example`);
    const triage = await stage.signIn(await stage.person(), `triage@${WS}.example`);
    const self = await me(consultant);
    const number = await createCase(consultant, {
      workspace: WS,
      subject: `Shipments export drops the last row ${Date.now()}`,
      queue: "support-l1",
      // The consultant takes the case (routing would otherwise give it to whichever agent of
      // support-l1 is on shift when the test runs, who would then be the customer's owner) and
      // stays on it as its secondary owner once it has gone to triage.
      ownerId: self.id,
      secondaryOwnerId: self.id,
      product: "reporting",
      stepsToReproduce: "1. Export 120 shipments\n2. Count the rows",
    });
    const fresh = await call<{ version: number }>(consultant, "GET", `/cases/${number}`);
    const toTriage = await call(consultant, "POST", `/cases/${number}/transfers`, {
      version: fresh.json.version,
      kind: "to-triage",
      target: { queue: "triage" },
      reason: "product-defect",
      fields: { expected_result: "120 rows", actual_result: "119 rows" },
    });
    expect(toTriage.status, JSON.stringify(toTriage.json)).toBe(201);
    const atTriage = await call<{ version: number; stepsToReproduce: string }>(
      triage,
      "GET",
      `/cases/${number}`,
    );
    const handOn = await call<{ id: string; version: number }>(
      triage,
      "POST",
      `/cases/${number}/transfers`,
      {
        version: atTriage.json.version,
        kind: "triage-to-development",
        target: { queue: "development" },
        reason: "confirmed-defect",
        fields: {
          triage_findings: "Reproduced on 7.2",
          steps_to_reproduce: atTriage.json.stepsToReproduce,
          product: "reporting",
          expected_result: "120 rows",
          actual_result: "119 rows",
        },
      },
    );
    expect(handOn.status, JSON.stringify(handOn.json)).toBe(201);
    const told = await call(
      triage,
      "POST",
      `/transfers/${handOn.json.id}/steps/customer_notified`,
      {
        version: handOn.json.version,
        how: "email",
      },
    );
    expect(told.status, JSON.stringify(told.json)).toBe(200);

    // Triage moves development's stage from the case page.
    await openCase(triage, number);
    const panel = triage.getByRole("region", { name: "Development" });
    await expect
      .poll(() => panel.getByTestId("development-stage").textContent())
      .toMatch(/Received by development/);
    const form = panel.getByRole("form", { name: "Development stage" });
    await form.getByLabel("Stage").selectOption("fix_in_progress");
    await form.getByText("The customer is told of this stage.").waitFor();
    await form.getByLabel("Note for the owner").fill("Off-by-one in the CSV pager; fix in review.");
    await form.getByRole("button", { name: "Set stage" }).click();
    await expect
      .poll(() => panel.getByTestId("development-stage").textContent())
      .toMatch(/Fix in progress/);
    await stage.shot(triage, "development-triage-sets-stage");

    // The consultant stays the customer's owner and sees development's status on the case.
    await openCase(consultant, number);
    const mine = consultant.getByRole("region", { name: "Development" });
    await expect
      .poll(() => mine.getByTestId("development-stage").textContent())
      .toMatch(/Fix in progress/);
    expect(await mine.textContent()).toContain(`Customer's owner: ${self.name}`);
    expect(await mine.getByRole("form", { name: "Development stage" }).count()).toBe(0);
    // Development's way so far, newest first, with triage's note for the owner.
    await mine.getByText(/Stage history \(2\)/).click();
    const steps = mine.getByRole("list", { name: "Development history" }).getByRole("listitem");
    await expect.poll(() => steps.count()).toBe(2);
    expect(await steps.first().textContent()).toMatch(
      /Fix in progress.*Off-by-one in the CSV pager; fix in review\./,
    );
    expect(await steps.last().textContent()).toContain("Received by development");
    await mine.getByRole("button", { name: "Link an issue" }).click();
    await mine.getByLabel("Tracker issue address").fill("https://tracker.example.com/issues/812");
    await mine.getByRole("button", { name: "Save" }).click();
    await mine.getByRole("link", { name: "https://tracker.example.com/issues/812" }).waitFor();
    await stage.shot(consultant, "development-owner-sees-stage");

    // On a phone, the panel, its history and the tracker link stay within the screen.
    const phone = await consultant.context().newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await openCase(phone, number);
    const small = phone.getByRole("region", { name: "Development" });
    await small.getByText(/Stage history \(2\)/).click();
    const history = small.getByRole("list", { name: "Development history" });
    await history.scrollIntoViewIfNeeded();
    for (const part of [small, history, small.getByRole("button", { name: "Change" })]) {
      const box = await part.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    }
    await stage.shot(phone, "development-phone");
  });
});
