// Issue 14 in the browser (seed 002, S2.2 and S2.4): the demo consultant finds their blocked
// task on the Projects page, opens a case from it through the dialog, lands on the case, which
// names the task, and the task now shows itself closed with the case linked and the PM told.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, hasChromium, openStage, type Stage } from "./harness.ts";

const WS = "ps-escalation";

describe.skipIf(!hasChromium)("projects in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(() => stage?.dispose());

  it("a consultant opens a case from a blocked task and the task updates itself", async () => {
    const consultant = await stage.signIn(await stage.person(), `agent@${WS}.example`);
    await consultant.goto(`/w/${WS}/projects`);
    await consultant.getByRole("heading", { name: "My open tasks" }).waitFor();
    await consultant.getByRole("link", { name: /Configure the shipments report/ }).click();
    await consultant
      .getByRole("heading", { name: /T-\d+ Configure the shipments report/ })
      .waitFor();
    await consultant.getByRole("button", { name: "Open a case from this roadblock" }).click();
    const form = consultant.getByRole("form", { name: "Open a case from this roadblock" });
    await form.getByLabel("Subject").fill("Shipments report drops the last row on export");
    await form.getByLabel("Description").fill("Exporting 120 shipments to CSV gives 119 rows.");
    await form.getByLabel("Impact").fill("Go-live of the reporting module blocked");
    await form.getByLabel("Product").selectOption("reporting");
    await form.getByLabel("Owner (queue)").selectOption("support-l1");
    await form.getByLabel("Time delivered so far (hours)").fill("5");
    await form.getByLabel("Estimate to finish (hours)").fill("4");
    await form.getByLabel("Finish by").fill("2027-01-29");
    await stage.shot(consultant, "projects-open-case-dialog");
    await form.getByRole("button", { name: "Open the case" }).click();

    // The case: the consultant is its secondary owner, and it names the task it came from.
    const origin = consultant.getByTestId("case-origin");
    await origin.waitFor();
    expect(await origin.textContent()).toMatch(
      /Opened from task T-\d+ Configure the shipments report of project Reporting rollout/,
    );
    const caseNumber = Number(new URL(consultant.url()).pathname.split("/").pop());
    expect(caseNumber).toBeGreaterThan(0);
    await stage.shot(consultant, "projects-case-from-task");

    // The task: closed, the case linked, the time and what is left recorded, the PM mentioned.
    await origin.getByRole("link").click();
    await expect.poll(() => consultant.getByTestId("task-status").textContent()).toBe("Closed");
    await consultant
      .getByRole("link", { name: new RegExp(`^#${caseNumber} Shipments report`) })
      .waitFor();
    const note = consultant.locator(".task-note-system").first();
    expect(await note.textContent()).toMatch(
      /Time delivered so far: 5 h\..*Estimate to finish: 4 h, by 2027-01-29/s,
    );
    expect(await note.textContent()).toContain("@pm ");
    expect(
      await consultant.getByRole("button", { name: "Open a case from this roadblock" }).count(),
    ).toBe(0);
    await stage.shot(consultant, "projects-task-closed");

    // The case resolves elsewhere (another tab): the open task follows live, without a reload,
    // showing the case's status and the draft follow-up left for the PM.
    const elsewhere = await consultant.context().newPage();
    await elsewhere.goto(`/cases/${caseNumber}`);
    const resolved = await elsewhere.evaluate(async (n) => {
      const session = await (await fetch("/api/v1/auth/session")).json();
      const kase = await (await fetch(`/api/v1/cases/${n}`)).json();
      const res = await fetch(`/api/v1/cases/${n}`, {
        method: "PATCH",
        headers: { "content-type": "application/json", "x-csrf-token": session.csrfToken },
        body: JSON.stringify({ version: kase.version, status: "resolved" }),
      });
      return res.status;
    }, caseNumber);
    expect(resolved).toBe(200);
    await elsewhere.close();
    const caseLine = consultant.getByRole("definition").filter({ hasText: `#${caseNumber}` });
    // The status by Baton's word for it (the workspace names none), not its code.
    await expect.poll(() => caseLine.textContent(), { timeout: 10_000 }).toContain("(Resolved)");
    await consultant.getByRole("link", { name: /^T-\d+$/ }).waitFor();

    // A German browser reads Baton's notes on the task in German, stored in English; the PM's
    // handle and the day stay as written.
    const taskUrl = new URL(consultant.url()).pathname;
    const german = await (await stage.person({ locale: "de-DE" })).newPage();
    await german.goto("/");
    await german.getByLabel("E-Mail").fill(`agent@${WS}.example`);
    await german.getByLabel("Passwort").fill(DEMO_PASSWORD);
    await german.getByRole("button", { name: "Anmelden" }).click();
    await german.getByRole("navigation").first().waitFor();
    await german.goto(taskUrl);
    const notes = german.locator(".task-note-system");
    await expect
      .poll(() => notes.first().textContent())
      .toMatch(new RegExp(`Fall #${caseNumber} ist gelöst; Follow-up T-\\d+ wartet darauf`));
    const roadblock = await notes.nth(1).textContent();
    expect(roadblock).toMatch(
      /Bisher geleistete Zeit: 5 h\..*Schätzung bis fertig: 4 h, bis 2027-01-29\./s,
    );
    expect(roadblock).toContain("@pm bitte planen Sie das Follow-up");
    expect(roadblock).not.toContain("Time delivered");
    await stage.shot(german, "projects-task-notes-de");
  });

  it("fits a phone: the projects page, a task and the open-a-case dialog", async () => {
    const phone = await stage.signIn(await stage.person(), `agent@${WS}.example`);
    await phone.setViewportSize({ width: 390, height: 844 });
    const overflow = () =>
      phone.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
    await phone.goto(`/w/${WS}/projects`);
    await phone.getByRole("heading", { name: "My open tasks" }).waitFor();
    await expect.poll(overflow).toBeLessThanOrEqual(0);
    await phone.getByRole("link", { name: /Connect the order feed to the ERP/ }).click();
    await phone.getByRole("heading", { name: /T-\d+ Connect the order feed/ }).waitFor();
    await expect.poll(overflow).toBeLessThanOrEqual(0);
    await phone.getByRole("button", { name: "Open a case from this roadblock" }).click();
    await phone.getByRole("form", { name: "Open a case from this roadblock" }).waitFor();
    await expect.poll(overflow).toBeLessThanOrEqual(0);
    await stage.shot(phone, "projects-phone-open-case");
  });
});
