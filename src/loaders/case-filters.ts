import { type SQL, sql } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import { cases } from "../db/schema.ts";
import { type CaseFilters, statusesOf } from "../domain/case-filters.ts";
import { searchWords } from "../domain/search-words.ts";
import { searchValues } from "./case-search.ts";

// The WHERE of a case list, shared by the list's pages and its counts so that a count is the
// list's own total: the same conditions, on the same indexes.

/** A condition of the list's WHERE, with its value sent as the named placeholder. */
export type Filter = [key: FilterKey, value: unknown];

export type FilterKey =
  | "workspace"
  | "workspaces"
  | "owner"
  | "unowned"
  | "queue"
  | "region"
  | "severity"
  | "is24x7"
  | "status"
  | "q"
  | "after"
  | "afterDue"
  | "afterUndue"
  | "afterScore";

const p = (key: string) => sql.placeholder(key);

// Each condition as SQL with placeholders, so a combination of them is one statement text that
// PostgreSQL parses and plans once per connection. Lists of values go as one array parameter
// (= any), so a second workspace or status does not make another statement. The words searched
// for are not a condition but a join with the matching cases (`searchHits`, joined by the
// statements that see "q" among their keys).
export const CONDITIONS: Record<FilterKey, () => SQL | undefined> = {
  workspace: () => sql`${cases.workspaceId} = ${p("workspace")}`,
  workspaces: () => sql`${cases.workspaceId} = any(${p("workspaces")})`,
  owner: () => sql`${cases.ownerId} = ${p("owner")}`,
  unowned: () => sql`${cases.ownerId} IS NULL`,
  queue: () => sql`${cases.queue} = ${p("queue")}`,
  region: () => sql`${cases.region} = ${p("region")}`,
  severity: () => sql`${cases.severity} = ${p("severity")}`,
  is24x7: () => sql`${cases.is24x7} = ${p("is24x7")}`,
  status: () => sql`${cases.status} = any(${p("status")})`,
  q: () => undefined,
  // A row comparison is one range condition on the index, so deep pages stay cheap.
  after: () =>
    sql`(${cases.updatedAt}, ${cases.number}) < (${p("cursorAt")}::timestamptz, ${p("cursorNumber")})`,
  afterUndue: () => sql`${cases.slaDueAt} IS NULL AND ${cases.number} > ${p("cursorNumber")}`,
  afterDue: () =>
    sql`((${cases.slaDueAt}, ${cases.number}) > (${p("cursorAt")}::timestamptz, ${p("cursorNumber")}) OR ${cases.slaDueAt} IS NULL)`,
  afterScore: () =>
    sql`(hits.score, ${cases.number}) < (${p("cursorAt")}::real, ${p("cursorNumber")})`,
};

/** Each condition's letters in a prepared statement's name. */
const SHORT: Record<FilterKey, string> = {
  workspace: "w",
  workspaces: "W",
  owner: "o",
  unowned: "O",
  queue: "qu",
  region: "r",
  severity: "s",
  is24x7: "x",
  status: "st",
  q: "t",
  after: "a",
  afterDue: "d",
  afterUndue: "D",
  afterScore: "R",
};

export const statementSuffix = (keys: readonly FilterKey[]) => keys.map((k) => SHORT[k]).join("_");

export const whereOf = (keys: readonly FilterKey[]) => keys.map((k) => CONDITIONS[k]());

/**
 * The conditions for these workspaces and filters, "me" being the actor; null when nothing can
 * match (a search for only punctuation or operators has no word to find). `q` searches the
 * cases' text in these workspaces: the caller has checked the actor may read cases there.
 */
export function filtersFor(
  actor: Actor,
  workspaceIds: readonly string[],
  query: CaseFilters,
): Filter[] | null {
  const filters: Filter[] = [
    workspaceIds.length === 1 ? ["workspace", workspaceIds[0]] : ["workspaces", workspaceIds],
  ];
  if (query.owner === "me") filters.push(["owner", actor.userId]);
  else if (query.owner === "none") filters.push(["unowned", null]);
  else if (query.owner) filters.push(["owner", query.owner]);
  if (query.queue) filters.push(["queue", query.queue]);
  if (query.region) filters.push(["region", query.region]);
  if (query.severity) filters.push(["severity", query.severity]);
  if (query.is24x7) filters.push(["is24x7", query.is24x7 === "true"]);
  if (query.status) filters.push(["status", statusesOf(query.status)]);
  if (query.q !== undefined) {
    const words = searchWords(query.q);
    if (!words.length) return null;
    filters.push(["q", { ...searchValues(words), searchWorkspaces: workspaceIds }]);
  }
  return filters;
}

/** The searched words of these conditions, if any. */
export const searchedWords = (query: CaseFilters): string[] | null =>
  query.q === undefined ? null : searchWords(query.q);

/** The placeholders' values of these conditions (those with one). */
export function valuesOf(filters: readonly Filter[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, value] of filters)
    if (key === "q") Object.assign(values, value);
    else if (value !== null) values[key] = value;
  return values;
}
