import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, startWorld, type World } from "../support/world.ts";

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
    expect(paths["/api/v1/health"]).toBeDefined();
    expect(paths["/api/v1/_control/{operation}"]).toBeUndefined();
  });

  it("serves the interactive reference at /docs", async () => {
    const reply = await client(world.app).get<string>("/docs/");
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toMatch(/text\/html/);
    expect(String(reply.body)).toMatch(/swagger/i);
  });
});
