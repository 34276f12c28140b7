import { describe, expect, it } from "vitest";
import { type CaseFilters, DEFAULT_FILTERS, type ListScope } from "./filters.ts";
import { sameList, viewList, viewOf } from "./views.ts";

const ws = "regional-cse";
const AGENT = "0f5b2f6e-8d3c-4e55-9a1b-2c3d4e5f6a7b";

describe("saved views and the list page", () => {
  it("saves a queue's list with its queue, owner and filters, and opens it as that queue", () => {
    const scope: ListScope = { view: "queue", workspace: ws, queue: "cse-emea" };
    const filters: CaseFilters = {
      ...DEFAULT_FILTERS,
      status: ["new", "active"],
      severity: "critical",
      owner: "none",
      q: "VPN",
      sort: { key: "due", dir: "asc" },
    };
    const saved = viewOf(scope, filters);
    expect(saved).toEqual({
      filters: {
        owner: "none",
        queue: "cse-emea",
        status: "new,active",
        severity: "critical",
        q: "VPN",
      },
      sort: { key: "due", dir: "asc" },
    });
    expect(viewList(saved, ws)).toEqual({ scope, filters });
    expect(sameList(saved, scope, filters)).toBe(true);
    expect(sameList(saved, scope, { ...filters, severity: null })).toBe(false);
  });

  it("opens owner=me as My cases, no status as any status, and keeps an agent named by id", () => {
    expect(
      viewList({ filters: { owner: "me" }, sort: { key: "updated", dir: "desc" } }, ws),
    ).toEqual({
      scope: { view: "mine", workspace: ws },
      filters: { ...DEFAULT_FILTERS, status: "all" },
    });
    const byAgent = viewList(
      { filters: { owner: AGENT, status: "open" }, sort: { key: "number", dir: "desc" } },
      ws,
    );
    expect(byAgent).toEqual({
      scope: { view: "all", workspace: ws },
      filters: { ...DEFAULT_FILTERS, owner: AGENT, sort: { key: "number", dir: "desc" } },
    });
    expect(viewOf(byAgent.scope, byAgent.filters).filters).toEqual({
      owner: AGENT,
      status: "open",
    });
  });
});
