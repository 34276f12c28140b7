// Every language says everything English says, nothing is left blank, and every key the code
// asks for exists: a missing key would show its name ("casePage.owner") to the person. Plural
// keys ("meetings_one", "meetings_other") follow each language's own plural forms
// (Intl.PluralRules), so a language with more forms than English has more keys.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "..");
const LOCALES = join(SRC, "locales");

function flatten(tree: unknown, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (tree === null || typeof tree !== "object" || Array.isArray(tree)) {
    out.set(prefix, tree);
    return out;
  }
  for (const [key, value] of Object.entries(tree))
    for (const [k, v] of flatten(value, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
  return out;
}

function messages(file: string): Map<string, unknown> {
  return flatten(JSON.parse(readFileSync(join(LOCALES, file), "utf8")));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Keys in `t("…")` calls, and "namespace.key" strings kept in tables and passed to `t` later. */
function keysUsedInCode(namespaces: ReadonlySet<string>): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/\bt\(\s*["'`]([^"'`$]+)["'`]/g)) used.set(m[1] ?? "", file);
    for (const m of text.matchAll(/["']([a-zA-Z]+)\.([a-zA-Z0-9]+)["']/g))
      if (namespaces.has(m[1] ?? "")) used.set(`${m[1]}.${m[2]}`, file);
  }
  return used;
}

const en = messages("en.json");
const languages = readdirSync(LOCALES).filter((f) => f.endsWith(".json"));

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** English's keys as `language` must have them: each plural key in that language's forms. */
function keysFor(language: string): string[] {
  const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const keys = new Set<string>();
  for (const key of en.keys()) {
    if (!PLURAL_SUFFIX.test(key)) keys.add(key);
    else for (const form of forms) keys.add(key.replace(PLURAL_SUFFIX, `_${form}`));
  }
  return [...keys].sort();
}

/** A key the code asks for exists as it is, in plural forms or with a context ("entryBy_public"). */
const hasKey = (key: string) => [...en.keys()].some((k) => k === key || k.startsWith(`${key}_`));

describe("the app's messages", () => {
  it("has English and German", () => {
    expect(languages).toEqual(expect.arrayContaining(["en.json", "de.json"]));
  });

  it.each(languages)("%s has exactly English's keys, none of them empty", (file) => {
    const other = messages(file);
    expect([...other.keys()].sort()).toEqual(keysFor(file.replace(/\.json$/, "")));
    const empty = [...other].filter(([, v]) => typeof v !== "string" || v.trim() === "");
    expect(empty).toEqual([]);
  });

  it("asks a language with other plural forms for those forms", () => {
    const polish = keysFor("pl").filter((k) => k.startsWith("meetingsPage.meetings_"));
    expect(polish).toEqual([
      "meetingsPage.meetings_few",
      "meetingsPage.meetings_many",
      "meetingsPage.meetings_one",
      "meetingsPage.meetings_other",
    ]);
  });

  it("has every key the code uses, in English", () => {
    const namespaces = new Set([...en.keys()].map((k) => k.split(".")[0] ?? ""));
    const used = keysUsedInCode(namespaces);
    expect(used.size).toBeGreaterThan(1000);
    const missing = [...used]
      .filter(([key]) => !hasKey(key))
      .map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });
});
