// axe-core run inside a page, for the browser tests that check a page's accessibility. The page's
// context must bypass Baton's Content-Security-Policy, which forbids the added script.
import { fileURLToPath } from "node:url";
import type { AxeResults } from "axe-core";
import type { Page } from "playwright-core";

const AXE = fileURLToPath(import.meta.resolve("axe-core/axe.min.js"));

/**
 * Each violation as "rule: the elements it found", so a failure says what to fix; and how many
 * rules the page passed, so a page axe could not read does not pass unseen.
 */
export async function axeAudit(page: Page): Promise<{ violations: string[]; passed: number }> {
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(() => {
    const { axe } = window as unknown as { axe: { run(context: Document): Promise<AxeResults> } };
    return axe.run(document);
  });
  return {
    violations: results.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    ),
    passed: results.passes.length,
  };
}
