// A Vite build step: a brotli (.br) and a gzip (.gz) copy beside every text file of the build,
// which @fastify/static's `preCompressed` then serves by the request's Accept-Encoding. Why Node's
// zlib rather than a plugin package: docs/decisions/0012-static-files.md.
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { Plugin } from "vite";

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** What the server sends to browsers. Source maps are left out: they are not served by default. */
export const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|webmanifest)$/;

export interface Compressed {
  file: string;
  raw: number;
  br: number | undefined;
  gz: number | undefined;
}

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

async function compressOne(file: string): Promise<Compressed> {
  const bytes = await readFile(file);
  const [br, gzipped] = await Promise.all([
    // Built once, sent many times: the slowest, smallest settings are worth it.
    brotli(bytes, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    gz(bytes, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  // A tiny file can come out bigger; without the copy the server sends the original.
  const keep = async (suffix: string, copy: Buffer) => {
    if (copy.length >= bytes.length) return undefined;
    await writeFile(`${file}${suffix}`, copy);
    return copy.length;
  };
  return {
    file,
    raw: bytes.length,
    br: await keep(".br", br),
    gz: await keep(".gz", gzipped),
  };
}

/** Compresses every text file under `dir` (already written), all at once on zlib's threads. */
export async function precompressDir(dir: string): Promise<Compressed[]> {
  const work: Promise<Compressed>[] = [];
  for await (const file of files(dir))
    if (COMPRESSIBLE.test(file) && (await stat(file)).size > 0) work.push(compressOne(file));
  return Promise.all(work);
}

export function precompress(): Plugin {
  return {
    name: "baton:precompress",
    apply: "build",
    // After every file, the public folder's copies included, is on disk.
    async writeBundle(options) {
      if (options.dir) await precompressDir(options.dir);
    },
  };
}
