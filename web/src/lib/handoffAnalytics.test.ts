import { describe, expect, it } from "vitest";
import {
  agentLoad,
  analyticsQuery,
  capacityChart,
  lostPoints,
  namer,
  outcomeRows,
  outcomesPresent,
  pairName,
  scopeWords,
  stepRows,
  sunRows,
  weekRows,
} from "./handoffAnalytics.ts";

const choices = {
  queues: [
    { code: "l1", name: "Support L1" },
    { code: "l2", name: "Support L2" },
  ],
  regions: [
    { code: "EMEA", name: "EMEA" },
    { code: "US", name: "US" },
  ],
  kinds: [{ code: "transfer", name: "Transfer" }],
};

const tally = (key: string, completed: number, declined = 0) => ({
  key,
  total: completed + declined,
  completed,
  declined,
  rejected: 0,
  withdrawn: 0,
  expired: 0,
});

const step = (
  name: "approval" | "acceptance" | "customerTold" | "completion" | "firstResponse" | "idleCarried",
  median: number | null,
  transfers = median === null ? 0 : 3,
) => ({
  step: name,
  transfers,
  medianMinutes: median,
  p90Minutes: median === null ? null : median * 2,
});

describe("handoff analytics page", () => {
  it("sends only the analytics' filters that are set", () => {
    const q = analyticsQuery(new URLSearchParams("from=2026-03-01&to=&queue=l1&tab=x&kind=%20"));
    expect(q.toString()).toBe("from=2026-03-01&queue=l1");
  });

  it("names codes by the workspace's names, and pairs side by side", () => {
    const queue = namer(choices, "queues");
    expect(queue("l2")).toBe("Support L2");
    expect(queue("gone")).toBe("gone");
    expect(queue("")).toBe("—");
    expect(pairName("l1 → l2", queue)).toBe("Support L1 → Support L2");
    expect(pairName("— → l2", queue)).toBe("— → Support L2");
  });

  it("turns outcome tallies into labelled chart rows and keeps only outcomes that happened", () => {
    const rows = outcomeRows([tally("transfer", 2, 1), tally("empty", 0)], namer(choices, "kinds"));
    expect(rows).toEqual([
      {
        key: "transfer",
        label: "Transfer",
        total: 3,
        completed: 2,
        declined: 1,
        rejected: 0,
        withdrawn: 0,
        expired: 0,
      },
    ]);
    expect(outcomesPresent(rows)).toEqual(["completed", "declined"]);
    expect(outcomesPresent([])).toEqual(["completed"]);
  });

  it("charts every week the API lists, the quiet ones at nought", () => {
    const rows = weekRows([tally("2026-W01", 0), tally("2026-W02", 2), tally("2026-W03", 0)]);
    expect(rows.map((r) => [r.key, r.label, r.total, r.completed])).toEqual([
      ["2026-W01", "2026-W01", 0, 0],
      ["2026-W02", "2026-W02", 2, 2],
      ["2026-W03", "2026-W03", 0, 0],
    ]);
  });

  it("marks the step that adds the most to the wait, not the one furthest from the request", () => {
    // Approval after 30 min, acceptance at 240 (adds 210), completion at 250 (adds 10); the
    // receiver replies 90 min after completion.
    const rows = stepRows([
      step("approval", 30),
      step("acceptance", 240),
      step("customerTold", null),
      step("completion", 250),
      step("firstResponse", 90),
      // The idle time the receiver inherited is longer still, but it is no step of the transfer.
      step("idleCarried", 900),
    ]);
    expect(rows.map((r) => [r.step, r.addsMinutes, r.slowest])).toEqual([
      ["approval", 30, false],
      ["acceptance", 210, true],
      ["customerTold", null, false],
      ["completion", 10, false],
      ["firstResponse", 90, false],
      ["idleCarried", null, false],
    ]);
    // The first reply is measured from completion, so it can be the slowest on its own.
    const slowReply = stepRows([step("completion", 5), step("firstResponse", 600)]);
    expect(slowReply.find((r) => r.slowest)?.step).toBe("firstResponse");
    // Nothing happened: nothing is the slowest.
    expect(
      stepRows([step("approval", null), step("completion", null)]).some((r) => r.slowest),
    ).toBe(false);
  });

  it("keeps follow-the-sun rows with a handover or a miss, labelled, in the API's order", () => {
    const tally = (fromRegion: string, toRegion: string, handedOver: number, missed: number) => ({
      fromRegion,
      toRegion,
      handedOver,
      missed,
      missedShare: handedOver + missed === 0 ? null : missed / (handedOver + missed),
    });
    const rows = sunRows(
      [tally("EMEA", "US", 1, 3), tally("US", "APAC", 0, 0), tally("APAC", "EMEA", 4, 0)],
      (r) => `${r.fromRegion} → ${r.toRegion}`,
    );
    expect(rows.map((r) => [r.label, r.handedOver, r.missed])).toEqual([
      ["EMEA → US", 1, 3],
      ["APAC → EMEA", 4, 0],
    ]);
  });

  it("says whose handoffs the figures cover, with the team's queues by name", () => {
    const of = (scope: "own" | "team" | "workspace", queues: string[] = []) =>
      scopeWords({ scope: { scope, queues, role: null }, choices });
    expect(of("own")).toEqual({ key: "analyticsPage.scopeOwn" });
    expect(of("team", ["l1", "l2"])).toEqual({
      key: "analyticsPage.scopeTeam",
      queues: ["Support L1", "Support L2"],
    });
    expect(of("workspace")).toEqual({ key: "analyticsPage.scopeWorkspace" });
  });

  it("turns capacity snapshots into one row per day, a series per queue, busiest first", () => {
    const chart = capacityChart(
      [
        { day: "2026-03-02", queue: "l1", openCases: 2 },
        { day: "2026-03-01", queue: "l1", openCases: 1 },
        { day: "2026-03-02", queue: "l2", openCases: 5 },
      ],
      namer(choices, "queues"),
    );
    expect(chart.series.map((s) => [s.key, s.queue, s.name])).toEqual([
      ["q0", "l2", "Support L2"],
      ["q1", "l1", "Support L1"],
    ]);
    expect(chart.rows).toEqual([
      { day: "2026-03-01", q0: 0, q1: 1 },
      { day: "2026-03-02", q0: 5, q1: 2 },
    ]);
    const agents = agentLoad([
      { day: "d", agentId: "a", name: "Ana", queue: "l1", openCases: 1 },
      { day: "d", agentId: "b", name: "Ben", queue: "l1", openCases: 4 },
    ]);
    expect(agents.map((a) => a.name)).toEqual(["Ben", "Ana"]);
  });

  it("lists the criteria that cost points, the costliest first", () => {
    const c = (criterion: "template" | "order" | "noBounce", points: number, max: number) => ({
      criterion,
      weight: max,
      met: points / max,
      points,
      max,
      pending: false,
      reason: criterion,
    });
    expect(
      lostPoints([c("template", 5, 15), c("order", 15, 15), c("noBounce", 0, 15)]).map(
        (x) => x.criterion,
      ),
    ).toEqual(["noBounce", "template"]);
  });
});
