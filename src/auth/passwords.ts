import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

export const PASSWORD_RULES = { minLength: 10, maxLength: 200 } as const;

// Written into every hash, so raising them later still verifies the hashes stored before.
const COST = { N: 16384, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

/**
 * A well-formed hash of no one's password with the same cost as a real one: verifying against
 * it when the email is unknown makes that answer take as long as a wrong password.
 */
export const DUMMY_HASH =
  "scrypt$16384$8$1$X+L3msfV9DWfKebfCC0Ppg==$546Do7kY8PvfVraLLL7ReRQXpovLWnmwxHSyVKpiFJg=";

// zxcvbn's scale: 3 is "safely unguessable: moderate protection from an offline attack".
const MIN_SCORE = 3;

// The dictionaries take about a second to load: only when a password is first judged, not at
// every start of the server or the CLI.
let estimator: Promise<ZxcvbnFactory> | undefined;
const strength = () => {
  estimator ??= Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
  ]).then(
    ([core, common, english]) =>
      new core.ZxcvbnFactory({
        translations: english.translations,
        graphs: common.adjacencyGraphs,
        dictionary: { ...common.dictionary, ...english.dictionary },
      }),
  );
  return estimator;
};

/** The words of an email and a name, which a password must not lean on. */
const personalWords = (about: readonly string[]) =>
  about.flatMap((s) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 3);

/**
 * Why a new password is not acceptable, or undefined. Lengths count characters, not bytes.
 * Beyond length, a strength estimator (zxcvbn) refuses common passwords, repeats, sequences,
 * keyboard patterns and the person's own email or name, saying which.
 */
export async function passwordProblem(
  plain: string,
  about: readonly string[] = [],
): Promise<string | undefined> {
  if (!plain.isWellFormed()) return "contains broken Unicode (a lone surrogate)";
  const length = [...plain].length;
  if (length < PASSWORD_RULES.minLength)
    return `must be at least ${PASSWORD_RULES.minLength} characters`;
  if (length > PASSWORD_RULES.maxLength)
    return `must be at most ${PASSWORD_RULES.maxLength} characters`;
  const words = personalWords(about);
  const lowered = plain.toLowerCase();
  if (words.some((w) => w.length >= 4 && lowered.includes(w)))
    return "is too easy to guess: it contains your name or email; choose words that are not about you";
  const result = (await strength()).check(plain, words);
  if (result.score >= MIN_SCORE) return undefined;
  const why = result.feedback.warning ?? "it is a short or predictable pattern.";
  const hint = result.feedback.suggestions[0] ?? "Add more words that are less common.";
  const reason = why.charAt(0).toLowerCase() + why.slice(1).replace(/\.$/, "");
  return `is too easy to guess: ${reason}. ${hint}`;
}

interface Cost {
  N: number;
  r: number;
  p: number;
}

function derive(plain: string, salt: Buffer, cost: Cost, length: number): Promise<Buffer> {
  // NFKC so that the same password typed on another keyboard or OS still matches.
  const input = plain.normalize("NFKC");
  return new Promise((resolve, reject) => {
    scrypt(input, salt, length, { ...cost, maxmem: 256 * cost.N * cost.r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(plain: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(plain, salt, COST, KEY_BYTES);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

const int = (s: string | undefined) => (s && /^[1-9]\d{0,7}$/.test(s) ? Number(s) : Number.NaN);

function parse(stored: string): { cost: Cost; salt: Buffer; key: Buffer } | undefined {
  const [scheme, n, r, p, salt, key, ...rest] = stored.split("$");
  if (scheme !== "scrypt" || rest.length > 0 || !salt || !key) return undefined;
  const cost = { N: int(n), r: int(r), p: int(p) };
  // Bounds keep a corrupted row from making one sign-in allocate gigabytes.
  const powerOfTwo = (cost.N & (cost.N - 1)) === 0;
  if (!(cost.N >= 2 && cost.N <= 2 ** 20 && powerOfTwo && cost.r <= 32 && cost.p <= 16))
    return undefined;
  const saltBytes = Buffer.from(salt, "base64");
  const keyBytes = Buffer.from(key, "base64");
  if (saltBytes.length === 0 || keyBytes.length < 16 || keyBytes.length > 128) return undefined;
  return { cost, salt: saltBytes, key: keyBytes };
}

/** False for a wrong password and for a stored value that is not a hash this module wrote. */
export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(plain, parsed.salt, parsed.cost, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}
