import { describe, expect, it } from "vitest";
import { duplicateKey } from "../../src/domain/json-keys.ts";
import { lineFromOutside, textProblem, withoutDisguise } from "../../src/domain/text.ts";
import { unsafeText } from "../../src/http/input-guard.ts";
import { parseInbound } from "../../src/inbound/parse.ts";

describe("duplicate keys in a JSON text", () => {
  it("names the first key sent twice, with the path of its object", () => {
    expect(duplicateKey('{"a":1,"a":2}')).toBe("a");
    expect(duplicateKey('{"x":{"y":[0,{"k":1,"k":2}]}}')).toBe("x.y.1.k");
    expect(duplicateKey('{"a":{"b":1},"c":{"b":2}}')).toBeUndefined();
    expect(duplicateKey('[{"a":1},{"a":1}]')).toBeUndefined();
    // A value that looks like a key is no key.
    expect(duplicateKey('{"a":"a","b":["a","a"]}')).toBeUndefined();
    expect(duplicateKey('{"a\\u0062":1,"ab":2}')).toBe("ab");
  });

  it("walks 100,000 levels without overflowing the stack", () => {
    const deep = `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`;
    expect(duplicateKey(deep)).toBeUndefined();
    const arrays = `{"a":${"[".repeat(100_000)}${"]".repeat(100_000)},"a":1}`;
    expect(duplicateKey(arrays)).toBe("a");
  });
});

describe("the one text rule", () => {
  it("refuses controls, broken Unicode, direction overrides and isolates, and the BOM", () => {
    for (const bad of ["a\u0000", "\u0007", "\ud800", "x\u202Ey", "\u2066a\u2069", "\uFEFFhi"])
      expect(textProblem(bad), JSON.stringify(bad)).toBeDefined();
    // Right-to-left writing keeps its marks and scripts.
    for (const good of ["שלום \u200F", "مرحبا \u061C", "tab\tline\r\n", "e\u0301 👩🏽‍💻"])
      expect(textProblem(good), JSON.stringify(good)).toBeUndefined();
  });

  it("finds the first bad value or key anywhere in parsed input, by path", () => {
    expect(unsafeText({ a: [1, { b: "ok" }, { c: "x\u202Dy" }] })?.issues[0]?.field).toBe("a.2.c");
    expect(unsafeText({ "k\u0000": 1 })?.issues[0]?.field).toBe("(a field name)");
    expect(unsafeText({ q: "a\u0000" }, "querystring")?.issues[0]?.field).toBe("querystring.q");
    expect(unsafeText({ a: "fine", b: [true, null, 3] })).toBeUndefined();
  });

  it("makes a name from outside one plain line that passes the rule, within its length", () => {
    const cut = lineFromOutside(`\uFEFFLena \u202EreffO\u202C\n\t${"x".repeat(200)}`, 20);
    expect(cut).toBe(`Lena reffO ${"x".repeat(9)}`);
    expect(textProblem(cut)).toBeUndefined();
    expect(lineFromOutside("Ana\u0000\u0007 \ud800Lima", 120)).toBe("Ana \uFFFDLima");
    // A character of two UTF-16 units is kept whole or left out, never split.
    expect(lineFromOutside("ab\u{1F600}", 3)).toBe("ab");
    expect(lineFromOutside(" \u202E\u2066 ", 120)).toBe("");
  });

  it("takes the disguise out of mail from outside rather than refusing it", async () => {
    expect(withoutDisguise("invoice\u202Egpj.exe\uFEFF")).toBe("invoicegpj.exe");
    const raw = Buffer.from(
      [
        "From: =?utf-8?B?" +
          Buffer.from("Lena \u202EreffO").toString("base64") +
          "?= <l@x.example>",
        "To: notifications+1@baton.localhost",
        `Subject: =?utf-8?B?${Buffer.from("Re: \u2067update\u2069").toString("base64")}?=`,
        "Message-ID: <bidi@x.example>",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "\uFEFFPlease \u202Ecall me\u202C.",
        "",
      ].join("\r\n"),
    );
    const parsed = await parseInbound(raw, { from: undefined, to: [] });
    expect(parsed.fromName).toBe("Lena reffO");
    expect(parsed.facts.subject).toBe("Re: update");
    expect(parsed.text.trim()).toBe("Please call me.");
  });
});
