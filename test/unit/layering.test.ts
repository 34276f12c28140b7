import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkLayers } from "../../scripts/check-layers.ts";

const COMMANDS = join(import.meta.dirname, "..", "..", "src", "commands");

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );

/**
 * What a use-case file gets wrong: it must export exactly one function, named verbNoun after the
 * file, and nothing else but its zod schemas, types and constants; no re-exports.
 */
function useCaseProblems(file: string, text: string): string[] {
  const name = basename(file).replace(/\.ts$/, "");
  const functions = [
    ...text.matchAll(/^export\s+(?:async\s+)?function\s*\*?\s*([\w$]+)/gm),
    ...text.matchAll(
      /^export\s+const\s+([\w$]+)(?:\s*:[^=]+)?\s*=\s*(?:async\s+)?(?:function\b|(?:<[^>]*>\s*)?\([^)]*\)\s*(?::[^=]+)?=>|[\w$]+\s*=>)/gm,
    ),
  ].map((m) => m[1]);
  const problems: string[] = [];
  if (!file.endsWith(".ts")) problems.push("is not a TypeScript file");
  if (/^export\s*(?:type\s*)?(?:\{|\*)/m.test(text)) problems.push("re-exports");
  if (/^export\s+(?:default|class)\b/m.test(text)) problems.push("exports a default or a class");
  if (functions.length !== 1) problems.push(`exports ${functions.length} functions (${functions})`);
  else if (functions[0] !== name) problems.push(`exports ${functions[0]}, not ${name}`);
  if (!/^[a-z]+[A-Z][A-Za-z]*$/.test(name)) problems.push("is not named verbNoun");
  return problems;
}

describe("src/commands holds use cases only", () => {
  it("one exported function per file, named after the file", () => {
    const found = filesUnder(COMMANDS).flatMap((file) =>
      useCaseProblems(file, readFileSync(file, "utf8")).map(
        (p) => `${relative(COMMANDS, file)} ${p}`,
      ),
    );
    expect(found).toEqual([]);
  });

  it("the check finds a file with two use cases, a misnamed one and a re-export", () => {
    const two = "export async function approveTransfer() {}\nexport function loadTransfer() {}\n";
    expect(useCaseProblems("approveTransfer.ts", two)).toEqual([
      "exports 2 functions (approveTransfer,loadTransfer)",
    ]);
    expect(useCaseProblems("actions.ts", "export const approve = async (db: Db) => db;\n")).toEqual(
      ["exports approve, not actions", "is not named verbNoun"],
    );
    expect(useCaseProblems("getCase.ts", 'export { getCase } from "./read.ts";\n')).toEqual([
      "re-exports",
      "exports 0 functions ()",
    ]);
    const fine =
      "export const approveInput = z.strictObject({ version });\nexport type ApproveInput = z.infer<typeof approveInput>;\nexport async function approveTransfer(\n  db: Db,\n) {}\n";
    expect(useCaseProblems("approveTransfer.ts", fine)).toEqual([]);
  });
});

describe("layering (docs/architecture.md)", () => {
  it("holds for every import in src/ and web/src/", () => {
    expect(checkLayers()).toEqual([]);
  });

  describe("the check itself", () => {
    const root = mkdtempSync(join(tmpdir(), "baton-layers-"));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write("src/domain/rule.ts", 'import { x } from "../db/client.ts";\nexport const y = x;\n');
    write("src/db/client.ts", 'import { z } from "../domain/rule.ts";\nexport const x = z;\n');
    write("src/notify/send.ts", 'import type { C } from "../commands/c.ts";\nexport type D = C;\n');
    write("src/commands/c.ts", 'import { x } from "../db/client.ts";\nexport type C = typeof x;\n');
    write("web/src/page.ts", 'import { x } from "../../src/db/client.ts";\nexport const p = x;\n');
    write(
      "web/src/types.ts",
      'import type { C } from "../../src/commands/c.ts";\nexport type T = C;\n',
    );
    write(
      "web/src/rules.ts",
      'import { y } from "../../src/domain/rule.ts";\nexport const r = y;\n',
    );

    it("finds a lower layer importing a higher one, type-only or not", () => {
      const found = checkLayers(root).map((v) => `${v.file}:${v.line} ${v.why}`);
      expect(found).toEqual([
        "src/domain/rule.ts:1 domain may not import db",
        "src/notify/send.ts:1 notify may not import commands",
        "web/src/page.ts:1 web imports server code",
      ]);
    });
  });
});
