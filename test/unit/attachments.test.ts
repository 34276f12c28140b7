import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import {
  cleanFilename,
  DEFAULT_ALLOWED_TYPES,
  decideFileType,
  isPreviewable,
  looksLikeText,
} from "../../src/domain/attachments.ts";
import { contentDisposition } from "../../src/presenters/attachments.ts";

const allowed = DEFAULT_ALLOWED_TYPES;
const facts = (over: Partial<Parameters<typeof decideFileType>[0]>) => ({
  filename: "file",
  declaredType: "",
  detectedType: undefined,
  isText: false,
  ...over,
});

describe("attachment names", () => {
  it("drops folders, control and direction characters, and keeps the extension when cut", () => {
    expect(cleanFilename("C:\\Users\\ana\\shot.png")).toBe("shot.png");
    expect(cleanFilename("../../etc/passwd")).toBe("passwd");
    expect(cleanFilename("in\u0000voice\u202egnp.exe")).toBe("invoicegnp.exe");
    expect(cleanFilename("...")).toBe("file");
    const long = cleanFilename(`${"a".repeat(400)}.log`);
    expect([...long]).toHaveLength(200);
    expect(long.endsWith(".log")).toBe(true);
  });

  it("writes the exact name in filename* and a safe ASCII one beside it", () => {
    expect(contentDisposition('naïve "quote" (1).txt')).toBe(
      `attachment; filename="na_ve _quote_ (1).txt"; filename*=UTF-8''na%C3%AFve%20%22quote%22%20%281%29.txt`,
    );
    expect(contentDisposition("a.png", true).startsWith("inline; ")).toBe(true);
  });
});

describe("attachment types", () => {
  it("takes the type from the bytes, and text by its name", () => {
    expect(
      decideFileType(facts({ filename: "a.jpg", detectedType: "image/png" }), allowed),
    ).toEqual({ ok: true, contentType: "image/png" });
    expect(decideFileType(facts({ filename: "rows.csv", isText: true }), allowed)).toEqual({
      ok: true,
      contentType: "text/csv",
    });
    expect(decideFileType(facts({ filename: "app.log", isText: true }), allowed)).toEqual({
      ok: true,
      contentType: "text/plain",
    });
  });

  it("refuses pages, scripts, text posing as an image, and types not allowed", () => {
    const code = (f: ReturnType<typeof facts>) => {
      const d = decideFileType(f, allowed);
      return d.ok ? "ok" : d.code;
    };
    expect(code(facts({ filename: "x.html", isText: true }))).toBe("file_type_not_allowed");
    expect(code(facts({ filename: "x.txt", declaredType: "image/svg+xml", isText: true }))).toBe(
      "file_type_not_allowed",
    );
    expect(code(facts({ filename: "x.png", declaredType: "image/png", isText: true }))).toBe(
      "file_type_mismatch",
    );
    expect(code(facts({ filename: "x.png", detectedType: "application/zip" }))).toBe(
      "file_type_mismatch",
    );
    expect(code(facts({ filename: "x.exe", detectedType: "application/x-msdownload" }))).toBe(
      "file_type_not_allowed",
    );
    expect(code(facts({ filename: "blob" }))).toBe("file_type_not_allowed");
  });

  it("previews raster images only", () => {
    expect(isPreviewable("image/png")).toBe(true);
    expect(isPreviewable("image/svg+xml")).toBe(false);
    expect(isPreviewable("application/pdf")).toBe(false);
  });

  it("tells text from binary", () => {
    expect(looksLikeText(Buffer.from("héllo\n"))).toBe(true);
    expect(looksLikeText(Buffer.from([0x68, 0, 0x69]))).toBe(false);
    expect(looksLikeText(Buffer.from([0xff, 0xfe, 0xfd]))).toBe(false);
  });
});

describe("attachment settings", () => {
  it("reads limits and the S3 store, and refuses half an S3 setting or a page type", () => {
    const c = loadConfig({
      BATON_ATTACHMENT_MAX_MB: "2",
      BATON_ATTACHMENT_TYPES: "image/png, application/pdf",
      BATON_S3_BUCKET: "files",
      BATON_S3_ENDPOINT: "http://127.0.0.1:9000",
      BATON_S3_ACCESS_KEY_ID: "k",
      BATON_S3_SECRET_ACCESS_KEY: "s",
    });
    expect(c.attachments.limits).toEqual({
      maxBytes: 2 * 1024 * 1024,
      allowedTypes: ["image/png", "application/pdf"],
    });
    expect(c.attachments.s3).toMatchObject({
      bucket: "files",
      pathStyle: true,
      region: "us-east-1",
    });
    expect(loadConfig({}).attachments.s3).toBeUndefined();
    expect(() => loadConfig({ BATON_S3_BUCKET: "files" })).toThrow(/BATON_S3_ACCESS_KEY_ID/);
    expect(() => loadConfig({ BATON_S3_ENDPOINT: "http://127.0.0.1:9000" })).toThrow(
      /BATON_S3_BUCKET/,
    );
    expect(() => loadConfig({ BATON_ATTACHMENT_TYPES: "text/plain,text/html" })).toThrow(
      /cannot be allowed/,
    );
  });
});
