// The cost of the one input rule (src/domain/json-keys.ts: no key twice; src/http/input-guard.ts:
// no hidden or broken text anywhere) next to its floor, JSON.parse of the same body, which every request pays anyway.
//
//   node bench/input-guard.ts [--runs N]
import { duplicateKey } from "../src/domain/json-keys.ts";
import { unsafeText } from "../src/http/input-guard.ts";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 200;

const note = { body: "Customer confirms the restart fixed it. ".repeat(5), visibility: "public" };
const bodies: [string, string][] = [
  [
    "a new case (90 B)",
    JSON.stringify({ workspace: "follow-the-sun", subject: "Printer on fire", severity: "s2" }),
  ],
  [
    "a transfer with steps (2 KB)",
    JSON.stringify({
      kind: "follow-the-sun",
      to: { region: "APAC" },
      note: "x".repeat(1500),
      steps: [{ code: "notes_updated" }, { code: "customer_notified", how: "email" }],
    }),
  ],
  [
    "a policy document (60 KB)",
    JSON.stringify({
      regions: Array.from({ length: 300 }, (_, i) => ({
        code: `R${i}`,
        name: `Region ${i}`,
        hours: { mon: [{ start: "09:00", end: "17:00" }] },
      })),
    }),
  ],
  [
    "the 1 MiB limit",
    JSON.stringify({ items: Array.from({ length: 4000 }, (_, i) => ({ ...note, n: i })) }),
  ],
];

const time = (fn: () => void, n: number) => {
  for (let i = 0; i < Math.min(n, 20); i++) fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  return Number(process.hrtime.bigint() - start) / n / 1000;
};

console.log("| body | JSON.parse (floor) | + key check | + text rule | guard / floor |");
console.log("| --- | --- | --- | --- | --- |");
for (const [name, text] of bodies) {
  const n = text.length > 100_000 ? Math.max(20, runs / 10) : runs * 50;
  const parsed = JSON.parse(text);
  const floor = time(() => JSON.parse(text), n);
  const keys = time(() => duplicateKey(text), n);
  const rule = time(() => unsafeText(parsed), n);
  console.log(
    `| ${name} | ${floor.toFixed(1)} µs | ${keys.toFixed(1)} µs | ${rule.toFixed(1)} µs | ${((keys + rule) / floor).toFixed(1)}× |`,
  );
}
