import { describe, expect, it } from "vitest";
import { z } from "zod";
import { onePerField } from "../../src/domain/issue-wording.ts";
import { requiredLine, safeText } from "../../src/domain/text.ts";

// Every issue zod can raise, in Baton's words, and the schema's own words where it has them.

const messages = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error("expected the input to be refused");
  return result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
};

describe("zod issues in Baton's words", () => {
  const shape = z.strictObject({
    name: requiredLine(5),
    count: z.number().int().min(1).max(9),
    ratio: z.number().gt(0).lt(1),
    step: z.number().multipleOf(5),
    kind: z.enum(["a", "b"]),
    only: z.literal("yes"),
    tags: z.array(z.string()).min(2).max(3),
    code: z.string().length(4),
    mail: z.email(),
    id: z.uuid(),
    at: z.iso.datetime(),
    day: z.iso.date(),
    web: z.url(),
    slug: z.string().regex(/^[a-z]+$/),
    prefixed: z.string().startsWith("x-"),
    either: z.union([z.string(), z.number()]),
    shape: z.discriminatedUnion("type", [
      z.object({ type: z.literal("circle") }),
      z.object({ type: z.literal("square") }),
    ]),
    keys: z.record(z.string().regex(/^[a-z]{2}$/), z.string()),
    flag: z.boolean(),
    list: z.array(z.number()),
    nested: z.object({ deep: z.string() }),
    own: z.string().refine(() => false, "is not one of ours"),
  });

  it("words each code the way Baton's own messages read", () => {
    expect(
      messages(shape, {
        name: "toolong",
        count: 0,
        ratio: 1,
        step: 7,
        kind: "c",
        only: "no",
        tags: ["a"],
        code: "abc",
        mail: "nope",
        id: "42",
        at: "yesterday",
        day: "2026-13-01",
        web: "not a url",
        slug: "ABC",
        prefixed: "y",
        either: true,
        shape: { type: "oval" },
        keys: { FR: "x" },
        flag: "true",
        list: "1,2",
        nested: { deep: 1 },
        own: "x",
        extra: 1,
      }),
    ).toEqual([
      "name: must be at most 5 characters",
      "count: must be at least 1",
      "ratio: must be less than 1",
      "step: must be a multiple of 5",
      "kind: must be one of a, b",
      "only: must be yes",
      "tags: must have at least 2 items",
      "code: must be exactly 4 characters",
      "mail: must be an email address",
      "id: must be a UUID",
      "at: must be an ISO 8601 date-time, e.g. 2026-11-23T09:00:00Z",
      "day: must be a date such as 2026-03-30",
      "web: must be an http or https address",
      "slug: is not in the expected format",
      "prefixed: must start with x-",
      "either: must be text or a number",
      "shape.type: must be one of circle, square",
      "keys.FR: is not an allowed key",
      "flag: must be true or false",
      "list: must be a list",
      "nested.deep: must be text",
      "own: is not one of ours",
      "(root): has an unknown field extra",
    ]);
  });

  it("says a missing field is required, whatever its type", () => {
    const shape = z.object({
      a: z.number(),
      b: z.array(z.string()),
      c: z.enum(["x", "y"]),
      d: z.union([z.string(), z.number()]),
    });
    expect(messages(shape, {})).toEqual([
      "a: is required",
      "b: is required",
      "c: is required",
      "d: is required",
    ]);
    expect(messages(z.object({ a: z.string() }), null)).toEqual(["(root): must be an object"]);
  });

  it("keeps the first issue of a field: empty before blank, type before anything", () => {
    const note = z.object({
      body: safeText(100, 1).refine((v) => v.trim() !== "", "must not be blank"),
    });
    const raw = note.safeParse({ body: "" });
    const issues = (raw.error?.issues ?? []).map((i) => ({
      field: i.path.join("."),
      message: i.message,
    }));
    expect(issues.map((i) => i.message)).toEqual(["must not be empty", "must not be blank"]);
    expect(onePerField(issues)).toEqual([{ field: "body", message: "must not be empty" }]);
  });
});
