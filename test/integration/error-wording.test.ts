import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/db.ts";
import {
  buildAgent,
  buildWorkspace,
  type Problem,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// Issue 17: a refused request names each field once, in Baton's words, never in the validator's
// ("Invalid input: expected number, received undefined").

const RAW_PHRASES =
  /Invalid input|Invalid option|expected \w+, received|Too (big|small)|Unrecognized key|Invalid (string|number|discriminator)/;

describe.each(databaseKinds)("field errors in Baton's words (%s)", (kind) => {
  let world: World;
  let agent: TestAgent;
  let ws: string;
  let caseNumber: number;
  let version: number;

  beforeAll(async () => {
    world = await startWorld(kind);
    const workspace = await buildWorkspace(world);
    ws = workspace.slug;
    agent = await buildAgent(world, ws, "agent");
    const made = await agent.api.post<{ number: number; version: number }>("/api/v1/cases", {
      workspace: ws,
      subject: "Printer on fire",
    });
    expect(made.status).toBe(201);
    caseNumber = made.body.number;
    version = made.body.version;
  }, 60_000);
  afterAll(() => world.dispose());

  /** The refusal's field errors, checked to be one per field and free of validator phrases. */
  async function refused(
    send: Promise<{ status: number; body: unknown }>,
  ): Promise<Record<string, string>> {
    const reply = await send;
    expect(reply.status, JSON.stringify(reply.body)).toBe(400);
    const problem = reply.body as Problem;
    expect(problem.code).toBe("invalid_input");
    const errors = problem.errors ?? [];
    const fields = errors.map((e) => e.field);
    expect(new Set(fields).size, JSON.stringify(errors)).toBe(fields.length);
    expect(JSON.stringify(problem)).not.toMatch(RAW_PHRASES);
    // The detail leads with the first field, as a person reads it.
    expect(problem.detail).toBe(`${errors[0]?.field}: ${errors[0]?.message}`);
    return Object.fromEntries(errors.map((e) => [e.field, e.message]));
  }

  it("creating a case: missing, empty, blank, wrong type, too long, unknown", async () => {
    const post = (body: unknown) => refused(agent.api.post("/api/v1/cases", body));
    expect(await post({ workspace: ws })).toEqual({ subject: "is required" });
    expect(await post({ workspace: ws, subject: "" })).toEqual({ subject: "must not be empty" });
    expect(await post({ workspace: ws, subject: "   " })).toEqual({
      subject: "must not be blank",
    });
    expect(await post({ workspace: ws, subject: 42, is24x7: "yes" })).toEqual({
      subject: "must be text",
      is24x7: "must be true or false",
    });
    expect(await post({ workspace: ws, subject: "x".repeat(301) })).toEqual({
      subject: "must be at most 300 characters",
    });
    expect(await post({ workspace: ws, subject: "Hi", customerId: "acme", colour: "red" })).toEqual(
      { customerId: "must be a UUID", colour: "is not a known field" },
    );
    expect(await post({ workspace: ws, subject: "Hi", parentCaseNumber: 1.5 })).toEqual({
      parentCaseNumber: "must be a whole number",
    });
  });

  it("changing a case: version and choices", async () => {
    const patch = (body: unknown) => refused(agent.api.patch(`/api/v1/cases/${caseNumber}`, body));
    expect(await patch({ status: "active" })).toEqual({ version: "is required" });
    expect(await patch({ version: "3", status: "active" })).toEqual({
      version: "must be a number",
    });
    expect(await patch({ version, status: "burning" })).toEqual({
      status: expect.stringMatching(/^must be one of new, /),
    });
  });

  it("adding a note: one error for an empty body, choices named", async () => {
    const note = (body: unknown) =>
      refused(agent.api.post(`/api/v1/cases/${caseNumber}/notes`, body));
    expect(await note({ body: "", visibility: "public" })).toEqual({
      body: "must not be empty",
    });
    expect(await note({ body: " \n ", visibility: "secret" })).toEqual({
      body: "must not be blank",
      visibility: "must be one of public, private",
    });
    expect(
      await note({ body: "Hi", visibility: "public", attachmentIds: Array(21).fill("x") }),
    ).toEqual({ attachmentIds: "takes at most 20 files" });
    expect(await note({ body: "Hi", visibility: "public", mentions: Array(51).fill("x") })).toEqual(
      { mentions: "must have at most 50 items" },
    );
  });

  it("a list's query: numbers and their bounds", async () => {
    const list = (query: string) =>
      refused(agent.api.get(`/api/v1/cases/${caseNumber}/timeline?${query}`));
    expect(await list("limit=many")).toEqual({ "querystring.limit": "must be a number" });
    expect(await list("limit=0")).toEqual({ "querystring.limit": "must be at least 1" });
    expect(await list("limit=501")).toEqual({ "querystring.limit": "must be at most 500" });
    expect(await list("limit=2.5")).toEqual({ "querystring.limit": "must be a whole number" });
  });
});
