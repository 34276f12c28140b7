// What the search box's text becomes for PostgreSQL's text search, and how matches come back.
import { describe, expect, it } from "vitest";
import {
  headlineSegments,
  MARK_START,
  MARK_STOP,
  markedName,
  nameTerms,
  proseTerms,
  searchWords,
} from "../../src/domain/search-words.ts";

describe("search words", () => {
  it("keeps letters and digits only, so operators and quotes are never query syntax", () => {
    expect(searchWords("Müller & !(Drucker:*) | 'x' <b>")).toEqual(["müller", "drucker", "x", "b"]);
    expect(searchWords("&|!:*()")).toEqual([]);
    expect(searchWords("juergen.mueller@example.de")).toEqual([
      "juergen",
      "mueller",
      "example",
      "de",
    ]);
  });

  it("takes at most eight distinct words", () => {
    expect(searchWords("a b c d e f g h i j a")).toHaveLength(8);
    expect(searchWords("a A a")).toEqual(["a"]);
  });

  it("makes every word a prefix, and names match umlauts spelt out or dropped", () => {
    expect(proseTerms(["drucker", "lager"])).toBe("'drucker':* & 'lager':*");
    expect(nameTerms(["müll"])).toBe("('muell':* | 'mull':*)");
    expect(nameTerms(["jürgen", "x"])).toBe("('juergen':* | 'jurgen':*) & ('x':*)");
  });
});

describe("marked text", () => {
  it("splits a headline at its marks into plain and marked pieces", () => {
    expect(headlineSegments(`The ${MARK_START}printer${MARK_STOP} is down`)).toEqual([
      { text: "The ", mark: false },
      { text: "printer", mark: true },
      { text: " is down", mark: false },
    ]);
    expect(headlineSegments("<b>no match</b>")).toEqual([{ text: "<b>no match</b>", mark: false }]);
  });

  it("marks the words of a name that start with a searched word, in any spelling", () => {
    expect(markedName("Jürgen Müller juergen.mueller@example.de", ["mueller"])).toEqual([
      { text: "Jürgen ", mark: false },
      { text: "Müller", mark: true },
      { text: " juergen.", mark: false },
      { text: "mueller", mark: true },
      { text: "@example.de", mark: false },
    ]);
  });
});
