// Command-line flags of the transfer benches, read by node:util's parseArgs.
import { parseArgs } from "node:util";

export const DEFAULT_POSTGRES_URL =
  process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * Reads `argv`: each name of `numbers` as `--name N` (a whole number above 0, `defaults` when
 * absent), each of `texts` as `--name VALUE`, each of `switches` as `--name`. An unknown flag
 * or a value that is not a whole number stops the bench with a line naming it.
 */
export function benchFlags<N extends string, T extends string, S extends string>(
  argv: string[],
  spec: { numbers: Record<N, number>; texts: Record<T, string>; switches: readonly S[] },
): Record<N, number> & Record<T, string> & Record<S, boolean> {
  const options: Record<string, { type: "string" | "boolean" }> = {};
  for (const name of [...Object.keys(spec.numbers), ...Object.keys(spec.texts)])
    options[name] = { type: "string" };
  for (const name of spec.switches) options[name] = { type: "boolean" };
  const { values } = parseArgs({ args: argv, options, strict: true });
  const read: Record<string, number | string | boolean> = {};
  for (const [name, fallback] of Object.entries<number>(spec.numbers)) {
    const given = values[name];
    const value = typeof given === "string" ? Number(given) : fallback;
    if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} needs a whole number`);
    read[name] = value;
  }
  for (const [name, fallback] of Object.entries<string>(spec.texts)) {
    const given = values[name];
    read[name] = typeof given === "string" ? given : fallback;
  }
  for (const name of spec.switches) read[name] = values[name] === true;
  return read as Record<N, number> & Record<T, string> & Record<S, boolean>;
}
