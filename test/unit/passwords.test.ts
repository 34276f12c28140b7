import { scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  DUMMY_HASH,
  hashPassword,
  PASSWORD_RULES,
  passwordProblem,
  verifyPassword,
} from "../../src/auth/passwords.ts";
import { randomToken, sameSecret, sha256 } from "../../src/auth/secrets.ts";

const FORMAT = /^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/;

describe("hashPassword / verifyPassword", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("writes a self-describing string with the cost, a 16-byte salt and no plaintext", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored).toMatch(FORMAT);
    expect(Buffer.from(stored.split("$")[4] ?? "", "base64")).toHaveLength(16);
    expect(stored).not.toContain("correct");
  });

  it("salts every hash, so equal passwords do not give equal hashes", async () => {
    const [a, b] = await Promise.all([
      hashPassword("same password"),
      hashPassword("same password"),
    ]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password", b ?? "")).toBe(true);
  });

  it("verifies hashes written with other costs, read from the string", async () => {
    const salt = Buffer.from("0123456789abcdef");
    const key = scryptSync("older password", salt, 32, { N: 1024, r: 4, p: 2 });
    const stored = `scrypt$1024$4$2$${salt.toString("base64")}$${key.toString("base64")}`;
    expect(await verifyPassword("older password", stored)).toBe(true);
    expect(await verifyPassword("older passworD", stored)).toBe(false);
  });

  it("treats the same password typed in another Unicode form as the same", async () => {
    const stored = await hashPassword("caf\u00e9-au-lait");
    expect(await verifyPassword("cafe\u0301-au-lait", stored)).toBe(true);
  });

  it("answers false, without throwing, for stored values it did not write", async () => {
    for (const stored of [
      "",
      "plaintext",
      "bcrypt$10$abc$def$ghi$jkl",
      "scrypt$16384$8$1$c2FsdA==",
      "scrypt$16383$8$1$c2FsdHNhbHRzYWx0$c2FsdHNhbHRzYWx0c2FsdHNhbHQ=",
      `scrypt$${2 ** 24}$8$1$c2FsdHNhbHRzYWx0$c2FsdHNhbHRzYWx0c2FsdHNhbHQ=`,
      `${DUMMY_HASH}$extra`,
    ])
      expect(await verifyPassword("anything at all", stored), stored).toBe(false);
  });
});

describe("DUMMY_HASH", () => {
  it("has the shape and cost of a real hash, so checking it takes as long", async () => {
    const real = await hashPassword("some password");
    expect(DUMMY_HASH).toMatch(FORMAT);
    expect(DUMMY_HASH.split("$").map((s) => s.length)).toEqual(
      real.split("$").map((s) => s.length),
    );
    expect(await verifyPassword("some password", DUMMY_HASH)).toBe(false);
  });
});

describe("passwordProblem", () => {
  it("enforces the length rules in characters", async () => {
    expect(PASSWORD_RULES).toEqual({ minLength: 10, maxLength: 200 });
    expect(await passwordProblem("kT9#mq2!L")).toMatch(/at least 10/);
    expect(await passwordProblem("kT9#mq2!Lz")).toBeUndefined();
    const long = "river tangent 7 purple oxbow ".repeat(7).slice(0, 200);
    expect(await passwordProblem(long)).toBeUndefined();
    expect(await passwordProblem(`${long}x`)).toMatch(/at most 200/);
    // Nine emoji are eighteen UTF-16 units but still only nine characters.
    expect(await passwordProblem("🔑🚲🌵🎻🧭🪁🦉🍋🛶")).toMatch(/at least 10/);
    expect(await passwordProblem("🔑🚲🌵🎻🧭🪁🦉🍋🛶🧩")).toBeUndefined();
  });

  it("refuses common and guessable passwords, saying why", async () => {
    const refused = {
      aaaaaaaaaa: /repeated characters/i,
      password12: /commonly used password/i,
      "1111111111": /repeated characters/i,
      qwertyuiop: /too easy to guess/,
      abcdefghij: /too easy to guess/,
    };
    for (const [weak, why] of Object.entries(refused)) {
      const problem = await passwordProblem(weak);
      expect(problem, weak).toMatch(/^is too easy to guess: /);
      expect(problem, weak).toMatch(why);
    }
    // Nor the person's own name or email.
    expect(
      await passwordProblem("quigley-rocks-2026", ["dana.quigley@rhein.example", "Dana Quigley"]),
    ).toMatch(/your name or email/);
    expect(await passwordProblem("correct horse battery", ["dana@rhein.example"])).toBeUndefined();
  });

  it("refuses broken Unicode, which would not survive being stored or typed again", async () => {
    expect(await passwordProblem(`abcdefghij\uD800`)).toMatch(/broken Unicode/);
  });
});

describe("secrets", () => {
  it("makes 32-byte base64url tokens that differ every time", () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, "base64url")).toHaveLength(32);
    expect(randomToken()).not.toBe(a);
  });

  it("hashes with sha256 in hex", () => {
    expect(sha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("compares secrets of any length", () => {
    expect(sameSecret("abc", "abc")).toBe(true);
    expect(sameSecret("abc", "abd")).toBe(false);
    expect(sameSecret("abc", "abcd")).toBe(false);
  });
});
