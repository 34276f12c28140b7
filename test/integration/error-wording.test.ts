import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/db.ts";
import { expectBatonWording } from "../support/wording.ts";
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
    expectBatonWording(problem);
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
    expect(await note({})).toEqual({ body: "is required", visibility: "is required" });
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

  it("every JSON body of the API, sent empty or with every field of the wrong type", async () => {
    interface Schema {
      $ref?: string;
      type?: string | string[];
      properties?: Record<string, Schema>;
    }
    type Operation = { requestBody?: { content?: Record<string, { schema?: Schema }> } };
    const doc = (await world.app.inject({ url: "/api/v1/openapi.json" })).json() as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, Schema> };
    };
    const resolve = (schema: Schema | undefined) =>
      schema?.$ref ? doc.components.schemas[schema.$ref.split("/").pop() ?? ""] : schema;
    // Text where a field wants anything else, a number where it wants text.
    const wrong = (schema: Schema | undefined) =>
      Object.fromEntries(
        Object.entries(resolve(schema)?.properties ?? {}).map(([key, field]) => [
          key,
          [field.type].flat().includes("string") ? 12345 : "twelve",
        ]),
      );
    let judged = 0;
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(methods)) {
        const json = operation.requestBody?.content?.["application/json"]?.schema;
        if (!json) continue;
        const url = path
          .replace("{workspace}", ws)
          .replace("{number}", String(caseNumber))
          .replace(/\{\w+\}/g, "00000000-0000-4000-8000-000000000000");
        for (const body of [{}, wrong(json)]) {
          const reply = await agent.api[method as "post"]<Problem>(url, body);
          if (reply.status !== 400) continue;
          judged++;
          expectBatonWording(reply.body);
        }
      }
    expect(judged).toBeGreaterThan(60);
  });

  it("a missing field is required, whatever the schema calls a wrong one", async () => {
    // The schema words a wrong address itself ("must be an email address"); a missing one is not wrong.
    expect(
      await refused(agent.api.post(`/api/v1/workspaces/${ws}/invitations`, { role: "agent" })),
    ).toEqual({ email: "is required" });
    expect(
      await refused(
        agent.api.post(`/api/v1/workspaces/${ws}/invitations`, { email: "x", role: "agent" }),
      ),
    ).toEqual({ email: "must be an email address" });
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
