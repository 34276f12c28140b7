import { serializerCompiler } from "fastify-type-provider-zod";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { fastSerializerCompiler } from "../../src/http/fast-serializer.ts";
import { caseSummary, page } from "../../src/http/routes/case-schemas.ts";
import { transferView } from "../../src/http/routes/transfer-schemas.ts";

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

describe("the compiled transfer serializer", () => {
  const transferRoute = (schema: z.ZodType) => ({
    schema,
    method: "POST",
    url: "/cases/:number/transfers",
    httpStatus: "201",
  });
  const fast = fastSerializerCompiler(transferRoute(transferView));
  const zod = serializerCompiler(
    transferRoute(transferView) as Parameters<typeof serializerCompiler>[0],
  );
  const ana = { id: "7c0e0f0e-0000-4000-8000-000000000001", name: 'Ana "A" Müller' };
  const view = {
    id: "0b9c8f6e-0000-4000-8000-0000000000aa",
    caseNumber: 100198,
    caseSubject: "Login \u2028 fails — 😀 \\ slashes",
    caseSeverity: "s2",
    workspace: "helpdesk-transfer",
    kind: "transfer",
    kindName: "Transfer",
    state: "awaiting_acceptance",
    requestedBy: ana,
    from: { owner: ana, queue: "l1-support" },
    target: { type: "agent", agent: ana, queue: null, region: "emea", label: "Ana" },
    reason: "escalate-to-l2",
    reasonLabel: "Escalate from level 1 to level 2",
    reasonText: null,
    fields: { comment: "", stepsToReproduce: "1. open\n2. click" },
    requiredSteps: ["notes_updated", "approval"],
    steps: [
      { step: "notes_updated", by: ana, at: "2026-12-07T02:00:00.000Z", note: "handover note" },
      { step: "approval", by: null, at: "2026-12-07T02:01:00.000Z", how: "email" },
    ],
    nextStep: null,
    warnings: [{ id: "after_hours", outcome: "warn", message: "Outside the target's hours" }],
    artifacts: {
      handoverNote: "HANDOVER — Transfer\nTo: Ana",
      targetLabel: "Ana",
      titlePrefix: null,
      dispatchText: "a kind's own artifact",
      emptyOne: null,
    },
    newPriority: null,
    newBrand: "baton",
    newStatus: "active",
    pin: true,
    pinUntil: "2026-12-08T00:00:00.000Z",
    comment: "",
    decidedBy: null,
    decisionNote: null,
    expiresAt: "2026-12-07T03:00:00.000Z",
    completedAt: null,
    createdAt: "2026-12-07T02:00:00.000Z",
    version: 1,
    actions: ["withdraw", "step:customer_notified"],
  };

  it("writes what the Zod serializer writes: nulls, optional keys, a kind's own artifacts", () => {
    expect(fast(view)).toBe(zod(view));
    const bare = {
      ...view,
      requestedBy: null,
      from: { owner: null, queue: "l2-support" },
      target: { ...view.target, agent: null },
      fields: {},
      steps: [],
      warnings: [],
      artifacts: {},
      nextStep: "approval",
    };
    expect(fast(bare)).toBe(zod(bare));
  });

  it("leaves out what the schema does not name", () => {
    const leaky = { ...view, tokenHash: "secret", requestedBy: { ...ana, email: "ana@x.example" } };
    expect(fast(leaky)).toBe(zod(leaky));
    expect(fast(leaky)).not.toContain("secret");
  });
});
