// Canned replies in the note composer (issue 17): an admin's workspace reply and an agent's own,
// filled in for the case the agent is on, inserted into the note and sent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createCase, me } from "./browser-api.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

describe.skipIf(!hasChromium)("canned replies in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  });
  afterAll(() => stage?.dispose());

  it("an agent inserts a workspace reply, filled for the case, into a note", async () => {
    const admin = await stage.signIn(await stage.person(), "admin@follow-the-sun.example");
    const made = await call(admin, "POST", "/workspaces/follow-the-sun/canned-replies", {
      scope: "workspace",
      title: "Logs please",
      body: "Hello {{contactName}}, could you send the logs for case {{caseNumber}}? — {{myName}}",
    });
    expect(made.status).toBe(201);

    const agent = await stage.signIn(await stage.person(), "agent@follow-the-sun.example");
    const mine = await call(agent, "POST", "/workspaces/follow-the-sun/canned-replies", {
      scope: "personal",
      title: "Back soon",
      body: "Looking into {{caseSubject}} now.",
    });
    expect(mine.status).toBe(201);
    const number = await createCase(agent, {
      workspace: "follow-the-sun",
      subject: "Backups fail at night",
    });
    const { name } = await me(agent);
    await agent.goto(`/cases/${number}`);
    const picker = agent.getByLabel("Canned reply");
    await picker.waitFor();
    await expect
      .poll(() => picker.locator("option").allTextContents())
      .toEqual(["Insert a canned reply…", "Back soon (mine)", "Logs please"]);
    await picker.selectOption({ label: "Logs please" });
    const note = agent.getByPlaceholder(/write a note/i);
    await expect
      .poll(() => note.inputValue())
      .toBe(`Hello , could you send the logs for case ${number}? — ${name}`);
    await picker.selectOption({ label: "Back soon (mine)" });
    await expect
      .poll(() => note.inputValue())
      .toContain("\n\nLooking into Backups fail at night now.");
    await stage.shot(agent, "canned-reply");
    await agent.getByRole("button", { name: /add private note/i }).click();
    await agent
      .locator("li.tl-item", { hasText: "Looking into Backups fail at night now." })
      .waitFor();
  });
});
