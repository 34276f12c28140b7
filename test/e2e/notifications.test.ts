// In-app notifications in the browser: A mentions B in a note; B's bell counts it at once, without
// a reload (the live event stream), and opening it goes to the case and marks it read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createCase, me } from "./browser-api.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

describe.skipIf(!hasChromium)("notifications in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(() => stage?.dispose());

  it("B's bell counts A's mention live and opens the case", async () => {
    const a = await stage.signIn(await stage.person(), "agent@follow-the-sun.example");
    const b = await stage.signIn(await stage.person(), "admin@follow-the-sun.example");
    const bob = await me(b);
    const bell = b.getByRole("button", { name: /^Notifications, \d+ unread$/ });
    await bell.waitFor();
    // Wait for the stream to be live, so the test sees the event rather than a refetch.
    await b.locator(".live-live").waitFor();
    const before = Number((await bell.getAttribute("aria-label"))?.match(/(\d+) unread/)?.[1]);

    const owner = await me(a);
    const subject = `Mentioned case ${Date.now()}`;
    const number = await createCase(a, {
      workspace: "follow-the-sun",
      subject,
      ownerId: owner.id,
    });
    const note = await call(a, "POST", `/cases/${number}/notes`, {
      body: "Can you confirm the customer's maintenance window?",
      visibility: "private",
      mentions: [bob.id],
    });
    expect(note.status).toBe(201);

    await b
      .getByRole("button", { name: `Notifications, ${before + 1} unread` })
      .waitFor({ timeout: 10_000 });
    await stage.shot(b, "notification-bell");
    await bell.click();
    const item = b
      .getByRole("region", { name: "Notifications" })
      .getByRole("link", { name: new RegExp(`mentioned you on case ${number}`) });
    await item.waitFor();
    await stage.shot(b, "notification-list");
    await item.click();
    await b.waitForURL(`**/cases/${number}`);
    await b
      .getByRole("heading", { name: new RegExp(subject) })
      .first()
      .waitFor();
    await b.getByRole("button", { name: `Notifications, ${before} unread` }).waitFor();
  });
});
