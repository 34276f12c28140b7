import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageTemplates } from "../../src/db/schema.ts";
import { INT4_MAX } from "../../src/domain/numbers.ts";
import { databaseKinds } from "../support/db.ts";
import {
  buildAgent,
  buildWorkspace,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// Issue 15: the rules every input obeys whatever its route's own schema says. An outside fuzzer
// got a 500 from a template's NUL and from a version of 2^31; these prove the rule is structural:
// one text rule for every field of every JSON body, one version schema for every version.

const API = "/api/v1";

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  maximum?: number;
  enum?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}
interface Operation {
  parameters?: { in: string; name: string; schema: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
type OpenApi = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

/** Every integer in a schema, with its dotted path; named components are followed. */
function integers(
  schema: Schema | undefined,
  path: string,
  named: Record<string, Schema>,
): [string, Schema][] {
  if (schema?.$ref) return integers(named[schema.$ref.split("/").pop() ?? ""], path, named);
  if (!schema) return [];
  const here: [string, Schema][] = schema.type === "integer" ? [[path, schema]] : [];
  const nested = [
    ...Object.entries(schema.properties ?? {}).flatMap(([k, v]) =>
      integers(v, `${path}.${k}`, named),
    ),
    ...integers(schema.items, `${path}[]`, named),
    ...[...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].flatMap((s) =>
      integers(s, path, named),
    ),
  ];
  return [...here, ...nested];
}

describe.each(databaseKinds)("input rules for every route (%s)", (kind) => {
  let world: World;
  let admin: TestAgent;
  let slug: string;
  let doc: OpenApi;

  beforeAll(async () => {
    world = await startWorld(kind);
    const ws = await buildWorkspace(world);
    slug = ws.slug;
    admin = await buildAgent(world, ws.slug, "admin");
    doc = (await world.app.inject({ method: "GET", url: "/docs/json" })).json() as OpenApi;
  });
  afterAll(() => world.dispose());

  const jsonOperations = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.requestBody?.content?.["application/json"])
        .map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );

  /** Paths to try, so that one passes each parameter's own pattern and the body is judged. */
  const urlsOf = (path: string, op: Operation) => {
    const values = ["1", "me", "00000000-0000-4000-8000-000000000000"];
    const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
    let urls = [path];
    for (const name of names) {
      const listed = op.parameters?.find((p) => p.in === "path" && p.name === name)?.schema.enum;
      const tries = name === "workspace" ? [slug] : (listed?.slice(0, 1) ?? values);
      urls = urls.flatMap((url) => tries.map((v) => url.replace(`{${name}}`, v)));
    }
    return urls;
  };

  it("has JSON write routes to check", () => {
    expect(jsonOperations().length).toBeGreaterThan(40);
  });

  it("refuses hidden or broken text in any field of any JSON body, naming it, before the route runs", async () => {
    const samples: [string, unknown][] = [
      ["a NUL", { text: "a\u0000b" }],
      ["a right-to-left override", { nested: { name: "invoice\u202Egpj.exe" } }],
      ["an isolate in a list", { items: ["ok", "a\u2066b"] }],
      ["a byte-order mark", { subject: "\uFEFFhello" }],
      ["a lone surrogate", { note: "a\ud800" }],
    ];
    const expected: Record<string, string> = {
      "a NUL": "text",
      "a right-to-left override": "nested.name",
      "an isolate in a list": "items.1",
      "a byte-order mark": "subject",
      "a lone surrogate": "note",
    };
    const send = (method: string, url: string, body: unknown) =>
      world.app.inject({
        method: method as "POST",
        url,
        headers: { authorization: `Bearer ${admin.token}`, "content-type": "application/json" },
        payload: JSON.stringify(body),
      });
    const paramsRefused = (reply: { json(): unknown }) =>
      (reply.json() as { errors?: { field: string }[] }).errors?.[0]?.field.startsWith("params");
    for (const { method, path, op } of jsonOperations()) {
      for (const [name, body] of samples) {
        const urls = urlsOf(path, op);
        let reply = await send(method, urls[0] ?? path, body);
        for (const url of urls.slice(1))
          if (paramsRefused(reply)) reply = await send(method, url, body);
        const where = `${method} ${path} with ${name}`;
        expect(reply.statusCode, `${where}: ${reply.body.slice(0, 300)}`).toBe(400);
        const problem = reply.json() as { code: string; errors: { field: string }[] };
        expect(problem.code, where).toBe("invalid_input");
        expect(problem.errors[0]?.field, where).toBe(expected[name]);
        expect(reply.body, where).not.toContain("\u0000");
      }
    }
  });

  it("refuses a key sent twice in any object, at any depth, naming where", async () => {
    const create = (raw: string) =>
      world.app.inject({
        method: "POST",
        url: `${API}/cases`,
        headers: { authorization: `Bearer ${admin.token}`, "content-type": "application/json" },
        payload: raw,
      });
    const other = await buildWorkspace(world);
    await buildAgent(world, other.slug, "admin", { email: admin.email });
    const twice = await create(
      `{"workspace":"${slug}","subject":"Which one?","workspace":"${other.slug}"}`,
    );
    expect(twice.statusCode).toBe(400);
    expect(twice.json()).toMatchObject({
      code: "duplicate_key",
      errors: [{ field: "workspace", message: "appears twice in the JSON body" }],
    });
    const nested = await create(
      `{"workspace":"${slug}","subject":"x","custom":[{"a":1},{"b":1,"b":2}]}`,
    );
    expect(nested.json()).toMatchObject({ errors: [{ field: "custom.1.b" }] });
    // The same key in two different objects is no duplicate.
    const fine = await world.app.inject({
      method: "POST",
      url: `${API}/workspaces/${slug}/templates/customer_notice/preview`,
      headers: { authorization: `Bearer ${admin.token}`, "content-type": "application/json" },
      payload: '{"language":"en","subject":"Hi","text":"Hello"}',
    });
    expect(fine.statusCode, fine.body).toBe(200);
  });

  it("gives every version field of every request the one bounded schema", () => {
    const versions = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).flatMap(([method, op]) => [
        ...(op.parameters ?? []).flatMap((p) =>
          integers(p.schema, `${method} ${path} ${p.name}`, doc.components.schemas),
        ),
        ...integers(
          op.requestBody?.content?.["application/json"]?.schema,
          `${method} ${path}`,
          doc.components.schemas,
        ),
      ]),
    );
    const named = versions.filter(([path]) => /(^|[ .])version$/.test(path));
    expect(named.length).toBeGreaterThan(20);
    for (const [path, schema] of named) expect(schema.maximum, path).toBe(INT4_MAX);
  });

  it("answers 400, never 500, to the template inputs that broke it, and stores nothing", async () => {
    const url = `${API}/workspaces/${slug}/templates/customer_notice/en`;
    const put = (body: unknown) =>
      world.app.inject({
        method: "PUT",
        url,
        headers: { authorization: `Bearer ${admin.token}` },
        payload: body as object,
      });
    const [before] = await world.database.db.select({ n: count() }).from(messageTemplates);
    const cases: [unknown, string][] = [
      [{ subject: "Hi\u0000", text: "Hello" }, "subject"],
      [{ subject: "Hi", text: "Hel\u0000lo" }, "text"],
      [{ subject: "Hi", text: "Hello", version: 2_147_483_648 }, "version"],
      [{ subject: "Hi", text: "Hello", version: 1e300 }, "version"],
    ];
    for (const [body, field] of cases) {
      const reply = await put(body);
      expect(reply.statusCode, reply.body).toBe(400);
      expect(reply.json().errors[0].field).toBe(field);
    }
    const removed = await world.app.inject({
      method: "DELETE",
      url: `${url}?version=2147483648`,
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(removed.statusCode).toBe(400);
    const preview = await world.app.inject({
      method: "POST",
      url: `${API}/workspaces/${slug}/templates/customer_notice/preview`,
      headers: { authorization: `Bearer ${admin.token}` },
      payload: { language: "en", subject: "A\u0000B", text: "x" },
    });
    expect(preview.statusCode).toBe(400);
    expect(preview.body).not.toContain("\\u0000");
    const [after] = await world.database.db.select({ n: count() }).from(messageTemplates);
    expect(after?.n).toBe(before?.n);
  });
});
