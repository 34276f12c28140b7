import { describe, expect, it } from "vitest";
import { filterAgents, insertMention, mentionAt, splitMentions } from "./mentions.ts";

const agents = [
  { handle: "aoife.murphy", name: "Aoife Murphy" },
  { handle: "agent", name: "Mei Ling Tan" },
  { handle: "lead", name: "Nikhil Joshi" },
  { handle: "supervisor", name: "Tyler Nguyen" },
  { handle: "sarah.goldberg", name: "Sarah Goldberg" },
];

describe("mentionAt", () => {
  it("finds the token being typed", () => {
    expect(mentionAt("Ask @ao", 7)).toEqual({ start: 4, end: 7, query: "ao" });
    expect(mentionAt("@", 1)).toEqual({ start: 0, end: 1, query: "" });
    expect(mentionAt("(@le", 4)).toEqual({ start: 1, end: 4, query: "le" });
  });

  it("extends to the end of the handle when the caret is inside it", () => {
    expect(mentionAt("hi @aoife today", 6)).toEqual({ start: 3, end: 9, query: "ao" });
  });

  it("ignores e-mail addresses and text without @", () => {
    expect(mentionAt("mail bob@example", 16)).toBeNull();
    expect(mentionAt("no mention", 5)).toBeNull();
    expect(mentionAt("@ao next", 8)).toBeNull();
    expect(mentionAt("@.x", 3)).toBeNull();
  });
});

describe("filterAgents", () => {
  it("ranks handle prefixes, then name words, then anything containing the text", () => {
    expect(filterAgents(agents, "s").map((a) => a.handle)).toEqual([
      "sarah.goldberg",
      "supervisor",
    ]);
    expect(filterAgents(agents, "tan").map((a) => a.handle)).toEqual(["agent"]);
    expect(filterAgents(agents, "MURPHY").map((a) => a.handle)).toEqual(["aoife.murphy"]);
    expect(filterAgents(agents, "zzz")).toEqual([]);
  });

  it("lists everyone by name for a bare @, up to the limit", () => {
    expect(filterAgents(agents, "", 2).map((a) => a.name)).toEqual([
      "Aoife Murphy",
      "Mei Ling Tan",
    ]);
  });
});

describe("insertMention", () => {
  it("replaces the token with the handle and a space", () => {
    const text = "Ask @ao please";
    const token = mentionAt(text, 7);
    expect(token).not.toBeNull();
    if (!token) return;
    expect(insertMention(text, token, "aoife.murphy")).toEqual({
      text: "Ask @aoife.murphy please",
      caret: 18,
    });
  });

  it("adds a space at the end of the text", () => {
    expect(insertMention("@le", { start: 0, end: 3, query: "le" }, "lead")).toEqual({
      text: "@lead ",
      caret: 6,
    });
  });
});

describe("splitMentions", () => {
  it("marks known handles and keeps everything else as text", () => {
    const parts = splitMentions("cc @lead, and @nobody. mail x@lead.example", (h) => h === "lead");
    expect(parts).toEqual([
      { text: "cc " },
      { text: "@lead", handle: "lead" },
      { text: ", and @nobody. mail x@lead.example" },
    ]);
  });

  it("leaves markup as text", () => {
    const body = '<script>alert(1)</script> <img src=x onerror="alert(1)"> @agent';
    const parts = splitMentions(body);
    expect(parts.map((p) => p.text).join("")).toBe(body);
    expect(parts.at(-1)).toEqual({ text: "@agent", handle: "agent" });
  });

  it("drops trailing punctuation from a handle like the server does", () => {
    expect(splitMentions("thanks @aoife.murphy.")).toEqual([
      { text: "thanks " },
      { text: "@aoife.murphy", handle: "aoife.murphy" },
      { text: "." },
    ]);
  });
});
