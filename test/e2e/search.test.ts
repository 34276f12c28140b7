// Case search in the browser (issue 17): an agent finds a case by its customer's name and by a
// word of a note, and sees where it matched with the words marked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createCase } from "./browser-api.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

describe.skipIf(!hasChromium)("searching cases in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  });
  afterAll(() => stage?.dispose());

  it("finds a case by the customer's name and by a word of a note, marked", async () => {
    const agent = await stage.signIn(await stage.person(), "agent@regional-cse.example");
    const customer = await call<{ id: string }>(
      agent,
      "POST",
      "/workspaces/regional-cse/customers",
      {
        name: "Kühnelt Feinmechanik",
        timeZone: "Europe/Vienna",
        language: "de",
      },
    );
    expect(customer.status).toBe(201);
    const number = await createCase(agent, {
      workspace: "regional-cse",
      subject: "Spindle controller reboots",
      customerId: customer.json.id,
    });
    const note = await call(agent, "POST", `/cases/${number}/notes`, {
      body: "Firmware of the Zahnradgetriebe controller is two releases behind.",
      visibility: "private",
    });
    expect(note.status).toBe(201);

    const box = agent.getByRole("searchbox");
    const main = agent.getByRole("main");
    const row = main.locator("tbody tr", { has: agent.locator(`a[href="/cases/${number}"]`) });

    // Typed as a German help desk would: lower case, without the umlaut.
    await box.fill("kuehnelt");
    await box.press("Enter");
    await row.waitFor();
    expect(await row.locator(".match-field").textContent()).toBe("Customer:");
    expect(await row.locator("mark").allTextContents()).toEqual(["Kühnelt"]);
    // Best match first is the order of a search.
    expect(await main.getByLabel("Sort").inputValue()).toBe("-relevance");

    await box.fill("Zahnradgetriebe");
    await box.press("Enter");
    await row.locator(".match-field", { hasText: "Note:" }).waitFor();
    expect(await row.locator("mark").allTextContents()).toEqual(["Zahnradgetriebe"]);
    expect(await row.locator(".match-snippet").textContent()).toContain(
      "controller is two releases",
    );
    await stage.shot(agent, "search");

    await box.fill("Quetzalcoatl");
    await box.press("Enter");
    await main.getByText("Nothing matched “Quetzalcoatl” in this view.").waitFor();
  });
});
