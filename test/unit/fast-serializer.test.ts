import { serializerCompiler } from "fastify-type-provider-zod";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { fastSerializerCompiler } from "../../src/http/fast-serializer.ts";
import { caseSummary, page } from "../../src/http/routes/case-schemas.ts";

const route = (schema: z.ZodType) => ({ schema, method: "GET", url: "/cases", httpStatus: "200" });

const item = {
  number: 1042,
  workspace: "follow-the-sun",
  subject: 'Disk "full" — ünïcode \u2028 and \\ slashes',
  internalTitle: "",
  status: "active",
  severity: "A",
  priority: "P1",
  is24x7: true,
  queue: "l1-support",
  region: null,
  owner: { id: "7c0e0f0e-0000-4000-8000-000000000001", name: "Ana" },
  updatedAt: "2026-12-05T19:46:18.123Z",
  version: 3,
  due: {
    dueAt: "2026-12-06T08:00:00.000Z",
    paused: false,
    firstResponseDueAt: null,
    nextUpdateDueAt: "2026-12-06T10:00:00.000Z",
    resolutionDueAt: null,
  },
};

describe("the compiled list serializer", () => {
  const schema = page(caseSummary);
  const fast = fastSerializerCompiler(route(schema));
  const zod = serializerCompiler(route(schema) as Parameters<typeof serializerCompiler>[0]);

  it("writes what the Zod serializer writes, nulls and nested objects included", () => {
    const body = {
      items: [item, { ...item, number: 7, owner: null, region: "emea", is24x7: false }],
      nextCursor: "eyJ1IjpudWxsfQ",
    };
    expect(fast(body)).toBe(zod(body));
    expect(JSON.parse(fast({ items: [], nextCursor: null }))).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it("leaves out what the schema does not name, as the Zod serializer does", () => {
    const body = {
      items: [{ ...item, ownerId: "secret", owner: { ...item.owner, email: "ana@example.com" } }],
      nextCursor: null,
      extra: 1,
    };
    expect(fast(body)).toBe(zod(body));
    expect(fast(body)).not.toContain("ana@example.com");
  });
});
