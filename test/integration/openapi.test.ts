import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISTRIBUTIONS } from "../../src/domain/routing/methods.ts";
import { TRANSFER_STATES } from "../../src/domain/transfer/machine.ts";
import { client, startWorld, type World } from "../support/world.ts";

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
}
interface Answer {
  description: string;
  content?: Record<string, { schema: JsonSchema }>;
}
type Operation = {
  operationId?: string;
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, Answer>;
};
interface Document {
  openapi: string;
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
}

/** A named component stands for its schema: follow the reference. */
const resolved = (doc: Document, schema: JsonSchema | undefined): JsonSchema | undefined =>
  schema?.$ref ? doc.components.schemas[schema.$ref.replace("#/components/schemas/", "")] : schema;

const operations = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );

describe("API reference", () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld("pglite");
  });
  afterAll(() => world.dispose());

  it("serves an OpenAPI document that covers the case routes", async () => {
    const reply = await client(world.app).get<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    }>("/api/v1/openapi.json");
    expect(reply.status).toBe(200);
    expect(reply.body.openapi).toMatch(/^3\./);
    const paths = reply.body.paths;
    expect(Object.keys(paths["/api/v1/cases"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(Object.keys(paths["/api/v1/cases/{number}"] ?? {}).sort()).toEqual(["get", "patch"]);
    expect(Object.keys(paths["/api/v1/workspaces/{workspace}/queues"] ?? {})).toEqual(["get"]);
    expect(Object.keys(paths["/api/v1/workspaces/{workspace}/queues/{queue}"] ?? {})).toEqual([
      "patch",
    ]);
    expect(paths["/api/v1/health"]).toBeDefined();
    expect(Object.keys(paths["/api/v1/workspaces/{workspace}/sheet"] ?? {}).sort()).toEqual([
      "get",
      "post",
    ]);
    expect(Object.keys(paths["/api/v1/workspaces/{workspace}/sheet.csv"] ?? {})).toEqual(["get"]);
    expect(Object.keys(paths["/api/v1/workspaces/{workspace}/sheet/{id}"] ?? {})).toEqual([
      "patch",
    ]);
    for (const move of ["claim", "release", "done"])
      expect(Object.keys(paths[`/api/v1/workspaces/{workspace}/sheet/{id}/${move}`] ?? {})).toEqual(
        ["post"],
      );
    expect(paths["/api/v1/_control/{operation}"]).toBeUndefined();
  });

  it("describes the transfer answers the web app reads, field by field", async () => {
    const reply = await client(world.app).get<Document>("/api/v1/openapi.json");
    const answer = (path: string, method: string, status: string) =>
      resolved(
        reply.body,
        reply.body.paths[`/api/v1${path}`]?.[method]?.responses[status]?.content?.[
          "application/json"
        ]?.schema,
      );
    const view = answer("/transfers/{id}", "get", "200");
    expect(view?.properties?.state?.enum).toEqual([...TRANSFER_STATES]);
    for (const field of ["caseSubject", "caseSeverity", "newBrand", "actions"])
      expect(view?.properties).toHaveProperty(field);
    const options = answer("/cases/{number}/transfer-options", "get", "200");
    expect(options?.properties?.kinds?.items?.properties).toHaveProperty("blockers");
    expect(answer("/cases/{number}/transfers", "post", "200")?.properties).toHaveProperty(
      "missingFields",
    );
    const queues = answer("/workspaces/{workspace}/queues", "get", "200");
    const queue = resolved(reply.body, queues?.properties?.items?.items)?.properties;
    expect(queue?.distribution?.enum).toEqual([...DISTRIBUTIONS]);
    for (const field of ["waiting", "members", "mayChange"]) expect(queue).toHaveProperty(field);
  });

  it("names every operation, verb first, once", async () => {
    const doc = (await client(world.app).get<Document>("/api/v1/openapi.json")).body;
    const ids = operations(doc).map(({ operation }) => operation.operationId);
    expect(ids.filter((id) => !/^[a-z]+[A-Z][A-Za-z]*$/.test(id ?? ""))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    const id = (path: string, method: string) => doc.paths[`/api/v1${path}`]?.[method]?.operationId;
    expect(id("/cases", "get")).toBe("listCases");
    expect(id("/cases", "post")).toBe("createCase");
    expect(id("/cases/{number}", "patch")).toBe("updateCase");
    expect(id("/cases/{number}/transfers", "post")).toBe("createTransfer");
    expect(id("/transfers/{id}/approve", "post")).toBe("approveTransfer");
  });

  it("shares the big objects as named components", async () => {
    const doc = (await client(world.app).get<Document>("/api/v1/openapi.json")).body;
    for (const name of ["Case", "CaseSummary", "Transfer", "Problem", "NoteInput", "TimelineItem"])
      expect(doc.components.schemas, name).toHaveProperty(name);
    const ref = (path: string, method: string, status: string) =>
      doc.paths[`/api/v1${path}`]?.[method]?.responses[status]?.content?.["application/json"]
        ?.schema.$ref;
    expect(ref("/cases/{number}", "get", "200")).toBe("#/components/schemas/Case");
    expect(ref("/transfers/{id}", "get", "200")).toBe("#/components/schemas/Transfer");
    expect(
      doc.paths["/api/v1/cases/{number}/notes"]?.post?.requestBody?.content["application/json"]
        ?.schema.$ref,
    ).toBe("#/components/schemas/NoteInput");
  });

  it("documents the problems each operation can answer with, typed", async () => {
    const doc = (await client(world.app).get<Document>("/api/v1/openapi.json")).body;
    const problem = "#/components/schemas/Problem";
    const api = operations(doc).filter(({ path }) => path.startsWith("/api/v1/"));
    for (const { path, method, operation } of api) {
      const where = `${method.toUpperCase()} ${path}`;
      for (const [status, answer] of Object.entries(operation.responses))
        if (Number(status) >= 400)
          expect(answer.content?.["application/problem+json"]?.schema.$ref, where).toBe(problem);
      const statuses = Object.keys(operation.responses);
      const open = Array.isArray(operation.security) && operation.security.length === 0;
      // What each kind of operation must document; the counts below show every kind occurs.
      const needed = [
        "503",
        ...(open ? [] : ["401", "403"]),
        ...(path.includes("{") ? ["404"] : []),
        ...(operation.requestBody ? ["400", "413", "415"] : []),
      ];
      expect(statuses, where).toEqual(expect.arrayContaining(needed));
    }
    expect(api.filter(({ operation }) => operation.security?.length !== 0).length).toBeGreaterThan(
      100,
    );
    expect(api.filter(({ path }) => path.includes("{")).length).toBeGreaterThan(50);
    expect(api.filter(({ operation }) => operation.requestBody).length).toBeGreaterThan(50);
    const update = doc.paths["/api/v1/cases/{number}"]?.patch?.responses;
    expect(Object.keys(update ?? {})).toEqual([
      "200",
      "400",
      "401",
      "403",
      "404",
      "409",
      "413",
      "415",
      "422",
      "503",
    ]);
    const shape = doc.components.schemas.Problem?.properties;
    expect(shape?.currentVersion?.type).toBe("integer");
    expect(shape?.errors?.items?.properties).toHaveProperty("field");
    expect(Object.keys(doc.paths["/api/v1/auth/login"]?.post?.responses ?? {})).toContain("429");
    // A used invitation link is gone for good, which a route says of itself.
    expect(
      Object.keys(doc.paths["/api/v1/invitations/{token}/accept"]?.post?.responses ?? {}),
    ).toEqual(expect.arrayContaining(["403", "409", "410", "429"]));
  });

  it("gives answers that are not JSON their real content type, and 204s no body", async () => {
    const doc = (await client(world.app).get<Document>("/api/v1/openapi.json")).body;
    const ok = (path: string, method = "get") =>
      doc.paths[`/api/v1${path}`]?.[method]?.responses["200"]?.content ?? {};
    expect(Object.keys(ok("/calendar/{kind}/{file}"))).toEqual(["text/calendar"]);
    expect(Object.keys(ok("/events"))).toEqual(["text/event-stream"]);
    expect(Object.keys(ok("/workspaces/{workspace}/sheet.csv"))).toEqual(["text/csv"]);
    expect(ok("/attachments/{id}")["application/octet-stream"]?.schema).toEqual({
      type: "string",
      format: "binary",
    });
    const body = (path: string) => doc.paths[`/api/v1${path}`]?.post?.requestBody?.content ?? {};
    expect(body("/inbound/messages")["message/rfc822"]?.schema.format).toBe("binary");
    expect(Object.keys(body("/cases/{number}/attachments"))).toEqual(["multipart/form-data"]);
    const noContent = operations(doc).filter(({ operation }) => operation.responses["204"]);
    expect(noContent.length).toBeGreaterThanOrEqual(4);
    for (const { path, operation } of noContent)
      expect(operation.responses["204"], path).toEqual({ description: "Done; no content" });
  });

  it("names the server: the public address when set, else the one asked", async () => {
    const asked = await client(world.app).get<Document>("/api/v1/openapi.json");
    expect(asked.body.servers).toEqual([{ url: "http://localhost:80" }]);
    const ui = await world.app.inject({ url: "/docs/json", headers: { host: "baton.lan:8080" } });
    expect(ui.json<Document>().servers).toEqual([{ url: "http://baton.lan:8080" }]);
    const pub = await startWorld("pglite", { BATON_PUBLIC_URL: "https://baton.acme.test/" });
    try {
      const reply = await client(pub.app).get<Document>("/api/v1/openapi.json");
      expect(reply.body.servers).toEqual([{ url: "https://baton.acme.test" }]);
    } finally {
      await pub.dispose();
    }
  });

  it("serves the interactive reference at /docs", async () => {
    const reply = await client(world.app).get<string>("/docs/");
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toMatch(/text\/html/);
    expect(String(reply.body)).toMatch(/swagger/i);
  });
});
