// The tar archives PGlite writes of its data folder, read and rewritten with tar-stream: listed
// (every header's checksum checked) before anything is extracted, and copied without the files
// that must not travel, such as the lock file.
import { Readable } from "node:stream";
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
