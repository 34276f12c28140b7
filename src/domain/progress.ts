/**
 * How far a long operation has come: `done` of `total` units of `step` ("cases", "migrations").
 * Called with done = 0 when a step starts and again as it advances; the last call of a step has
 * done = total. The code doing the work only calls it; the CLI decides how to show it.
 */
export type Progress = (step: string, done: number, total: number) => void;
