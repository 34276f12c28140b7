import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkLayers } from "../../scripts/check-layers.ts";

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
