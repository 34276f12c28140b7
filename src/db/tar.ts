// The tar archives of PGlite's data folder, read and written with tar-stream: listed (every
// header's checksum checked) before anything is extracted, copied without the files that must
// not travel, such as the lock file, and written from a folder on disk as they are read.
import { createReadStream, createWriteStream, type Stats } from "node:fs";
import { mkdir, readdir, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { extract, pack } from "tar-stream";

export interface TarEntry {
  /** The path inside the archive, without a leading "/" or "./". */
  name: string;
  /** "file", "directory" and so on, as tar-stream names ustar's types. */
  type: string;
  size: number;
}

export class TarDamaged extends Error {}

const entryName = (name: string) => name.replace(/^(\.?\/)+/, "");

/** tar-stream's words for what is wrong, in Baton's. */
function damaged(error: unknown): TarDamaged {
  const message = (error as Error).message ?? String(error);
  if (/unexpected end/i.test(message)) return new TarDamaged("the archive is cut short");
  if (/invalid tar header/i.test(message))
    return new TarDamaged("a header is damaged (its checksum does not match)");
  return new TarDamaged(message);
}

/** Every entry; throws TarDamaged when a header is damaged or the archive is cut short. */
export async function tarEntries(tar: Uint8Array): Promise<TarEntry[]> {
  const entries: TarEntry[] = [];
  const reader = extract();
  reader.end(tar);
  try {
    for await (const entry of reader) {
      const { name, type, size } = entry.header;
      entries.push({ name: entryName(name), type: type ?? "file", size: size ?? 0 });
      entry.resume();
    }
  } catch (error) {
    throw damaged(error);
  }
  return entries;
}

/** The same archive without the entries named, as a stream of its bytes. */
export function tarWithout(tar: Uint8Array, names: readonly string[]): Readable {
  const writer = pack();
  const reader = extract();
  reader.on("entry", (header, stream, next) => {
    if (names.includes(entryName(header.name))) {
      stream.on("end", next).resume();
      return;
    }
    stream.pipe(writer.entry(header, next));
  });
  reader.on("finish", () => writer.finalize());
  reader.on("error", (error) => writer.destroy(damaged(error)));
  reader.end(tar);
  return Readable.from(writer);
}

/**
 * Paths under `root`, relative to it, with what stat says of each: each directory before what it
 * holds, by name.
 */
async function* walk(root: string, under = ""): AsyncGenerator<{ name: string; info: Stats }> {
  const names = (await readdir(join(root, under))).sort();
  for (const entry of names) {
    const name = under ? `${under}/${entry}` : entry;
    const info = await stat(join(root, name));
    yield { name, info };
    if (info.isDirectory()) yield* walk(root, name);
  }
}

/**
 * A folder as a tar stream, in the layout PGlite's own dump has (names relative to the folder,
 * directories as entries of their own): each file is read from disk as the reader takes the
 * archive, so memory stays flat however large the folder is.
 */
export function tarOfFolder(root: string): Readable {
  const writer = pack();
  const write = async () => {
    for await (const { name, info } of walk(root)) {
      const header = { name, mode: info.mode & 0o7777, mtime: info.mtime };
      if (info.isDirectory()) writer.entry({ ...header, type: "directory" });
      else
        await pipeline(
          createReadStream(join(root, name)),
          writer.entry({ ...header, size: info.size }),
        );
    }
    writer.finalize();
  };
  write().catch((error: unknown) => writer.destroy(error as Error));
  return Readable.from(writer);
}

/** An entry that would land outside the folder, or is neither a file nor a folder. */
export class TarRefused extends Error {}

/**
 * Writes the archive `source` streams into the folder `root` as it is read (files and folders
 * only, every name inside `root`), so memory stays flat however large the archive is. Throws
 * TarDamaged when a header is damaged or the archive is cut short, TarRefused for an entry it
 * will not write, and the source's own error when the source fails.
 */
export async function extractTo(source: Readable, root: string): Promise<void> {
  const reader = extract();
  source.once("error", (error) => reader.destroy(error));
  source.pipe(reader);
  let failure: unknown;
  try {
    for await (const entry of reader) {
      const name = entryName(entry.header.name).replace(/\/+$/, "");
      const type = entry.header.type ?? "file";
      if (!name) {
        // The folder itself ("./").
        entry.resume();
        continue;
      }
      if (name.split("/").some((part) => part === ".." || part === "." || part === ""))
        throw new TarRefused(`it names a path outside its folder (${entry.header.name})`);
      const path = join(root, name);
      if (type === "directory") {
        await mkdir(path, { recursive: true });
        entry.resume();
      } else if (type === "file") {
        await mkdir(dirname(path), { recursive: true });
        await pipeline(entry, createWriteStream(path));
      } else throw new TarRefused(`it holds a ${type} (${name}), where a data folder has files`);
    }
  } catch (error) {
    failure = error;
  }
  source.unpipe(reader);
  source.destroy();
  if (failure === undefined) return;
  if (failure instanceof TarRefused || source.errored) throw source.errored ?? failure;
  throw damaged(failure);
}
