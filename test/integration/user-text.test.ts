import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { transformSync } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRESET_SLUGS, presets } from "../../src/presets/index.ts";
import { databaseKinds } from "../support/db.ts";
import { client, startWorld, type World } from "../support/world.ts";

// Capability ids (S0.1 … S4.12) name the rules in DESIGN.md for the people who build Baton; the
// people who use it read the rule itself. Code comments and tests may carry the ids, nothing a
// user sees may.

const CAPABILITY_ID = /\bS\d\.\d/;

/** Every string in a JSON-like value, with the path that leads to it. */
function stringsIn(value: unknown, path = ""): { path: string; text: string }[] {
  if (typeof value === "string") return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsIn(v, `${path}[${i}]`));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => [
      ...stringsIn(k, `${path}{key}`),
      ...stringsIn(v, `${path}.${k}`),
    ]);
  return [];
}

const withIds = (value: unknown) => stringsIn(value).filter((s) => CAPABILITY_ID.test(s.text));

const root = join(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/**
 * Where a source file's code (its comments gone) names a capability id, with the text around it.
 * esbuild (there through drizzle-kit's tooling) compiles the file without whitespace, which drops
 * every comment and turns JSX text into string literals.
 */
function idsInCode(file: string): string[] {
  const loader = file.endsWith(".tsx") ? "tsx" : "ts";
  const { code } = transformSync(readFileSync(file, "utf8"), {
    loader,
    legalComments: "none",
    minifyWhitespace: true,
  });
  return [...code.matchAll(new RegExp(CAPABILITY_ID, "g"))].map((m) =>
    code.slice(Math.max(0, m.index - 60), m.index + 20),
  );
}

describe("capability ids stay out of what users read", () => {
  it("the walk finds an id in a policy string, however deep", () => {
    // The checks below pass by finding nothing, so first show they would find something.
    const policy = structuredClone(presets["regional-cse"]);
    const kind = policy.transferKinds[0];
    if (!kind) throw new Error("regional-cse has no transfer kinds");
    kind.reasons[0] = {
      code: "x",
      label: "Extended leave (S0.1)",
      requiresText: false,
      isLeave: true,
      customerChoosesRegion: false,
    };
    expect(withIds(policy).map((s) => s.path)).toEqual([".transferKinds[0].reasons[0].label"]);
  });

  it("the code scan finds an id in a string or JSX text, and not in a comment", () => {
    const dir = mkdtempSync(join(tmpdir(), "baton-user-text-"));
    const file = join(dir, "probe.tsx");
    writeFileSync(
      file,
      [
        "// S1.2 in a line comment",
        "/** S1.3 in a doc comment */",
        'export const label = "Hand over (S0.1)";',
        "export const Note = () => <p>Meet at noon {/* S4.5 */}(S2.5)</p>;",
      ].join("\n"),
    );
    try {
      const found = idsInCode(file).map((around) => around.match(CAPABILITY_ID)?.[0]);
      expect(found).toEqual(["S0.1", "S2.5"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(PRESET_SLUGS)("preset %s: no policy text names a capability id", (slug) => {
    expect(withIds(presets[slug])).toEqual([]);
  });

  it("no code in src or web/src (comments aside) names a capability id", () => {
    const hits = [...sourceFiles(join(root, "src")), ...sourceFiles(join(root, "web/src"))].flatMap(
      (file) => idsInCode(file).map((around) => `${relative(root, file)}: …${around}…`),
    );
    expect(hits).toEqual([]);
  });
});

describe.each(databaseKinds)("capability ids in the API reference (%s)", (dbKind) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(dbKind);
  });
  afterAll(() => world.dispose());

  it("no summary, description or other text of the OpenAPI document names a capability id", async () => {
    const reply = await client(world.app).get<Record<string, unknown>>("/api/v1/openapi.json");
    expect(reply.status).toBe(200);
    expect(stringsIn(reply.body).length).toBeGreaterThan(100);
    expect(withIds(reply.body)).toEqual([]);
  });
});
