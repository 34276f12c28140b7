import { describe, expect, it } from "vitest";
import { isTypingTarget, SequenceMatcher, SHORTCUTS, shortcutKey } from "./shortcuts.ts";

const key = (
  k: string,
  mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe("SequenceMatcher", () => {
  const bindings = [
    { id: "goMine", keys: ["g", "m"] },
    { id: "goQueue", keys: ["g", "q"] },
    { id: "next", keys: ["j"] },
    { id: "help", keys: ["?"] },
  ];

  it("matches single keys", () => {
    const m = new SequenceMatcher(bindings);
    expect(m.feed("j", 0)).toEqual({ kind: "match", id: "next" });
    expect(m.feed("?", 10)).toEqual({ kind: "match", id: "help" });
    expect(m.feed("x", 20)).toEqual({ kind: "none" });
  });

  it("matches sequences typed in time", () => {
    const m = new SequenceMatcher(bindings, 1000);
    expect(m.feed("g", 0)).toEqual({ kind: "pending" });
    expect(m.pending).toEqual(["g"]);
    expect(m.feed("m", 500)).toEqual({ kind: "match", id: "goMine" });
    expect(m.pending).toEqual([]);
  });

  it("forgets a sequence after the timeout", () => {
    const m = new SequenceMatcher(bindings, 1000);
    m.feed("g", 0);
    expect(m.feed("m", 1500)).toEqual({ kind: "none" });
  });

  it("falls back to the single key when the sequence breaks", () => {
    const m = new SequenceMatcher(bindings);
    m.feed("g", 0);
    expect(m.feed("j", 100)).toEqual({ kind: "match", id: "next" });
    m.feed("g", 200);
    expect(m.feed("g", 300)).toEqual({ kind: "pending" });
    expect(m.feed("q", 400)).toEqual({ kind: "match", id: "goQueue" });
  });

  it("has no shortcut that is a prefix of another", () => {
    const m = new SequenceMatcher(SHORTCUTS);
    const ids = new Set<string>();
    for (const s of SHORTCUTS) {
      m.reset();
      let result = m.feed(s.keys[0] ?? "", 0);
      for (const k of s.keys.slice(1)) result = m.feed(k, 1);
      expect(result).toEqual({ kind: "match", id: s.id });
      ids.add(s.keys.join(" "));
    }
    expect(ids.size).toBe(SHORTCUTS.length);
  });
});

describe("which key presses are shortcuts", () => {
  it("leaves modified keys to the browser", () => {
    expect(shortcutKey(key("j"))).toBe("j");
    expect(shortcutKey(key("?"))).toBe("?");
    expect(shortcutKey(key("k", { ctrlKey: true }))).toBeNull();
    expect(shortcutKey(key("k", { metaKey: true }))).toBeNull();
    expect(shortcutKey(key("Shift"))).toBeNull();
  });

  it("does not steal keys from text fields", () => {
    expect(isTypingTarget({ tagName: "INPUT", type: "text" })).toBe(true);
    expect(isTypingTarget({ tagName: "input", type: "search" })).toBe(true);
    expect(isTypingTarget({ tagName: "TEXTAREA" })).toBe(true);
    expect(isTypingTarget({ tagName: "SELECT" })).toBe(true);
    expect(isTypingTarget({ tagName: "DIV", isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: "INPUT", type: "checkbox" })).toBe(false);
    expect(isTypingTarget({ tagName: "A" })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
