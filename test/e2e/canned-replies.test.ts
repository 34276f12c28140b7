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

  it("an admin shares a reply and an agent keeps one of their own on the replies page", async () => {
    const admin = await stage.signIn(await stage.person(), "admin@regional-cse.example");
    await admin.goto("/w/regional-cse/replies");
    await admin.getByRole("heading", { name: "Canned replies", level: 1 }).waitFor();
    const form = admin.getByRole("form", { name: "Add a reply" });
    await form.getByLabel("For whom").selectOption("workspace");
    await form.getByLabel("Title").fill("Closing politely");
    await form
      .getByLabel("Text")
      .fill("Thank you {{contactName}}, we close case {{caseNumber}} now.");
    await form.getByRole("button", { name: "Add" }).click();
    await admin.locator('li[data-reply="Closing politely"]').waitFor();
    // An unknown placeholder is refused on the field, in Baton's words.
    await form.getByLabel("Title").fill("Broken");
    await form.getByLabel("Text").fill("Hello {{nobody}}");
    await form.getByRole("button", { name: "Add" }).click();
    await form.locator(".field-error").first().waitFor();
    expect(await form.locator(".field-error").first().textContent()).toContain("{{nobody}}");

    const agent = await stage.signIn(await stage.person(), "agent@regional-cse.example");
    await agent.goto("/w/regional-cse/replies");
    const shared = agent.locator('li[data-reply="Closing politely"]');
    await shared.waitFor();
    // The workspace's reply is the admins' to change; the agent's form has no scope to pick.
    expect(await shared.getByRole("button", { name: "Edit" }).count()).toBe(0);
    const mine = agent.getByRole("form", { name: "Add a reply" });
    expect(await mine.getByLabel("For whom").count()).toBe(0);
    await mine.getByLabel("Title").fill("Need logs");
    await mine.getByLabel("Text").fill("Please send the logs.");
    await mine.getByRole("button", { name: "Add" }).click();
    const own = agent.locator('li[data-reply="Need logs"]');
    await own.waitFor();
    await own.getByRole("button", { name: "Edit" }).click();
    await own.getByLabel("Text").fill("Please send the logs from last night.");
    await own.getByRole("button", { name: "Save" }).click();
    await agent.getByText("Please send the logs from last night.").waitFor();
    await stage.shot(agent, "canned-replies-page");
  });
});
