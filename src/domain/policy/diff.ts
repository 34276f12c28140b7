import microdiff from "microdiff";

/** One difference between two policy documents, at a path an admin can read. */
export interface PolicyChange {
  /** Dotted path; list items that have a code (or a role id) are named by it: queues.billing.name */
  path: string;
  kind: "added" | "removed" | "changed";
  from: unknown;
  to: unknown;
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isPrimitive = (v: unknown) => v === null || typeof v !== "object";

/** The key that names an item of a list of coded things (queues by code, roles by id). */
function itemKeyOf(list: readonly unknown[]): "code" | "id" | null {
  for (const key of ["code", "id"] as const) {
    if (list.length === 0 || !list.every((i) => isRecord(i) && typeof i[key] === "string"))
      continue;
    const keys = list.map((i) => (i as Json)[key]);
    if (new Set(keys).size === keys.length) return key;
  }
  return null;
}

interface Normalized {
  value: unknown;
  /** Paths of coded lists with their order, so that reordering alone is still a change. */
  orders: Map<string, string[]>;
}

// Coded lists become objects keyed by code, so that inserting a queue reads as one queue added
// rather than every later queue changed, and a path names the queue, not its position.
function normalize(value: unknown, path: string[], orders: Map<string, string[]>): unknown {
  if (Array.isArray(value)) {
    const key = itemKeyOf(value);
    if (!key) return value.map((v, i) => normalize(v, [...path, String(i)], orders));
    const codes = value.map((i) => String((i as Json)[key]));
    orders.set(path.join("."), codes);
    return Object.fromEntries(
      value.map((item, i) => [codes[i], normalize(item, [...path, codes[i] as string], orders)]),
    );
  }
  if (isRecord(value))
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, normalize(v, [...path, k], orders)]),
    );
  return value;
}

function normalized(doc: unknown): Normalized {
  const orders = new Map<string, string[]>();
  return { value: normalize(doc, [], orders), orders };
}

function at(value: unknown, path: readonly (string | number)[]): unknown {
  let here = value;
  for (const step of path) {
    if (Array.isArray(here)) here = here[Number(step)];
    else if (isRecord(here)) here = here[String(step)];
    else return undefined;
  }
  return here;
}

/** A list of plain values (permissions, holidays, codes) reads best whole, before and after. */
const isLeafList = (v: unknown) => Array.isArray(v) && v.every(isPrimitive);

function leafPath(a: unknown, b: unknown, path: readonly (string | number)[]) {
  for (let i = 1; i <= path.length; i++) {
    const prefix = path.slice(0, i);
    if (isLeafList(at(a, prefix)) || isLeafList(at(b, prefix))) return prefix;
  }
  return path;
}

function changeAt(path: string, from: unknown, to: unknown): PolicyChange {
  const kind = from === undefined ? "added" : to === undefined ? "removed" : "changed";
  return { path, kind, from: from ?? null, to: to ?? null };
}

/** What differs from one policy document to another, in document order of the newer one. */
export function policyDiff(from: unknown, to: unknown): PolicyChange[] {
  const a = normalized(from);
  const b = normalized(to);
  if (!isRecord(a.value) || !isRecord(b.value)) return [changeAt("(root)", from, to)];
  const seen = new Map<string, PolicyChange>();
  for (const d of microdiff(a.value, b.value)) {
    const path = leafPath(a.value, b.value, d.path);
    const key = path.map(String).join(".");
    if (!seen.has(key)) seen.set(key, changeAt(key, at(a.value, path), at(b.value, path)));
  }
  for (const [path, order] of b.orders) {
    const before = a.orders.get(path);
    if (!before || seen.has(path)) continue;
    const kept = before.filter((c) => order.includes(c));
    const still = order.filter((c) => before.includes(c));
    if (kept.join("\n") !== still.join("\n")) seen.set(path, changeAt(path, before, order));
  }
  return [...seen.values()];
}

/** At most this many changes are written into an audit event; the count says if there were more. */
export const AUDITED_CHANGES = 100;

/** The changes as the audit log keeps them: from and to by path. */
export function changeRecord(changes: readonly PolicyChange[]) {
  return Object.fromEntries(
    changes.slice(0, AUDITED_CHANGES).map((c) => [c.path, { from: c.from, to: c.to }]),
  );
}

/** A value of a policy change in a line: lists joined, objects as compact JSON. */
export function policyValueText(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value) && value.every(isPrimitive))
    return value.length ? value.join(", ") : "(none)";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
