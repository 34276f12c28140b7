import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pack } from "tar-stream";
import { describe, expect, it } from "vitest";
import {
  extractTo,
  TarDamaged,
  TarRefused,
  tarEntries,
  tarOfFolder,
  tarWithout,
} from "../../src/db/tar.ts";

async function bytesOf(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A small data folder's archive, laid out as PGlite writes one ("./" before each name). */
async function folder(): Promise<Buffer> {
  const archive = pack();
  archive.entry({ name: "./PG_VERSION" }, "17\n");
  archive.entry({ name: "./postmaster.pid" }, "4242\n");
  archive.entry({ name: "./global", type: "directory" });
  archive.entry({ name: "./global/pg_control" }, Buffer.alloc(2000, 7));
  archive.finalize();
  return bytesOf(archive);
}

describe("data folder archives", () => {
  it("lists every entry with its type and size, without the leading ./", async () => {
    expect(await tarEntries(await folder())).toEqual([
      { name: "PG_VERSION", type: "file", size: 3 },
      { name: "postmaster.pid", type: "file", size: 5 },
      { name: "global", type: "directory", size: 0 },
      { name: "global/pg_control", type: "file", size: 2000 },
    ]);
  });

  it("copies an archive without the entries named, the others byte for byte", async () => {
    const original = await folder();
    const copy = await bytesOf(tarWithout(original, ["postmaster.pid"]));
    expect((await tarEntries(copy)).map((e) => e.name)).toEqual([
      "PG_VERSION",
      "global",
      "global/pg_control",
    ]);
    expect(copy.includes(Buffer.alloc(2000, 7))).toBe(true);
    expect(copy.includes(Buffer.from("4242\n"))).toBe(false);
  });

  it("refuses an archive cut inside a file", async () => {
    const cut = (await folder()).subarray(0, 2500);
    await expect(tarEntries(cut)).rejects.toThrow(new TarDamaged("the archive is cut short"));
  });

  it("refuses a header whose checksum does not match, listing or copying", async () => {
    const damaged = await folder();
    damaged.fill(0x41, 1024 + 10, 1024 + 12);
    const wrong = new TarDamaged("a header is damaged (its checksum does not match)");
    await expect(tarEntries(damaged)).rejects.toThrow(wrong);
    await expect(bytesOf(tarWithout(damaged, []))).rejects.toThrow(wrong);
  });

  it("writes a folder's archive from disk and extracts one back, byte for byte", async () => {
    const scratch = mkdtempSync(join(tmpdir(), "baton-tar-"));
    try {
      const from = join(scratch, "from");
      mkdirSync(join(from, "global"), { recursive: true });
      mkdirSync(join(from, "base", "1"), { recursive: true });
      writeFileSync(join(from, "PG_VERSION"), "17\n");
      writeFileSync(join(from, "global", "pg_control"), Buffer.alloc(2000, 7));
      writeFileSync(join(from, "base", "1", "112"), Buffer.alloc(70_000, 3));
      const archive = await bytesOf(tarOfFolder(from));
      expect(await tarEntries(archive)).toEqual([
        { name: "PG_VERSION", type: "file", size: 3 },
        { name: "base", type: "directory", size: 0 },
        { name: "base/1", type: "directory", size: 0 },
        { name: "base/1/112", type: "file", size: 70_000 },
        { name: "global", type: "directory", size: 0 },
        { name: "global/pg_control", type: "file", size: 2000 },
      ]);
      const to = join(scratch, "to");
      await extractTo(Readable.from([archive]), to);
      expect(readdirSync(to).sort()).toEqual(["PG_VERSION", "base", "global"]);
      expect(readFileSync(join(to, "base", "1", "112")).equals(Buffer.alloc(70_000, 3))).toBe(true);
      expect(readFileSync(join(to, "global", "pg_control")).equals(Buffer.alloc(2000, 7))).toBe(
        true,
      );
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it("extracts nothing outside its folder and only files and folders", async () => {
    const scratch = mkdtempSync(join(tmpdir(), "baton-tar-"));
    try {
      const outward = pack();
      outward.entry({ name: "./PG_VERSION" }, "17\n");
      outward.entry({ name: "../outside" }, "x");
      outward.finalize();
      const to = join(scratch, "to");
      await expect(extractTo(Readable.from([await bytesOf(outward)]), to)).rejects.toThrow(
        new TarRefused("it names a path outside its folder (../outside)"),
      );
      expect(readdirSync(scratch)).toEqual(["to"]);

      const link = pack();
      link.entry({ name: "PG_VERSION", type: "symlink", linkname: "/etc/passwd" });
      link.finalize();
      await expect(extractTo(Readable.from([await bytesOf(link)]), to)).rejects.toThrow(
        new TarRefused("it holds a symlink (PG_VERSION), where a data folder has files"),
      );
      await expect(
        extractTo(Readable.from([(await folder()).subarray(0, 2500)]), join(scratch, "cut")),
      ).rejects.toThrow(new TarDamaged("the archive is cut short"));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
