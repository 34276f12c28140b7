// Issue 17 in the browser: an agent turns one team mail topic off on the account page, and a
// message's unsubscribe link opens a page that asks before it turns another off.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUnsubscribe, unsubscribeKey } from "../../src/auth/unsubscribe-tokens.ts";
import { workspaces } from "../../src/db/schema.ts";
import { call, me } from "./browser-api.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

interface Choice {
  workspace: string;
  version: number;
  topics: { topic: string; on: boolean }[];
}

describe.skipIf(!hasChromium)("team mail preferences in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(() => stage?.dispose());

  it("a switch on the account page, and the unsubscribe page's button", async () => {
    const agent = await stage.signIn(await stage.person(), "agent@shift-lead.example");
    const topicsOn = async () => {
      const reply = await call<{ items: Choice[] }>(agent, "GET", "/me/mail-preferences");
      const mine = reply.json.items.find((i) => i.workspace === "shift-lead");
      return Object.fromEntries((mine?.topics ?? []).map((t) => [t.topic, t.on]));
    };
    expect(await topicsOn()).toMatchObject({ mention: true, owner_briefing: true });

    await agent.goto("/account");
    const main = agent.getByRole("main");
    await main.getByRole("heading", { name: "Mail", level: 2 }).waitFor();
    const mention = main.getByRole("switch", { name: "Someone mentions me in a note" });
    expect(await mention.isChecked()).toBe(true);
    await mention.press("Space");
    await expect.poll(topicsOn, { timeout: 10_000 }).toMatchObject({ mention: false });
    await agent.reload();
    await mention.waitFor();
    await expect.poll(() => mention.isChecked()).toBe(false);
    expect(await main.getByRole("switch", { name: /Briefing when a case/ }).isChecked()).toBe(true);

    // The link a briefing would carry: opening it changes nothing until the button is pressed.
    const self = await me(agent);
    const db = stage.server.database.db;
    const [ws] = await db
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(eq(workspaces.slug, "shift-lead"));
    expect(ws).toBeDefined();
    const token = signUnsubscribe(await unsubscribeKey(db), {
      userId: self.id,
      workspaceId: ws!.id,
      topic: "owner_briefing",
    });
    await agent.goto(`/api/v1/mail/unsubscribe/${token}`);
    await agent.waitForURL(`**/unsubscribe/${token}`);
    await agent.getByRole("heading", { name: "Stop these emails" }).waitFor();
    expect(await topicsOn()).toMatchObject({ owner_briefing: true });
    await agent.getByRole("button", { name: "Unsubscribe" }).click();
    await agent.getByRole("status").filter({ hasText: "you no longer get email" }).waitFor();
    expect(await topicsOn()).toMatchObject({ owner_briefing: false, mention: false });
  });
});
