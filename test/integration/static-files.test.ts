// The web app as production serves it: the real Vite build (into a folder of this test's own, so
// neither a missing nor a stale web/dist matters) with its brotli and gzip copies, sent by
// Accept-Encoding; index.html revalidated, hashed assets kept a year; source maps private unless
// the operator publishes them.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { LightMyRequestResponse } from "fastify";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPRESSIBLE } from "../../scripts/precompress.ts";
import { loadConfig } from "../../src/config.ts";
import type { DatabaseKind } from "../../src/db/client.ts";
import { type App, buildApp } from "../../src/http/app.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/db.ts";

let dist: string;
let entry: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), "baton-web-dist-"));
  await build({
    configFile: join(process.cwd(), "vite.config.ts"),
    logLevel: "silent",
    build: { outDir: dist, emptyOutDir: true },
  });
  const script = /<script type="module"[^>]* src="([^"]+)"/.exec(
    readFileSync(join(dist, "index.html"), "utf8"),
  );
  entry = script?.[1] ?? "";
}, 180_000);
afterAll(() => {
  if (dist) rmSync(dist, { recursive: true, force: true });
});

const onDisk = (path: string) => readFileSync(join(dist, path));
const assets = () => readdirSync(join(dist, "assets"));

describe("the build", () => {
  it("writes a smaller brotli and gzip copy beside each text file, and none of a map", () => {
    const files = [...readdirSync(dist).map((f) => f), ...assets().map((f) => `assets/${f}`)];
    const texts = files.filter((f) => COMPRESSIBLE.test(f));
    expect(texts.filter((f) => f.endsWith(".js")).length).toBeGreaterThan(3);
    for (const file of texts) {
      const raw = onDisk(file);
      // The smallest files may not shrink; everything sizeable must.
      if (raw.length < 1024) continue;
      for (const [suffix, decode] of [
        [".br", brotliDecompressSync],
        [".gz", gunzipSync],
      ] as const) {
        const copy = onDisk(`${file}${suffix}`);
        expect(copy.length, `${file}${suffix}`).toBeLessThan(raw.length);
        expect(decode(copy).equals(raw), `${file}${suffix} decodes to ${file}`).toBe(true);
      }
    }
    expect(files.filter((f) => /\.map\.(br|gz)$/.test(f))).toEqual([]);
  });

  it("writes source maps that the scripts do not point at", () => {
    const scripts = assets().filter((f) => f.endsWith(".js"));
    // Every script with code of the app's own has a map. Without one: the bundler's small
    // runtime chunk, and facades that only re-export a page from the chunk that holds it.
    const mapped = scripts.filter((f) => assets().includes(`${f}.map`));
    expect(mapped).toContain(entry.slice("/assets/".length));
    const unmapped = scripts.filter((f) => !mapped.includes(f));
    for (const f of unmapped)
      expect(
        f.startsWith("rolldown-runtime-") ||
          /^export\{[^}]*\}from"\.\/[\w.-]+\.js";?$/.test(onDisk(`/assets/${f}`).toString().trim()),
        `${f} has code but no map`,
      ).toBe(true);
    for (const script of scripts)
      expect(onDisk(`assets/${script}`).toString("utf8")).not.toMatch(/sourceMappingURL/);
  });
});

describe("BATON_PUBLIC_SOURCE_MAPS", () => {
  it("is off unless set to true, and anything but true or false stops the start", () => {
    expect(loadConfig({}).publicSourceMaps).toBe(false);
    expect(loadConfig({ BATON_PUBLIC_SOURCE_MAPS: "true" }).publicSourceMaps).toBe(true);
    expect(loadConfig({ BATON_PUBLIC_SOURCE_MAPS: "false" }).publicSourceMaps).toBe(false);
    expect(() => loadConfig({ BATON_PUBLIC_SOURCE_MAPS: "1" })).toThrow(/BATON_PUBLIC_SOURCE_MAPS/);
  });
});

