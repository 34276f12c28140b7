// The layering of docs/architecture.md, checked: every import in src/ and web/src/ is read and
// compared with the table below. `npm run check` runs it; test/unit/layering.test.ts too.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Which folders of src/ each folder may import. A folder always may import itself. The order
 * runs from the bottom (pure rules) to the top (processes); nothing imports upwards.
 */
export const LAYERS: Record<string, readonly string[]> = {
  domain: [],
  presets: ["domain"],
  config: ["domain"],
  db: ["domain"],
  auth: ["domain", "db", "config"],
  events: ["domain", "db", "auth"],
  loaders: ["domain", "db", "auth"],
  presenters: ["domain", "db", "auth", "loaders"],
  notify: ["domain", "db", "config", "events", "loaders", "auth"],
  inbound: ["domain", "config"],
  reactions: ["domain", "db", "config", "auth", "events", "loaders", "notify"],
  writes: ["domain", "db", "config", "auth", "events", "loaders", "notify", "inbound", "reactions"],
  commands: [
    "domain",
    "db",
    "config",
    "auth",
    "events",
    "loaders",
    "presenters",
    "notify",
    "inbound",
    "writes",
    "reactions",
  ],
  jobs: [
    "domain",
    "db",
    "config",
    "auth",
    "events",
    "loaders",
    "notify",
    "reactions",
    "writes",
    "commands",
  ],
  demo: ["domain", "db", "config", "auth", "presets", "loaders", "commands"],
  http: [
    "domain",
    "db",
    "config",
    "auth",
    "events",
    "loaders",
    "presenters",
    "notify",
    "commands",
    "presets",
    "jobs",
    "inbound",
  ],
  cli: [
    "domain",
    "db",
    "config",
    "auth",
    "loaders",
    "presenters",
    "commands",
    "presets",
    "demo",
    "http",
    "jobs",
    "inbound",
    "server",
  ],
  server: [
    "cli",
    "domain",
    "db",
    "config",
    "auth",
    "notify",
    "commands",
    "presets",
    "demo",
    "http",
    "jobs",
    "inbound",
  ],
};

export interface Violation {
  file: string;
  line: number;
  imports: string;
  why: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : filesUnder(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The folder of src/ a file belongs to: its first path segment, or the file's own name. */
function layerOf(src: string, file: string): string {
  const [first, second] = relative(src, file).split(sep);
  return second === undefined ? (first ?? "").replace(/\.tsx?$/, "") : (first ?? "");
}

const IMPORT =
  /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm;

interface Found {
  specifier: string;
  typeOnly: boolean;
  line: number;
}

function importsOf(text: string): Found[] {
  const found: Found[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const specifier = m[3] ?? m[4];
    if (!specifier) continue;
    found.push({
      specifier,
      typeOnly: Boolean(m[2]),
      line: text.slice(0, m.index).split("\n").length,
    });
  }
  return found;
}

/** Every import of `root`'s src/ and web/src/ that breaks the table. */
export function checkLayers(root = PROJECT): Violation[] {
  const violations: Violation[] = [];
  const src = join(root, "src");
  for (const file of filesUnder(src)) {
    const from = layerOf(src, file);
    const allowed = LAYERS[from];
    const rel = relative(root, file);
    if (!allowed) {
      violations.push({
        file: rel,
        line: 1,
        imports: "",
        why: `folder ${from} is not in the table`,
      });
      continue;
    }
    for (const { specifier, line } of importsOf(readFileSync(file, "utf8"))) {
      if (!specifier.startsWith(".")) continue;
      const target = resolve(dirname(file), specifier);
      if (!target.startsWith(src + sep)) {
        violations.push({ file: rel, line, imports: specifier, why: "reaches outside src/" });
        continue;
      }
      const to = layerOf(src, target);
      if (to === from || allowed.includes(to)) continue;
      violations.push({ file: rel, line, imports: specifier, why: `${from} may not import ${to}` });
    }
  }
  // The web app shares the server's response schemas as types only, and may run the domain's
  // pure rules (case statuses) itself; nothing else of the server is bundled into the browser.
  for (const file of filesUnder(join(root, "web", "src"))) {
    const rel = relative(root, file);
    for (const { specifier, typeOnly, line } of importsOf(readFileSync(file, "utf8"))) {
      if (!specifier.startsWith(".")) continue;
      const target = resolve(dirname(file), specifier);
      if (!target.startsWith(src + sep) || typeOnly) continue;
      if (layerOf(src, target) !== "domain")
        violations.push({ file: rel, line, imports: specifier, why: "web imports server code" });
    }
  }
  return violations;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const violations = checkLayers();
  for (const v of violations) console.error(`${v.file}:${v.line}: ${v.why} (${v.imports})`);
  if (violations.length > 0) {
    console.error(`${violations.length} import(s) break the layering of docs/architecture.md`);
    process.exit(1);
  }
  console.log("layering: every import follows docs/architecture.md");
}
