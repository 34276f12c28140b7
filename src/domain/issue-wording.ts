import { z } from "zod";
import type { FieldIssue } from "./errors.ts";

// Zod's own messages ("Invalid input: expected number, received undefined") read like a stack
// trace. Every issue zod raises without a message of Baton's is worded here instead, in the
// style of the hand-written ones: the field is named by the problem, the message says what it
// must be. Messages a schema gives itself ("must be a case number") win over these.

type Issue = z.core.$ZodRawIssue;

const TYPES: Record<string, string> = {
  string: "must be text",
  number: "must be a number",
  int: "must be a whole number",
  bigint: "must be a whole number",
  boolean: "must be true or false",
  array: "must be a list",
  tuple: "must be a list",
  object: "must be an object",
  record: "must be an object",
  date: "must be a date",
  null: "must be null",
};

const FORMATS: Record<string, string> = {
  email: "must be an email address",
  url: "must be an http or https address",
  uuid: "must be a UUID",
  guid: "must be a UUID",
  datetime: "must be an ISO 8601 date-time, e.g. 2026-11-23T09:00:00Z",
  date: "must be a date such as 2026-03-30",
  time: "must be a time such as 09:30",
  duration: "must be an ISO 8601 duration such as PT30M",
  ipv4: "must be an IPv4 address",
  ipv6: "must be an IPv6 address",
  base64: "must be base64",
  base64url: "must be base64url",
  jwt: "must be a JSON Web Token",
};

const UNITS: Record<string, [string, string]> = {
  string: ["character", "characters"],
  array: ["item", "items"],
  set: ["item", "items"],
  map: ["entry", "entries"],
  file: ["byte", "bytes"],
};

const shown = (value: unknown): string =>
  typeof value === "string"
    ? value
    : typeof value === "bigint"
      ? String(value)
      : JSON.stringify(value);

function oneOf(values: readonly unknown[]): string {
  if (values.length === 1) return `must be ${shown(values[0])}`;
  return `must be one of ${values.map(shown).join(", ")}`;
}

// The wording of Baton's own length rules: "must be at most 300 characters".
function size(issue: Issue & { code: "too_big" | "too_small" }): string {
  const big = issue.code === "too_big";
  const limit = Number(big ? issue.maximum : issue.minimum);
  const units = UNITS[issue.origin];
  if (units) {
    const counted = `${limit} ${limit === 1 ? units[0] : units[1]}`;
    const verb = issue.origin === "string" ? "be" : "have";
    if (issue.exact) return `must ${verb} exactly ${counted}`;
    if (!big && limit === 1) return "must not be empty";
    return `must ${verb} ${big ? "at most" : "at least"} ${counted}`;
  }
  if (issue.inclusive === false)
    return big ? `must be less than ${limit}` : `must be more than ${limit}`;
  return big ? `must be at most ${limit}` : `must be at least ${limit}`;
}

/** What each branch of a union wanted, when every branch wanted the value itself otherwise. */
function unionMessage(branches: readonly (readonly z.core.$ZodIssue[])[]): string {
  const types: string[] = [];
  const values: unknown[] = [];
  for (const [first] of branches) {
    if (first?.path.length !== 0) return "does not match any of the accepted forms";
    if (first.code === "invalid_type")
      types.push((TYPES[first.expected] ?? first.expected).replace(/^must be /, ""));
    else if (first.code === "invalid_value") values.push(...first.values);
    else return "does not match any of the accepted forms";
  }
  if (types.length === 0) return oneOf(values);
  if (values.length === 0) return `must be ${[...new Set(types)].join(" or ")}`;
  return "does not match any of the accepted forms";
}

/** Baton's wording for a zod issue that carries no message of its own schema. */
export function issueMessage(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      return TYPES[issue.expected] ?? `must be ${issue.expected}`;
    case "invalid_value":
      if (issue.input === undefined) return "is required";
      return oneOf(issue.values);
    case "too_big":
    case "too_small":
      return size(issue);
    case "invalid_format":
      if (issue.format === "regex") return "is not in the expected format";
      if (issue.format === "starts_with") return `must start with ${shown(issue.prefix)}`;
      if (issue.format === "ends_with") return `must end with ${shown(issue.suffix)}`;
      if (issue.format === "includes") return `must contain ${shown(issue.includes)}`;
      return FORMATS[issue.format] ?? `must be a valid ${issue.format}`;
    case "not_multiple_of":
      return `must be a multiple of ${shown(issue.divisor)}`;
    case "unrecognized_keys":
      // Raised on the object: name the keys (the HTTP layer names each as a field of its own).
      return `has ${issue.keys.length === 1 ? "an unknown field" : "unknown fields"} ${issue.keys.join(", ")}`;
    case "invalid_key":
      return "is not an allowed key";
    case "invalid_element":
      return "has an item that is not allowed";
    case "invalid_union":
      if (issue.input === undefined) return "is required";
      // A tagged union names the tags it takes; otherwise no one branch is the one meant.
      if (Array.isArray(issue.options) && issue.options.length > 0) return oneOf(issue.options);
      return unionMessage(issue.errors);
    default:
      return "is not valid";
  }
}

/**
 * One issue per field: the first one raised is about the value itself (missing, wrong type),
 * the later ones about details of the same value ("must not be empty", then "must not be blank").
 */
export function onePerField(issues: readonly FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    if (seen.has(issue.field)) return false;
    seen.add(issue.field);
    return true;
  });
}

z.config({ customError: issueMessage });