describe.each(databaseKinds)("serving the built web app (%s)", (kind: DatabaseKind) => {
  let database: TestDatabase;
  let app: App;
  let withMaps: App;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await buildApp({ database, config: loadConfig({}), webDist: dist });
    withMaps = await buildApp({
      database,
      config: loadConfig({ BATON_PUBLIC_SOURCE_MAPS: "true" }),
      webDist: dist,
    });
    await Promise.all([app.ready(), withMaps.ready()]);
  });
  afterAll(async () => {
    await app?.close();
    await withMaps?.close();
    await database?.dispose();
  });

  const get = (url: string, acceptEncoding?: string, on: App = app) =>
    on.inject({
      method: "GET",
      url,
      headers: acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding },
    });
  const varies = (response: LightMyRequestResponse) =>
    String(response.headers.vary ?? "")
      .toLowerCase()
      .split(/\s*,\s*/);

  it("sends a hashed script as brotli, gzip or as it is, by Accept-Encoding, kept a year", async () => {
    expect(entry).toMatch(/^\/assets\/index-[\w-]+\.js$/);
    const original = onDisk(entry);
    const cases = [
      ["gzip, deflate, br, zstd", "br", brotliDecompressSync],
      ["br", "br", brotliDecompressSync],
      ["gzip", "gzip", gunzipSync],
      ["gzip, br;q=0", "gzip", gunzipSync],
      [undefined, undefined, (b: Buffer) => b],
      ["identity", undefined, (b: Buffer) => b],
    ] as const;
    for (const [accept, encoding, decode] of cases) {
      const response = await get(entry, accept);
      expect(response.statusCode, String(accept)).toBe(200);
      expect(response.headers["content-encoding"], String(accept)).toBe(encoding);
      expect(response.headers["content-type"]).toMatch(/javascript/);
      expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(varies(response)).toContain("accept-encoding");
      expect(response.headers.sourcemap).toBeUndefined();
      const body = decode(response.rawPayload);
      expect(body.equals(original), `${accept}: the original bytes`).toBe(true);
      // Compressed copies are well under a third of the script; the identity copy is the script.
      expect(response.rawPayload.length).toBeLessThanOrEqual(
        encoding ? original.length / 3 : original.length,
      );
    }
  });

  it("sends the stylesheet compressed too", async () => {
    const css = assets().find((f) => f.endsWith(".css"));
    const response = await get(`/assets/${css}`, "br");
    expect(response.headers["content-encoding"]).toBe("br");
    expect(response.headers["content-type"]).toMatch(/text\/css/);
    expect(brotliDecompressSync(response.rawPayload).equals(onDisk(`assets/${css}`))).toBe(true);
  });

  it("sends index.html compressed for every page URL, always revalidated", async () => {
    const original = onDisk("index.html");
    for (const url of ["/", "/sign-in", "/w/regional-cse/mine?x=1"]) {
      const br = await get(url, "gzip, deflate, br");
      expect(br.statusCode, url).toBe(200);
      expect(br.headers["content-encoding"], url).toBe("br");
      expect(br.headers["cache-control"], url).toBe("no-cache");
      expect(br.headers["content-type"], url).toMatch(/text\/html/);
      expect(varies(br), url).toContain("accept-encoding");
      // The security headers come with a file sent as it was built, too.
      expect(br.headers["content-security-policy"], url).toMatch(/default-src 'self'/);
      expect(brotliDecompressSync(br.rawPayload).equals(original), url).toBe(true);
      const plain = await get(url);
      expect(plain.headers["content-encoding"], url).toBeUndefined();
      expect(plain.headers["cache-control"], url).toBe("no-cache");
      expect(varies(plain), url).toContain("accept-encoding");
      expect(plain.rawPayload.equals(original), url).toBe(true);
    }
  });

  it("opens a page whose URL ends like a file name, and answers 404 for a missing file", async () => {
    // An unsubscribe link's token ends in its signature, which often reads as an "extension".
    const page = "/unsubscribe/8ed782f5-2f68-4d4c-8c9e-bbdca42b689c.owner_briefing.Kfy3dUuAFSd0Zp6";
    const opened = await app.inject({ method: "GET", url: page, headers: { accept: "text/html" } });
    expect(opened.statusCode).toBe(200);
    expect(opened.headers["content-type"]).toMatch(/text\/html/);
    expect(opened.rawPayload.equals(onDisk("index.html"))).toBe(true);
    const script = await app.inject({ method: "GET", url: page, headers: { accept: "*/*" } });
    expect(script.statusCode).toBe(404);
    expect((await get("/missing-logo.png")).statusCode).toBe(404);
    const asset = await app.inject({
      method: "GET",
      url: "/assets/missing.js",
      headers: { accept: "text/html" },
    });
    expect(asset.statusCode).toBe(404);
  });

  it("keeps source maps and the compressed copies' own names private by default", async () => {
    const map = `${entry}.map`;
    for (const accept of [undefined, "br", "gzip"])
      expect((await get(map, accept)).statusCode, `${map} ${accept}`).toBe(404);
    expect((await get(`${entry}.br`, "br")).statusCode).toBe(404);
    expect((await get(`${entry}.gz`, "gzip")).statusCode).toBe(404);
    expect((await get("/index.html.br", "br")).statusCode).toBe(404);
  });

  it("serves source maps, announced by the scripts' SourceMap header, once published", async () => {
    const map = await get(`${entry}.map`, "br", withMaps);
    expect(map.statusCode).toBe(200);
    expect(map.headers["content-encoding"]).toBeUndefined();
    expect(map.rawPayload.equals(onDisk(`${entry}.map`))).toBe(true);
    const sources = (map.json() as { sources: string[] }).sources;
    expect(
      sources.some((source) => source.endsWith("src/main.tsx")),
      sources.join(),
    ).toBe(true);
    const script = await get(entry, "br", withMaps);
    expect(script.headers["content-encoding"]).toBe("br");
    expect(script.headers.sourcemap).toBe(`${entry.slice("/assets/".length)}.map`);
  });
});
