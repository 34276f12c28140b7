// Just enough of the ustar format to read the archive PGlite writes of its data folder, check
// it before anything is extracted, and leave files out of it. A tar is a run of 512-byte header
// blocks, each followed by its file's bytes padded to whole blocks, ended by zero blocks.

const BLOCK = 512;

export interface TarEntry {
  /** The path inside the archive, without a leading "/" or "./". */
  name: string;
  /** "0" (or NUL) a file, "5" a folder; others as ustar defines them. */
  type: string;
  size: number;
  /** Where the entry's header starts and where its padded bytes end. */
  start: number;
  end: number;
}

export class TarDamaged extends Error {}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes).replace(/\0[\s\S]*$/, "");

function octal(bytes: Uint8Array, what: string, at: number): number {
  const digits = text(bytes).trim();
  if (!/^[0-7]*$/.test(digits))
    throw new TarDamaged(`the ${what} of the entry at byte ${at} is not a number`);
  return digits === "" ? 0 : Number.parseInt(digits, 8);
}

/** Every entry, each header's checksum checked; throws TarDamaged naming the first bad one. */
export function tarEntries(tar: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let at = 0;
  while (at + BLOCK <= tar.length) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) return entries;
    const recorded = octal(header.subarray(148, 156), "checksum", at);
    // The checksum is the sum of the header's bytes with its own eight counted as spaces.
    let sum = 8 * 0x20;
    for (let i = 0; i < BLOCK; i++) if (i < 148 || i >= 156) sum += header[i] ?? 0;
    if (sum !== recorded) throw new TarDamaged(`the header at byte ${at} has a wrong checksum`);
    const size = octal(header.subarray(124, 136), "size", at);
    const prefix = text(header.subarray(345, 500));
    const name = (prefix ? `${prefix}/` : "") + text(header.subarray(0, 100));
    const end = at + BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (end > tar.length) throw new TarDamaged(`${name} is cut short`);
    entries.push({
      name: name.replace(/^(\.?\/)+/, ""),
      type: String.fromCharCode(header[156] ?? 0),
      size,
      start: at,
      end,
    });
    at = end;
  }
  throw new TarDamaged("it ends without the closing blocks: cut short");
}

/** The entry's bytes. */
export function tarFile(tar: Uint8Array, entry: TarEntry): Uint8Array {
  return tar.subarray(entry.start + BLOCK, entry.start + BLOCK + entry.size);
}

/**
 * The same archive without the entries named, as parts of the original to write one after the
 * other: a data folder's tar is tens of MB, not worth copying to drop a small file.
 */
export function tarWithout(tar: Uint8Array, names: readonly string[]): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let from = 0;
  let end = 0;
  for (const entry of tarEntries(tar)) {
    end = entry.end;
    if (!names.includes(entry.name)) continue;
    if (entry.start > from) parts.push(tar.subarray(from, entry.start));
    from = entry.end;
  }
  if (end > from) parts.push(tar.subarray(from, end));
  parts.push(new Uint8Array(2 * BLOCK));
  return parts;
}
