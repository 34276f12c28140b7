// Issue 13 in the browser (S4.3, "attend all customer calls on time"): an agent schedules a
// customer call on a case page, finds it on "My calls today" and marks it held there; the case's
// timeline then carries the call.
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, it } from "vitest";
import { createCase, me, openCase } from "./browser-api.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

const WS = "shift-lead";
// The browser's zone (harness.ts): the form reads the time typed in it.
const BROWSER_ZONE = "Europe/Berlin";

describe.skipIf(!hasChromium)("scheduled calls in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(() => stage?.dispose());

  it("schedules a call on a case, lists it on my calls today, and marks it held", async () => {
    const page = await stage.signIn(await stage.person(), `agent@${WS}.example`);
    const self = await me(page);
    const number = await createCase(page, {
      workspace: WS,
      subject: "Walk the customer through the export fix",
      ownerId: self.id,
    });
    await openCase(page, number);
    const panel = page.locator("section.case-calls");
    await panel.getByText("No call scheduled.").waitFor();
    await panel.getByText("Schedule a call").click();
    const form = panel.getByRole("form", { name: "Schedule a call" });
    const at = DateTime.now().setZone(BROWSER_ZONE).plus({ minutes: 6 }).startOf("minute");
    await form.getByLabel(/^Starts/).fill(at.toFormat("yyyy-LL-dd'T'HH:mm"));
    await form.getByLabel("Length (minutes)").fill("15");
    await form.getByLabel("Attendee (customer side)").fill("Priya Raman");
    await form.getByLabel("Meeting link (optional)").fill("https://meet.example.com/export");
    await form.getByRole("button", { name: "Schedule call" }).click();
    const card = panel.getByRole("listitem", { name: "Call with Priya Raman" });
    await card.getByText("Scheduled").waitFor();

    await page.getByRole("link", { name: "Calls", exact: true }).click();
    await page.getByRole("heading", { name: "My calls today", level: 1 }).waitFor();
    const mine = page.getByRole("listitem", { name: "Call with Priya Raman" });
    await mine.getByRole("link", { name: `#${number}` }).waitFor();
    await stage.shot(page, "calls-today");
    await mine.getByRole("button", { name: "Mark held" }).click();
    await mine.getByText("Held").waitFor();
    await mine.getByRole("button", { name: "Mark held" }).waitFor({ state: "detached" });

    await openCase(page, number);
    await page.locator("ol.timeline").getByText("Scheduled call with Priya Raman held.").waitFor();
  });
});
