import { randomBytes } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import { addUser } from "../../src/commands/accounts/addUser.ts";
import { createWorkspace } from "../../src/commands/workspaces/createWorkspace.ts";
import { loadConfig } from "../../src/config.ts";
import type { DatabaseKind } from "../../src/db/client.ts";
import type { RoleId } from "../../src/domain/permissions.ts";
import { type App, buildApp } from "../../src/http/app.ts";
import { type PresetSlug, presets } from "../../src/presets/index.ts";
import { createApiToken } from "../../src/writes/api-tokens.ts";
import { openTestDatabase, type TestDatabase } from "./db.ts";

export interface World {
  database: TestDatabase;
  app: App;
  dispose(): Promise<void>;
}

/**
 * `env`: settings the test runs under (e.g. an S3 store), as the environment would give them;
 * `connections`: the PostgreSQL pool's size.
 */
export async function startWorld(
  kind: DatabaseKind,
  env: NodeJS.ProcessEnv = {},
  connections?: number,
): Promise<World> {
  const database = await openTestDatabase(kind, connections);
  const app = await buildApp({ database, config: loadConfig(env) });
  await app.ready();
  return {
    database,
    app,
    dispose: async () => {
      await app.close();
      await database.dispose();
    },
  };
}

const unique = () => randomBytes(4).toString("hex");

/** Each test makes its own workspace, so tests never see each other's data. */
export async function buildWorkspace(
  world: World,
  preset: PresetSlug = "regional-cse",
  policy: unknown = presets[preset],
) {
  const slug = `${preset}-${unique()}`;
  const ws = await createWorkspace(
    world.database.db,
    { slug, name: `Test ${preset}`, preset, policy },
    null,
  );
  return { id: ws.id, slug, policy: ws.policy };
}

export interface TestAgent {
  userId: string;
  email: string;
  handle: string;
  token: string;
  api: Client;
}

export async function buildAgent(
  world: World,
  workspaceSlug: string,
  role: RoleId = "agent",
  extra: {
    email?: string;
    name?: string;
    region?: string;
    queues?: string[];
    skills?: string[];
    languages?: string[];
    timeZone?: string;
  } = {},
): Promise<TestAgent> {
  const handle = `${role.replace("_", "")}${unique()}`;
  const email = extra.email ?? `${handle}@test.example`;
  const { userId } = await addUser(
    world.database.db,
    {
      email,
      name: extra.name ?? `Test ${role} ${handle}`,
      role,
      workspaceSlug,
      password: "correct horse battery",
      ...(extra.region ? { region: extra.region } : {}),
      ...(extra.queues ? { queues: extra.queues } : {}),
      ...(extra.skills ? { skills: extra.skills } : {}),
      ...(extra.languages ? { languages: extra.languages } : {}),
      ...(extra.timeZone ? { timeZone: extra.timeZone } : {}),
    },
    null,
  );
  const { token } = await createApiToken(world.database.db, userId, "test");
  return { userId, email, handle, token, api: client(world.app, token) };
}

/** Tests name the response type they expect; a Problem when they expect a refusal. */
export interface Reply<T> {
  status: number;
  body: T;
  headers: LightMyRequestResponse["headers"];
}

export interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: { field: string; message: string }[];
  [extra: string]: unknown;
}

type Headers = Record<string, string>;

export interface Client {
  get<T = Problem>(url: string, headers?: Headers): Promise<Reply<T>>;
  post<T = Problem>(url: string, body?: unknown, headers?: Headers): Promise<Reply<T>>;
  patch<T = Problem>(url: string, body?: unknown, headers?: Headers): Promise<Reply<T>>;
  put<T = Problem>(url: string, body?: unknown, headers?: Headers): Promise<Reply<T>>;
  delete<T = Problem>(url: string, headers?: Headers): Promise<Reply<T>>;
}

export function client(app: App, token?: string): Client {
  const send = async <T>(
    method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
    url: string,
    body?: unknown,
    headers: Headers = {},
  ): Promise<Reply<T>> => {
    const response = await app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    const text = response.body;
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {}
    return { status: response.statusCode, body: parsed as T, headers: response.headers };
  };
  return {
    get: <T>(url: string, headers?: Headers) => send<T>("GET", url, undefined, headers),
    post: <T>(url: string, body?: unknown, headers?: Headers) =>
      send<T>("POST", url, body, headers),
    patch: <T>(url: string, body?: unknown, headers?: Headers) =>
      send<T>("PATCH", url, body, headers),
    put: <T>(url: string, body?: unknown, headers?: Headers) => send<T>("PUT", url, body, headers),
    delete: <T>(url: string, headers?: Headers) => send<T>("DELETE", url, undefined, headers),
  };
}
