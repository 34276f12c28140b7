// Issue 13 in the browser (S4.9, S4.10): an agent asks for a new case from a demo case for a
// second issue; the lead's open desk shows the request without a reload and approves it with a
// note; the new case is the agent's, links to its parent, and the parent lists it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, me, openCase, privateNote } from "./browser-api.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

const WS = "shift-lead";

describe.skipIf(!hasChromium)("child cases in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(() => stage?.dispose());

  it("an agent asks for a new case from a demo case, the lead approves it on the desk", async () => {
    const lead = await stage.signIn(await stage.person(), `lead@${WS}.example`);
    await lead.goto(`/w/${WS}/desk`);
    await lead.getByRole("heading", { name: "New cases from existing ones" }).waitFor();

    const agent = await stage.signIn(await stage.person(), `agent@${WS}.example`);
    const open = await call<{ items: { number: number; subject: string }[] }>(
      agent,
      "GET",
      `/cases?workspace=${WS}&status=open&limit=1`,
    );
    const parent = open.json.items[0];
    if (!parent) throw new Error("the demo has no open case in the shift-lead workspace");
    await openCase(agent, parent.number);
    await agent.getByRole("button", { name: "New case from this one" }).click();
    const form = agent.getByRole("form", { name: "New case from this one" });
    await form.getByText("The shift lead approves it first").waitFor();
    await form.getByLabel("The customer reported another issue").check();
    await form.getByLabel("Subject").fill("Invoices show the wrong currency");
    await form.getByLabel("What is new").fill("Reported on the same call as the first issue.");
    await form.getByRole("button", { name: "Ask the shift lead" }).click();
    await agent.getByText("Asked: the shift lead decides on the desk.").waitFor();

    // The lead's desk hears of it without a reload, and approves with a note.
    const asked = lead.locator('tr[data-state="pending"]', {
      hasText: "Invoices show the wrong currency",
    });
    await asked.waitFor({ timeout: 20_000 });
    await asked.getByText(`#${parent.number}`).waitFor();
    await asked.getByPlaceholder("Note (needed to decline)").fill("Separate issue: yours to own");
    await asked.getByRole("button", { name: "Approve" }).click();
    const approved = lead.locator('tr[data-state="approved"]', {
      hasText: "Invoices show the wrong currency",
    });
    await approved.waitFor();
    // The row links the parent first, then the case approval opened.
    const childLink = approved.getByRole("link", { name: /^#\d+$/ }).last();
    const childNumber = Number((await childLink.textContent())?.slice(1));
    await stage.shot(lead, "child-case-desk");

    // The agent's new case: theirs, linked to its parent, with the lead's private note.
    await agent.goto(`/w/${WS}/desk`);
    await agent
      .locator('tr[data-state="approved"]')
      .getByRole("link", { name: `#${childNumber}` })
      .click();
    await agent.getByRole("heading", { name: /add a note/i }).waitFor();
    const related = agent.getByRole("region", { name: "Related cases" });
    await related.getByRole("link", { name: `#${parent.number}` }).waitFor();
    await privateNote(agent, "Separate issue: yours to own").waitFor();
    const child = await call<{ owner: { id: string } | null }>(
      agent,
      "GET",
      `/cases/${childNumber}`,
    );
    expect(child.json.owner?.id).toBe((await me(agent)).id);
    await stage.shot(agent, "child-case");

    // The parent lists it.
    await related.getByRole("link", { name: `#${parent.number}` }).click();
    await agent
      .getByRole("list", { name: "Cases opened from this case" })
      .getByRole("link", { name: `#${childNumber}` })
      .waitFor();
  });
});
