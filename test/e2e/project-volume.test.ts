// Issue 14 in the browser (S2.6): a project manager opens Project volume from the nav and sees
// the week's case from a blocked project task in a chart and in the table beside it, the project
// whose timeline moved, and a CSV link; on a phone the same page stacks. An agent has no link.
// The demo has no blocked tasks yet (the commands that block them come separately), so the test
// writes one task row linked to a real demo case, as those commands would.
import { and, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases, projects, projectTasks, users, workspaces } from "../../src/db/schema.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

const WS = "ps-escalation";
const DAY = 86_400_000;

describe.skipIf(!hasChromium)("project volume in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(() => stage?.dispose());

  async function blockedTask() {
    const db = stage.server.database.db;
    const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, WS));
    const [pm] = await db
      .select()
      .from(users)
      .where(eq(users.email, `pm@${WS}.example`));
    if (!ws || !pm) throw new Error("the demo has no ps-escalation workspace or PM");
    const [kase] = await db
      .select()
      .from(cases)
      .where(and(eq(cases.workspaceId, ws.id), isNotNull(cases.product)))
      .orderBy(cases.number)
      .limit(1);
    if (!kase?.customerId || !kase.product) throw new Error("no demo case with a product");
    const [project] = await db
      .insert(projects)
      .values({
        workspaceId: ws.id,
        code: "E2E-ROLLOUT",
        name: "Harbour rollout",
        customerId: kase.customerId,
        managerId: pm.id,
        endsOn: new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10),
      })
      .returning();
    if (!project) throw new Error("the project was not stored");
    const blockedAt = new Date(Date.now() - 2 * DAY);
    await db.insert(projectTasks).values({
      workspaceId: ws.id,
      projectId: project.id,
      title: "Configure the reporting feed",
      status: "closed",
      dueOn: new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10),
      caseId: kase.id,
      blockedAt,
      minutesToFinish: 480,
      finishOn: new Date(Date.now() + 15 * DAY).toISOString().slice(0, 10),
      closedAt: blockedAt,
    });
    return kase;
  }

  it("the PM sees the case in a chart and its table, the moved project and a CSV link; agents have no link", async () => {
    const kase = await blockedTask();
    const pm = await stage.signIn(await stage.person(), `pm@${WS}.example`);
    await pm.goto(`/w/${WS}/mine`);
    const nav = pm.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Project volume" }).click();
    await pm.getByRole("heading", { level: 1, name: "Project volume" }).waitFor();

    // The weekly chart is drawn (bars in an SVG) and its table says the same in numbers.
    const byProduct = pm.getByRole("region", { name: "Cases by week and product" });
    await byProduct.locator("figure svg").first().waitFor();
    await expect
      .poll(() => byProduct.locator("figure .recharts-bar-rectangle").count())
      .toBeGreaterThan(0);
    const table = byProduct.getByRole("table", { name: "Cases by week and product" });
    await expect.poll(() => table.locator("tbody tr").count()).toBe(12);
    // One week (this one or the last, by the day of the week) holds the case; the others none.
    const totals = await table.locator("tbody tr td:last-child").allTextContents();
    expect(totals.filter((t) => t === "1")).toHaveLength(1);
    expect(totals.filter((t) => t === "0")).toHaveLength(11);
    await expect
      .poll(() => byProduct.getByRole("img").getAttribute("aria-label"))
      .toContain("Bar chart of 1 case over 12 weeks by product");

    // The roadblock is still open; the project's end moves by five days.
    const open = pm.getByRole("region", { name: "Roadblocks not resolved yet" });
    await open.getByRole("link", { name: `#${kase.number}` }).waitFor();
    await open.getByText("2 days").waitFor();
    const moved = pm.getByRole("region", { name: "Projects whose timelines moved" });
    await moved.getByText("Harbour rollout").waitFor();
    await moved.getByText("(+5 d)", { exact: false }).waitFor();
    const csv = await pm
      .getByRole("link", { name: "Download CSV", exact: true })
      .getAttribute("href");
    expect(csv).toBe(`/api/v1/workspaces/${WS}/reports/project-volume.csv?table=weekly`);
    await stage.shot(pm, "project-volume");

    // A filter that matches nothing: an empty week table and words saying so.
    await pm.getByLabel("Queue opened into").selectOption("development");
    await pm.getByRole("button", { name: "Show" }).click();
    await pm.getByText("No project task opened a case in this range.", { exact: false }).waitFor();
    expect(new URL(pm.url()).searchParams.get("queue")).toBe("development");

    // On a phone the chart and its table stack and stay readable.
    await pm.setViewportSize({ width: 390, height: 844 });
    await pm.goto(`/w/${WS}/reports/project-volume`);
    const phoneTable = pm
      .getByRole("region", { name: "Cases by week and product" })
      .getByRole("table", { name: "Cases by week and product" });
    await phoneTable.waitFor();
    const chartBox = await pm
      .getByRole("region", { name: "Cases by week and product" })
      .locator("figure")
      .boundingBox();
    const tableBox = await phoneTable.boundingBox();
    expect(chartBox && tableBox && tableBox.y >= chartBox.y + chartBox.height - 1).toBe(true);
    expect(chartBox && chartBox.width <= 390).toBe(true);
    await stage.shot(pm, "project-volume-phone");

    // An agent's nav has no link (once the policy has loaded), and the page refuses them.
    const agent = await stage.signIn(await stage.person(), `agent@${WS}.example`);
    await agent.goto(`/w/${WS}/mine`);
    await agent.locator(".ws-policy").waitFor();
    expect(
      await agent
        .getByRole("navigation", { name: "Main" })
        .getByRole("link", { name: "Project volume" })
        .count(),
    ).toBe(0);
    await agent.goto(`/w/${WS}/reports/project-volume`);
    await agent.getByRole("alert").getByText("Your role may not read reports here").waitFor();
  });
});
