// What a browser downloads to show the sign-in page, from a real `baton serve` of this checkout's
// web/dist (run `npm run build` first). docs/performance.md, "Web app bundle", has the figures.
//
//   node bench/web-bundle.ts [--path /sign-in]
//
// Raw: the bytes of each file as built. Brotli: each compressed at quality 11 here, whatever the
// server sends, so that builds with and without precompressed copies compare. Sent: the body
// bytes that came over the wire, in the encoding the server chose (Chromium asks for br on
// HTTPS and on loopback addresses; elsewhere on plain HTTP it gets gzip).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { parseArgs } from "node:util";
import { brotliCompressSync, constants } from "node:zlib";
import { chromium } from "playwright-core";
import { ROOT, startServe } from "./serve.ts";

const { values } = parseArgs({
  options: { path: { type: "string", default: "/sign-in" } },
});
const CHROMIUM = process.env.BATON_CHROMIUM ?? "/usr/bin/chromium";
const DIST = join(ROOT, "web/dist");

const brotli = (bytes: Buffer) =>
  brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }).length;

interface Row {
  path: string;
  encoding: string;
  raw: number;
  brotli: number;
  sent: number;
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** Every script and stylesheet the build made: what the whole app would be in one download. */
function wholeApp(): { raw: number; brotli: number; files: number } {
  const assets = join(DIST, "assets");
  let raw = 0;
  let compressed = 0;
  let files = 0;
  for (const name of readdirSync(assets)) {
    if (![".js", ".css"].includes(extname(name))) continue;
    const bytes = readFileSync(join(assets, name));
    raw += bytes.length;
    compressed += brotli(bytes);
    files += 1;
  }
  return { raw, brotli: compressed, files };
}

async function main(): Promise<void> {
  if (!statSync(join(DIST, "index.html"), { throwIfNoEntry: false }))
    throw new Error("No web/dist/index.html: run `npm run build` first");
  const dataDir = mkdtempSync(join(tmpdir(), "baton-web-bundle-"));
  const server = await startServe({
    env: { BATON_DATA_DIR: dataDir, BATON_DEMO: "off", BATON_INBOUND_SMTP: "off" },
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  try {
    const page = await browser.newPage();
    const pending: Promise<Row | undefined>[] = [];
    page.on("requestfinished", (request) => {
      const url = new URL(request.url());
      if (url.origin !== server.url || url.pathname.startsWith("/api/")) return;
      pending.push(
        (async () => {
          const response = await request.response();
          if (!response) return undefined;
          const body = await response.body();
          const sizes = await request.sizes();
          return {
            path: url.pathname,
            encoding: response.headers()["content-encoding"] ?? "identity",
            raw: body.length,
            brotli: brotli(body),
            sent: sizes.responseBodySize,
          };
        })(),
      );
    });
    await page.goto(`${server.url}${values.path}`, { waitUntil: "networkidle" });
    await page.getByLabel(/password/i).waitFor();
    const rows = (await Promise.all(pending)).filter((r): r is Row => r !== undefined);
    const total = (pick: (r: Row) => number, only?: (r: Row) => boolean) =>
      rows.filter(only ?? (() => true)).reduce((sum, r) => sum + pick(r), 0);
    const scripts = (r: Row) => r.path.endsWith(".js");
    console.log(`${values.path} on ${server.url}, web/dist as built:\n`);
    console.log("| file | raw | brotli | sent (encoding) |");
    console.log("| --- | ---: | ---: | ---: |");
    for (const r of rows)
      console.log(`| ${r.path} | ${kb(r.raw)} | ${kb(r.brotli)} | ${kb(r.sent)} (${r.encoding}) |`);
    console.log(
      `| **all ${rows.length} files** | **${kb(total((r) => r.raw))}** | **${kb(total((r) => r.brotli))}** | **${kb(total((r) => r.sent))}** |`,
    );
    console.log(
      `| of which scripts | ${kb(total((r) => r.raw, scripts))} | ${kb(total((r) => r.brotli, scripts))} | ${kb(total((r) => r.sent, scripts))} |`,
    );
    const app = wholeApp();
    console.log(
      `\nThe whole app (${app.files} .js and .css files): ${kb(app.raw)} raw, ${kb(app.brotli)} brotli.`,
    );
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
