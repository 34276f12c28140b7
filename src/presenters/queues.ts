import type { Queue } from "../domain/policy/schema.ts";

/** A queue's settings as the API answers them; a queue without a region says null. */
export const presentQueue = (q: Queue) => ({
  code: q.code,
  name: q.name,
  description: q.description,
  region: q.region ?? null,
  distribution: q.distribution,
});
