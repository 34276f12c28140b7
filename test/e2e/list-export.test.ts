// A case list exported as the person sees it (issue 17): the list's filters go with the file.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, openStage, type Stage } from "./harness.ts";

describe.skipIf(!hasChromium)("exporting a case list in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  });
  afterAll(() => stage?.dispose());

  it("downloads the filtered list as CSV, the same cases the page lists", async () => {
    const context = await stage.person();
    const page = await stage.signIn(context, "agent@regional-cse.example");
    await page.getByRole("table").waitFor();
    const shown = await page
      .locator("tbody tr a.row-link")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href")?.split("/").pop() ?? ""));
    expect(shown.length).toBeGreaterThan(0);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Export CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^cases-regional-cse-\d{4}-\d\d-\d\d\.csv$/);
    const path = await download.path();
    const [header, ...rows] = parse(readFileSync(path, "utf8")) as string[][];
    expect(header?.[0]).toBe("Case");
    // The page shows the first page of the same list, in the same order.
    const numbers = rows.map((r) => r[0]);
    expect(shown.slice(0, 5)).toEqual(numbers.slice(0, 5));
  });
});
