import { DomainError } from "./errors.ts";

/**
 * A bulk request's cases, each run on its own (S3.4): one refused case stops nothing, and each
 * answer says what it gave (`outcome`) or why it was refused. Anything but a DomainError is a
 * fault, not a refusal, and is thrown.
 */
export async function oneByOne<Item extends { number: number }, Outcome extends object>(
  items: readonly Item[],
  run: (item: Item) => Promise<Outcome>,
  refused: { [K in keyof Outcome]: null },
) {
  const results: (Partial<Record<keyof Outcome, unknown>> & {
    number: number;
    ok: boolean;
    error: { code: string; detail: string } | null;
  })[] = [];
  for (const item of items) {
    try {
      results.push({ number: item.number, ok: true, ...(await run(item)), error: null });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results.push({
        number: item.number,
        ok: false,
        ...refused,
        error: { code: error.code, detail: error.message },
      });
    }
  }
  return {
    results: results as ((Outcome | { [K in keyof Outcome]: null }) & (typeof results)[number])[],
    succeeded: results.filter((r) => r.ok).length,
    failed: results.filter((r) => !r.ok).length,
  };
}
