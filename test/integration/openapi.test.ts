import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISTRIBUTIONS } from "../../src/domain/routing/methods.ts";
import { TRANSFER_STATES } from "../../src/domain/transfer/machine.ts";
import { client, startWorld, type World } from "../support/world.ts";

interface JsonSchema {
  type?: string;
  enum?: string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
}
type Operation = {
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
};

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
    const reply = await client(world.app).get<{
      paths: Record<string, Record<string, Operation>>;
    }>("/api/v1/openapi.json");
    const answer = (path: string, method: string, status: string) =>
      reply.body.paths[`/api/v1${path}`]?.[method]?.responses[status]?.content?.["application/json"]
        ?.schema;
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
    const queue = queues?.properties?.items?.items?.properties;
    expect(queue?.distribution?.enum).toEqual([...DISTRIBUTIONS]);
    for (const field of ["waiting", "members", "mayChange"]) expect(queue).toHaveProperty(field);
  });

  it("serves the interactive reference at /docs", async () => {
    const reply = await client(world.app).get<string>("/docs/");
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toMatch(/text\/html/);
    expect(String(reply.body)).toMatch(/swagger/i);
  });
});
