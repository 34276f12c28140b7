import { describe, expect, it } from "vitest";
import {
  activeFilterCount,
  type CaseFilters,
  cleanText,
  clearFilters,
  DEFAULT_FILTERS,
  filtersToSearchParams,
  type ListScope,
  listHref,
  parseFilters,
  toApiQuery,
  withSearch,
} from "./filters.ts";

const mine: ListScope = { view: "mine", workspace: "follow-the-sun" };
const queue: ListScope = { view: "queue", workspace: "follow-the-sun", queue: "in-depth" };

const full: CaseFilters = {
  status: ["new", "awaiting_customer"],
  severity: "A",
  region: "EMEA",
  is24x7: true,
  owner: "none",
  q: "VPN drops",
  sort: { key: "severity", dir: "asc" },
};

describe("filters in the URL", () => {
  it("defaults to open cases, newest change first, with an empty URL", () => {
    expect(parseFilters(new URLSearchParams())).toEqual(DEFAULT_FILTERS);
    expect(filtersToSearchParams(DEFAULT_FILTERS).toString()).toBe("");
  });

  it("round-trips every filter through URLSearchParams", () => {
    const params = filtersToSearchParams(full);
    expect(params.toString()).toBe(
      "status=new%2Cawaiting_customer&severity=A&region=EMEA&is24x7=true&owner=none&q=VPN+drops&sort=severity",
    );
    expect(parseFilters(new URLSearchParams(params.toString()))).toEqual(full);
  });

  it("round-trips the other values too", () => {
    for (const f of [
      { ...DEFAULT_FILTERS, status: "all" as const, is24x7: false, owner: "me" as const },
      { ...DEFAULT_FILTERS, sort: { key: "number" as const, dir: "desc" as const } },
      { ...DEFAULT_FILTERS, sort: { key: "updated" as const, dir: "asc" as const } },
    ])
      expect(parseFilters(filtersToSearchParams(f))).toEqual(f);
  });

  it("normalizes status lists to the canonical order and drops unknown statuses", () => {
    const f = parseFilters(new URLSearchParams("status=resolved,bogus,new,new"));
    expect(f.status).toEqual(["new", "resolved"]);
    expect(filtersToSearchParams(f).get("status")).toBe("new,resolved");
    expect(parseFilters(new URLSearchParams("status=bogus")).status).toBe("open");
  });

  it("ignores malformed values instead of failing", () => {
    const f = parseFilters(
      new URLSearchParams("severity=%3Cscript%3E&region=&is24x7=yes&owner=someone&sort=-color"),
    );
    expect(f).toEqual(DEFAULT_FILTERS);
  });

  it("cleans search text to one line of at most 200 characters", () => {
    expect(cleanText("  two\nlines\t here ")).toBe("two lines here");
    expect(cleanText("x".repeat(300))).toHaveLength(200);
    expect(parseFilters(new URLSearchParams("q=%20%20")).q).toBe("");
  });
});

describe("filters to the API query", () => {
  it("always asks for my cases in My cases, whatever the owner filter says", () => {
    const q = toApiQuery(mine, { ...DEFAULT_FILTERS, owner: "none" });
    expect(q.toString()).toBe("workspace=follow-the-sun&owner=me&status=open");
  });

  it("sends queue, owner and every filter, but not the client-side sort", () => {
    const q = toApiQuery(queue, full, { cursor: "abc", limit: 50 });
    expect(Object.fromEntries(q)).toEqual({
      workspace: "follow-the-sun",
      owner: "none",
      queue: "in-depth",
      status: "new,awaiting_customer",
      region: "EMEA",
      severity: "A",
      is24x7: "true",
      q: "VPN drops",
      cursor: "abc",
      limit: "50",
    });
  });

  it("leaves status out for any status", () => {
    expect(toApiQuery(queue, { ...DEFAULT_FILTERS, status: "all" }).has("status")).toBe(false);
  });
});

describe("searching", () => {
  it("lists the best matches first when words are searched, and says nothing of it in the URL", () => {
    const found = parseFilters(new URLSearchParams("q=M%C3%BCller"));
    expect(found.sort).toEqual({ key: "relevance", dir: "desc" });
    expect(filtersToSearchParams(found).toString()).toBe("q=M%C3%BCller");
    expect(toApiQuery(mine, found).get("sort")).toBe("relevance");
  });

  it("keeps another order chosen for a search in the URL", () => {
    const byChange = { ...DEFAULT_FILTERS, q: "printer" };
    const params = filtersToSearchParams(byChange);
    expect(params.toString()).toBe("q=printer&sort=-updated");
    expect(parseFilters(params)).toEqual(byChange);
    expect(toApiQuery(mine, byChange).get("sort")).toBeNull();
  });

  it("never asks for best match without words", () => {
    expect(parseFilters(new URLSearchParams("sort=-relevance")).sort).toEqual(DEFAULT_FILTERS.sort);
    const cleared = { ...parseFilters(new URLSearchParams("q=printer")), q: "" };
    expect(filtersToSearchParams(cleared).toString()).toBe("");
    expect(toApiQuery(mine, cleared).get("sort")).toBeNull();
    expect(clearFilters(parseFilters(new URLSearchParams("q=printer"))).sort).toEqual(
      DEFAULT_FILTERS.sort,
    );
  });

  it("sorts a new search by best match unless another order was chosen", () => {
    expect(withSearch(DEFAULT_FILTERS, "printer").sort.key).toBe("relevance");
    const due = { ...DEFAULT_FILTERS, sort: { key: "due", dir: "asc" } as const };
    expect(withSearch(due, "printer").sort.key).toBe("due");
    const searched = parseFilters(new URLSearchParams("q=printer"));
    expect(withSearch(searched, "").sort).toEqual(DEFAULT_FILTERS.sort);
  });
});

describe("helpers", () => {
  it("counts narrowing filters and clears them but keeps the sort", () => {
    expect(activeFilterCount(full, queue)).toBe(6);
    expect(activeFilterCount(full, mine)).toBe(5);
    expect(clearFilters(full)).toEqual({ ...DEFAULT_FILTERS, sort: full.sort });
  });

  it("builds list links", () => {
    expect(listHref(mine)).toBe("/w/follow-the-sun/mine");
    expect(listHref(queue, { ...DEFAULT_FILTERS, severity: "A" })).toBe(
      "/w/follow-the-sun/queues/in-depth?severity=A",
    );
    expect(listHref({ view: "all", workspace: "x" })).toBe("/w/x/all");
  });
});
