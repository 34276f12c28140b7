import { describe, expect, it } from "vitest";
import { LIST_CELLS, listRowOf } from "../../src/presenters/cases.ts";

describe("listRowOf", () => {
  it("reads each cell into the column listRowSql put there, then the extra cells", () => {
    // Each cell holds its own column's name, so a cell read into another column shows.
    const cells = [...LIST_CELLS, "owner name", "case id"];
    const { row, extra } = listRowOf(cells);
    expect(Object.keys(row)).toEqual(LIST_CELLS);
    for (const key of LIST_CELLS) expect(row[key]).toBe(key);
    expect(extra).toEqual(["owner name", "case id"]);
  });
});
