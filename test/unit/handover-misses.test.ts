// Issue 18: missed handovers counted once per shift end, and set against handovers made on time
// by region pair and meeting, worked out by hand.
import { describe, expect, it } from "vitest";
import { handoverMisses, type RaiseRow } from "../../src/domain/analytics/misses.ts";
import { sunFigures } from "../../src/domain/analytics/sun-figures.ts";

const WS = "ws-1";
const ctx = {
  zone: "Asia/Singapore",
  memberRegion: new Map([["owner-apac", "APAC"]]),
  meetingNear: (from: string, to: string, at: Date) =>
    from === "APAC" && to === "EMEA"
      ? { key: `APAC>EMEA/${at.toISOString().slice(0, 10)}`, title: "Handover APAC → EMEA" }
      : null,
};
const raise = (over: Partial<RaiseRow> & { data: RaiseRow["data"] }): RaiseRow => ({
  caseId: "case-1",
  workspaceId: WS,
  at: new Date("2026-11-24T09:30:00Z"),
  queue: "in-depth",
  caseOwnerId: "owner-apac",
  ...over,
});

describe("missed handovers", () => {
  it("counts every level of one shift end as one miss, dated by the shift end, first raise kept", () => {
    const misses = handoverMisses(
      [
        raise({
          at: new Date("2026-11-24T10:30:00Z"),
          data: { key: "2026-11-24T09:00:00.000Z#1", fromRegion: "APAC", toRegion: "IST" },
        }),
        raise({
          data: {
            key: "2026-11-24T09:00:00.000Z#0",
            ownerId: "owner-apac",
            shiftEndedAt: "2026-11-24T09:00:00.000Z",
            fromRegion: "APAC",
            toRegion: "EMEA",
            meeting: { key: "APAC>EMEA/2026-11-24", title: "Handover APAC → EMEA" },
          },
        }),
        // The next day's shift end of the same case is another miss; raised after midnight in
        // Singapore, it still counts on the day its shift ended.
        raise({
          at: new Date("2026-11-25T16:30:00Z"),
          data: { key: "2026-11-25T09:00:00.000Z#0", shiftEndedAt: "2026-11-25T09:00:00.000Z" },
        }),
      ],
      () => ctx,
    );
    expect(misses).toEqual([
      {
        caseId: "case-1",
        shiftKey: "2026-11-24T09:00:00.000Z",
        workspaceId: WS,
        raisedAt: new Date("2026-11-24T09:30:00Z"),
        day: "2026-11-24",
        queue: "in-depth",
        ownerId: "owner-apac",
        fromRegion: "APAC",
        toRegion: "EMEA",
        meetingKey: "APAC>EMEA/2026-11-24",
        meetingTitle: "Handover APAC → EMEA",
      },
      {
        caseId: "case-1",
        shiftKey: "2026-11-25T09:00:00.000Z",
        workspaceId: WS,
        raisedAt: new Date("2026-11-25T16:30:00Z"),
        day: "2026-11-25",
        queue: "in-depth",
        // A raise kept before raises named regions: the owner's region today, no receiver.
        ownerId: "owner-apac",
        fromRegion: "APAC",
        toRegion: null,
        meetingKey: null,
        meetingTitle: null,
      },
    ]);
  });

  it("sets misses against handovers by pair and meeting, the worst share first", () => {
    const row = (from: string, to: string | null, meeting: string | null, count: number) => ({
      fromRegion: from,
      toRegion: to,
      meeting,
      meetingTitle: meeting ? `Handover ${meeting}` : null,
      count,
    });
    const { pairs, meetings } = sunFigures(
      [
        row("APAC", "EMEA", "APAC>EMEA", 6),
        row("EMEA", "US", "EMEA>US", 9),
        row("US", "APAC", null, 4),
      ],
      [
        row("APAC", "EMEA", "APAC>EMEA", 2),
        row("APAC", "EMEA", null, 1),
        row("US", "APAC", null, 1),
      ],
    );
    expect(pairs).toEqual([
      // 3 of 9 and 1 of 5 missed; EMEA → US missed none.
      { fromRegion: "APAC", toRegion: "EMEA", handedOver: 6, missed: 3, missedShare: 0.333 },
      { fromRegion: "US", toRegion: "APAC", handedOver: 4, missed: 1, missedShare: 0.2 },
      { fromRegion: "EMEA", toRegion: "US", handedOver: 9, missed: 0, missedShare: 0 },
    ]);
    expect(meetings).toEqual([
      {
        meeting: "APAC>EMEA",
        title: "Handover APAC>EMEA",
        fromRegion: "APAC",
        toRegion: "EMEA",
        handedOver: 6,
        missed: 2,
        missedShare: 0.25,
      },
      {
        meeting: "EMEA>US",
        title: "Handover EMEA>US",
        fromRegion: "EMEA",
        toRegion: "US",
        handedOver: 9,
        missed: 0,
        missedShare: 0,
      },
    ]);
  });
});
